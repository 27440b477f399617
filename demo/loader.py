"""Build the demo page tree from the readable YAML files in fixtures/demo/.

Each file names a `parent` (a page path below the home page, "" for home itself, or the
special value "/" for the tree root) and a list of `pages`. A page entry has `type`
("app.Model"), `slug`, `title`, its field values, optional `children` and optional
`inline` child objects (e.g. an event's dates). Values that point at other pages are page
paths such as "partnerverzeichnis/ihk-duesseldorf"; inside StreamField data a page is
written as {"$page": "path"}. Page references are resolved after every page exists.
A file in fixtures/media/ becomes a Wagtail document in the "Portal" collection, written as
{"$document": "file name"}; it is looked up by its title (the file name) and created only once.
An image field written as {"$graphic": "region"} (or "news", "event", "project") gets a graphic
drawn for the page (demo/graphics.py): no photos, credited as generated, in the collection of the
page's region; it is looked up by its title and created only once, like a document.

A `users` list names demo logins and their role; they are created before the pages (pages may
name them as `review_owner`) and put into their groups once the editorial roles are set up.

Loading is idempotent: a page that already exists at its path is left exactly as it is
(editors' changes win), so running the loader twice changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from demo import graphics
from editorial.roles import PORTAL_COLLECTION, child_collection, setup_editorial
from regions.models import RegionPage

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
MEDIA_FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "media"
RESERVED_KEYS = {"type", "slug", "title", "children", "inline"}


@dataclass
class LoadReport:
    """What a run of the loader did, for the command's output and for tests."""

    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)


@dataclass
class PendingPage:
    page: Page
    references: dict
    inline: dict


def read_fixture_files(directory=FIXTURE_DIR):
    """The fixture documents in file-name order."""
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.yaml"))]


class DemoContentLoader:
    """Create the page tree, site and settings described by the fixture files."""

    def __init__(self, documents, hostname="127.0.0.1", port=8000):
        self.documents = documents
        self.hostname = hostname
        self.port = port
        self.report = LoadReport()
        self.pending = []

    @transaction.atomic
    def load(self):
        self._load_users()
        home = self._home_page()
        for document in self.documents:
            if document.get("parent") == "/":
                continue  # the home page itself, created above
            parent = self.resolve(document.get("parent", ""), home)
            for entry in document.get("pages", []):
                self._load_page(entry, parent)
        for pending in self.pending:
            self._finish(pending, home)
        self._load_settings(home)
        self._assign_roles(setup_editorial(), home)
        return self.report

    @property
    def users(self):
        """The demo users' entries from every fixture file (key `users`)."""
        return [entry for document in self.documents for entry in document.get("users", [])]

    def _load_users(self):
        """Create missing demo users, without a usable password until `ensure_admin --demo-users`."""
        user_model = get_user_model()
        for entry in self.users:
            if user_model.objects.filter(username=entry["username"]).exists():
                continue
            user = user_model(
                username=entry["username"],
                first_name=entry.get("first_name", ""),
                last_name=entry.get("last_name", ""),
                email=entry.get("email", ""),
            )
            user.set_unusable_password()
            user.save()

    def _assign_roles(self, groups, home):
        """Put each demo user into the group of their role ("region", "portal" or "moderation")."""
        for entry in self.users:
            if entry["role"] == "region":
                group = groups["regions"][self.resolve(entry["region"], home).pk]
            else:
                group = groups[entry["role"]]
            get_user_model().objects.get_by_natural_key(entry["username"]).groups.add(group)

    def resolve(self, path, home=None):
        """The page at a path below the home page, e.g. "aktuelles"."""
        home = home or self._site().root_page
        if not path:
            return home.specific
        return Page.objects.get(url_path=f"{home.url_path}{path.strip('/')}/").specific

    def _site(self):
        return Site.objects.get(is_default_site=True)

    def _home_page(self):
        """The portal's home page as the default site's root, replacing Wagtail's welcome page."""
        home_entry = next(doc for doc in self.documents if doc.get("parent") == "/")["pages"][0]
        model = apps.get_model(home_entry["type"])
        root = Page.get_first_root_node()
        home = model.objects.child_of(root).filter(slug=home_entry["slug"]).first()
        if home is not None:
            self.report.existing.append(home.url_path)
            self._ensure_site(home)  # follows --hostname/--port, e.g. `make run PORT=8091`
            return home
        Page.objects.child_of(root).filter(content_type__model="page", slug=home_entry["slug"]).delete()
        home = self._create(model, home_entry, root)
        self._ensure_site(home)
        return home

    def _ensure_site(self, home):
        Site.objects.filter(is_default_site=True).exclude(root_page=home).delete()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": self.hostname,
                "port": self.port,
                "root_page": home,
                "site_name": home.title,
            },
        )

    def _load_page(self, entry, parent):
        model = apps.get_model(entry["type"])
        existing = Page.objects.child_of(parent).filter(slug=entry["slug"]).first()
        if existing is not None:
            self.report.existing.append(existing.url_path)
            page = existing.specific
        else:
            page = self._create(model, entry, parent)
        for child in entry.get("children", []):
            self._load_page(child, page)

    def _create(self, model, entry, parent):
        """Create a page with its plain fields; page references are set once every page exists."""
        page = model(title=entry["title"], slug=entry["slug"])
        references = {}
        for name, value in entry.items():
            if name in RESERVED_KEYS:
                continue
            model_field = model._meta.get_field(name)
            if self._is_reference(model_field, value):
                references[name] = value
            else:
                setattr(page, name, self._plain_value(model_field, value))
        parent.add_child(instance=page)
        self.pending.append(PendingPage(page, references, entry.get("inline", {})))
        self.report.created.append(page.url_path)
        return page

    @staticmethod
    def _is_reference(model_field, value):
        if isinstance(model_field, TaggableManager | ParentalManyToManyField | models.ForeignKey):
            return True
        return isinstance(model_field, StreamField) and any(
            marker in repr(value) for marker in ("$page", "$document")
        )

    @staticmethod
    def _plain_value(model_field, value):
        if isinstance(model_field, StreamField):
            return value
        return model_field.to_python(value)

    def _finish(self, pending, home):
        """Set references and inline objects, then publish the page as its first revision."""
        page = pending.page
        for name, value in pending.references.items():
            model_field = page._meta.get_field(name)
            if isinstance(value, dict) and set(value) == {"$graphic"}:
                setattr(page, name, self.graphic(value["$graphic"], page))
            elif isinstance(model_field, TaggableManager):
                getattr(page, name).add(*value)
            elif isinstance(model_field, ParentalManyToManyField):
                getattr(page, name).set([self.resolve(path, home) for path in value])
            elif isinstance(model_field, models.ForeignKey):
                setattr(page, name, self._related_object(model_field, value, home))
            else:
                setattr(page, name, self._resolve_stream(value, home))
        for relation, items in pending.inline.items():
            child_model = page._meta.get_field(relation).related_model
            setattr(page, relation, [self._inline_object(child_model, item, home) for item in items])
        page.save_revision(log_action=True).publish()

    def _related_object(self, model_field, value, home):
        """A foreign key's target: a user by username, otherwise a page by its path."""
        if model_field.related_model is get_user_model():
            return get_user_model().objects.get_by_natural_key(value)
        return self.resolve(value, home)

    def _inline_object(self, model, values, home):
        instance = model()
        for name, value in values.items():
            model_field = model._meta.get_field(name)
            if isinstance(model_field, models.ForeignKey):
                setattr(instance, name, self._related_object(model_field, value, home))
            else:
                setattr(instance, name, model_field.to_python(value))
        return instance

    def _resolve_stream(self, value, home):
        if isinstance(value, dict):
            if set(value) == {"$page"}:
                return self.resolve(value["$page"], home).pk
            if set(value) == {"$document"}:
                return self.document(value["$document"]).pk
            return {key: self._resolve_stream(item, home) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve_stream(item, home) for item in value]
        return value

    def document(self, file_name):
        """The document titled like a file in fixtures/media/, created from that file if missing."""
        model = get_document_model()
        existing = model.objects.filter(title=file_name).first()
        if existing is not None:
            return existing
        path = MEDIA_FIXTURE_DIR / file_name
        document = model(title=file_name, collection=child_collection(PORTAL_COLLECTION))
        stored_name = f"documents/{path.name}"
        if default_storage.exists(stored_name) and default_storage.size(stored_name) == path.stat().st_size:
            document.file.name = stored_name  # another database already copied it; don't pile up copies
        else:
            with path.open("rb") as handle:
                document.file.save(path.name, File(handle), save=False)
        document._set_document_file_metadata()  # size and hash, as Wagtail's upload form sets them
        document.file.close()
        document.save()
        return document

    def graphic(self, motif, page):
        """The generated image of a page ("region", "news", "event" or "project"), drawn if missing.

        It shows the motif and the name of the page's region in the region's colours; its
        description (the alt text) says so. Files already stored by another database are reused.
        """
        region = page if isinstance(page, RegionPage) else RegionPage.objects.ancestor_of(page).first()
        heading = region.title if region else page.title
        title = f"Grafik: {page.title}"
        model = get_image_model()
        existing = model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        label = graphics.LABELS[motif]
        image = model(
            title=title,
            description=f"Grafik in Farbflächen mit der Aufschrift „{label}“ und „{heading}“",
            creator=graphics.CREATOR,
            licence=graphics.LICENCE,
            collection=child_collection(region.title if region else PORTAL_COLLECTION),
        )
        data = graphics.draw_graphic(motif, heading, region.slug if region else page.slug, page.slug)
        stored_name = f"original_images/demo-{page.slug}.jpg"
        if default_storage.exists(stored_name) and default_storage.size(stored_name) == len(data):
            image.file = stored_name  # another database already stored it; don't pile up copies
        else:
            file_name = f"demo-{page.slug}.jpg"
            image.file.save(file_name, ContentFile(data, name=file_name), save=False)
        image._set_image_file_metadata()  # size and hash, as Wagtail's upload form sets them
        image.file.close()
        image.save()
        return image

    def _load_settings(self, home):
        """Fill site settings that are still empty; values an editor has set are kept."""
        site = self._site()
        for document in self.documents:
            for model_label, values in document.get("settings", {}).items():
                self._fill_setting(apps.get_model(model_label).for_site(site), values, home)

    def _fill_setting(self, setting, values, home):
        changed = False
        for name, value in values.items():
            model_field = setting._meta.get_field(name)
            is_reference = isinstance(model_field, models.ForeignKey)
            current = getattr(setting, f"{name}_id" if is_reference else name)
            if current not in ("", None, model_field.default):
                continue  # an editor has set it
            new_value = self.resolve(value, home) if is_reference else value
            if getattr(setting, name) != new_value:
                setattr(setting, name, new_value)
                changed = True
        if changed:
            setting.save()
