"""Every page a visitor reaches is valid HTML according to the Nu HTML Checker (vnu).

The HTML comes from Django's test client (no browser): every live page, the listing states and
other views a visitor reaches, every form after a failed and a successful submission, and the
404 page (tests/browser/visits.py), with images on a page of every teaser kind and on a contact
person (`with_images`) and a search listing them all. All documents go to one vnu run, since the JVM takes
a few seconds to start. Zero errors are allowed; warnings are not reported.

Needs Java 17+ and vnu.jar: `make test-html` installs vnu-jar from npm into .tools/ (git-ignored)
and runs this module. Without them the tests skip, so `make test` works on any machine;
VNU_JAR points at another vnu.jar.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings

from contacts.models import OrganisationContactPerson, RegionContactPerson
from tests.browser.visits import collect_visits, form_submissions
from tests.factories import pages_of_every_kind

pytestmark = [pytest.mark.html, pytest.mark.django_db]

# A search that finds the pages of every kind `with_images` adds, so their teasers are checked too.
IMAGE_SEARCH = "/suche/?q=Bildprobe"

VNU_JAR = Path(
    os.environ.get("VNU_JAR", settings.BASE_DIR / ".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
VNU_TIMEOUT_S = 300


def vnu_command():
    """The command that runs vnu, or a pytest.skip with what is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is missing (apt-get install default-jre-headless); see `make test-html`")
    if not VNU_JAR.is_file():
        pytest.skip(f"{VNU_JAR} is missing: `make vnu` installs it (npm package vnu-jar)")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]


@pytest.fixture
def with_images(demo_page):
    """Images wherever the portal shows them: a page of every teaser kind with a teaser image, a contact
    person with photo and organisation (on a region page, in Ansprechpersonen, on the organisation's
    page, on their own page), besides the demo content's key visuals and news images."""
    region = demo_page("metropole-ruhr")
    pages = pages_of_every_kind(
        demo_page(""),
        region,
        demo_page("partnerverzeichnis"),
        demo_page("ansprechpersonen"),
        intro="Bildprobe.",
    )
    person, organisation = pages[5], pages[4]
    RegionContactPerson.objects.create(page=region, person=person)
    OrganisationContactPerson.objects.create(page=organisation, person=person)
    return pages


def documents(client):
    """(label, expected status, response) for every HTML document to validate."""

    def fetch(path):
        response = client.get(path)
        return response.status_code, response.content

    visits, _source = collect_visits(fetch)
    for visit in visits:
        response = client.get(visit.path)
        if visit.optional and response.status_code == 404:
            continue
        yield visit.path, visit.status, response
    yield IMAGE_SEARCH, 200, client.get(IMAGE_SEARCH)  # a teaser of every kind, each with its image
    # The forms after sending them: with errors, then accepted.
    for submission in form_submissions():
        if submission.optional and client.get(submission.path).status_code == 404:
            continue
        yield submission.label, submission.status, client.post(submission.path, submission.data)


def run_vnu(command, files):
    """vnu's error messages for files, as {file name: [message, ...]}."""
    result = subprocess.run(  # noqa: S603 (fixed command, our own temp files)
        [*command, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"vnu failed ({result.returncode}):\n{result.stderr}"
    errors = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] == "info":
            continue
        name = Path(unquote(urlsplit(message.get("url", "")).path)).name
        errors.setdefault(name, []).append(message)
    return errors


def describe(message):
    where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
    extract = message.get("extract", "").strip().replace("\n", "⏎")
    return f"  {where}: {message['message']}\n      …{extract}…"


def test_every_page_is_valid_html(client, tmp_path, capsys, with_images):
    command = vnu_command()  # skips before rendering anything when vnu cannot run
    files, labels, wrong_status = [], {}, []
    for number, (label, status, response) in enumerate(documents(client)):
        if response.status_code != status:
            wrong_status.append(f"{label}: {response.status_code}, expected {status}")
        assert response["Content-Type"].startswith("text/html"), f"{label}: {response['Content-Type']}"
        file = tmp_path / f"{number:03d}.html"
        file.write_bytes(response.content)
        files.append(file)
        labels[file.name] = label

    # A control document with a known error proves that vnu's messages reach this test.
    control = tmp_path / "kontrolle.html"
    control.write_text('<!doctype html><html lang="de"><title>x</title><p><img src="a.png"></html>')
    errors = run_vnu(command, [*files, control])
    assert "alt" in str(errors.pop(control.name, "")), f"vnu missed the error in {control.name}"

    report = "\n".join(
        f"{labels.get(name, name)} ({len(messages)} errors):\n" + "\n".join(map(describe, messages))
        for name, messages in sorted(errors.items())
    )
    with capsys.disabled():  # the counts belong in every log, also when the test passes
        print(f"\nvnu checked {len(files)} documents: {sum(map(len, errors.values()))} errors")
    assert not wrong_status, "unexpected status:\n" + "\n".join(wrong_status)
    if errors:
        pytest.fail(f"{len(errors)} of {len(files)} documents are not valid HTML:\n{report}", pytrace=False)
