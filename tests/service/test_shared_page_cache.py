"""The page cache across processes, as `make run` and production run it.

A real gunicorn with two web workers serves the demo content from its own database; another
process (as the job worker or an editor's request on another instance would) publishes a change.
The first worker to render a page stores it for the other; after the publish, no worker serves
the old page. The cache is the one `make run` uses (files) or Redis when REDIS_URL is set.

Run with `make test-service` (marker ``service``); it sets up its own database (about a minute).
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.service

ROOT = Path(__file__).resolve().parents[2]
NEWS_SLUG = "kraftwerksflaechen-neu-nutzen"
PUBLISH = f"""
from news.models import NewsPage
item = NewsPage.objects.get(slug="{NEWS_SLUG}")
item.title = "Kraftwerksflächen werden Gewerbegebiete"
item.save_revision().publish()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """Settings of `make run` on a database and cache of this test's own."""
    work = tmp_path_factory.mktemp("shared-cache")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.service.settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DJANGO_CACHE_DIR": str(work / "cache"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_SECRET_KEY": "service-test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_demo_content", "--verbosity", "0")
    yield env
    shutil.rmtree(work, ignore_errors=True)


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


@pytest.fixture(scope="module")
def server(environment):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "regionportal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(port, "/robots.txt")
            break
        except OSError:
            time.sleep(0.2)
    yield port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def get(port, path):
    """One request on a new connection, so gunicorn may hand it to either worker."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, response.getheader("X-Page-Cache"), body


def test_workers_share_pages_and_a_publish_elsewhere_reaches_them_all(environment, server):
    path = "/aktuelles/"
    before = [get(server, path) for _ in range(20)]
    assert all(status == 200 for status, _, _ in before)
    assert [cached for _, cached, _ in before] == ["miss"] + ["hit"] * 19  # both workers, one render
    assert all("Kraftwerksflächen neu nutzen" in body for _, _, body in before)

    manage(environment, "shell", "-c", PUBLISH)  # another process, as the job worker

    after = [get(server, path) for _ in range(20)]
    assert [cached for _, cached, _ in after] == ["miss"] + ["hit"] * 19
    assert all("Kraftwerksflächen werden Gewerbegebiete" in body for _, _, body in after)
    assert not any("Kraftwerksflächen neu nutzen" in body for _, _, body in after)
