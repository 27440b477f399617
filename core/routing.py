"""One query for the pages every request needs: those on its path, with the site's main menu.

Wagtail routes one level at a time: a query for the child with the next slug and another for its
specific fields, per level. Serving the page then reads its ancestors twice for the view
restrictions, the breadcrumbs and their BreadcrumbList read them again, and the main menu reads the
home page's children. Here one query reads every page whose URL path is a prefix of the requested
one (the tree root down to the deepest page that exists) and the pages of the main menu, each with
whether a view restriction sits on it. The deepest page is then read with its specific fields and
what its type names in `serve_select_related` and `serve_prefetch_related`; the pages above it
route as deferred instances of their type (routing needs only their class, path, slug and live
flag). What does not fit (a page above the deepest one answering with a route of its own, an alias
on the path, a restricted page) goes Wagtail's way.

Everything is read within the request and kept on it only, so it is never stale.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction, Site

REQUEST_ATTRIBUTE = "_portal_path_pages"


def url_path_prefixes(url_path):
    """The URL path and those above it: "/home/a/" -> ["/", "/home/", "/home/a/"]."""
    parts = [part for part in url_path.split("/") if part]
    return ["/" + "".join(part + "/" for part in parts[:count]) for count in range(len(parts) + 1)]


def site_root(request):
    """The root page of the request's site (read with the site, once per request), or None."""
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site is not None else None


def load_for_serving(page):
    """`page` as an instance of its type with all its fields and the related objects its type asks for."""
    model = page.specific_class
    if model is None:
        return page
    pages = model._default_manager.select_related(*getattr(model, "serve_select_related", ()))
    return pages.prefetch_related(*getattr(model, "serve_prefetch_related", ())).get(pk=page.pk)


class PathPages:
    """The pages along one URL path and in the site's main menu, read in one query."""

    def __init__(self, url_path, menu_root=None):
        pages = Q(url_path__in=url_path_prefixes(url_path))
        if menu_root is not None:
            pages |= Q(
                path__startswith=menu_root.path,
                depth=menu_root.depth + 1,
                live=True,
                show_in_menus=True,
            )
        restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
        found = Page.objects.filter(pages).annotate(has_view_restriction=Exists(restricted)).order_by("path")
        self.by_path = {page.path: page for page in found}
        self.children = {(page.path[: -Page.steplen], page.slug): page for page in self.by_path.values()}
        self.menu_root = menu_root.path if menu_root is not None else None
        self.loaded = {}
        self.root_path = None  # set for a route: where routing started and how deep the path exists
        self.deepest = None

    @classmethod
    def for_request(cls, request):
        """What the request read so far, or None."""
        return getattr(request, REQUEST_ATTRIBUTE, None) or None

    @classmethod
    def for_route(cls, request, root, path_components):
        """The pages below `root` along `path_components`, read once per request; None if not to be used."""
        if request is None:
            return None
        path_pages = getattr(request, REQUEST_ATTRIBUTE, None)
        if path_pages is None:
            url_path = root.url_path + "".join(component + "/" for component in path_components)
            path_pages = cls(url_path, menu_root=site_root(request))
            path_pages.root_path = root.path
            path_pages.deepest = path_pages.follow(root, path_components)
            setattr(request, REQUEST_ATTRIBUTE, path_pages)
        return path_pages or None

    @classmethod
    def give_up(cls, request):
        """Route the rest of this request Wagtail's way."""
        setattr(request, REQUEST_ATTRIBUTE, False)

    @classmethod
    def attach(cls, request, page):
        """Give the served page its ancestors and view restrictions, from the route's query if it has them."""
        deferred = page.get_deferred_fields()
        if deferred:  # routing ended on a page it had not read in full (a route of the home page)
            page.refresh_from_db(fields=deferred)
        path_pages = cls.for_request(request)
        if not (path_pages and path_pages.knows(page)):
            path_pages = cls(page.url_path, menu_root=site_root(request))
            setattr(request, REQUEST_ATTRIBUTE, path_pages)
            if not path_pages.knows(page):
                return
        page.__dict__["ancestor_pages"] = path_pages.ancestors(page)
        page.__dict__["_path_pages"] = path_pages

    def starts_at(self, page):
        """True for the page routing started from (the site's root page)."""
        return page.path == self.root_path

    def follow(self, root, path_components):
        """The deepest page along `path_components` below `root`."""
        page = self.by_path.get(root.path)
        for component in path_components:
            child = self.children.get((page.path, component)) if page else None
            if child is None:
                break
            page = child
        return page

    def child(self, parent, slug):
        """The child page with `slug` as an instance of its type, or None if it is not on this path.

        The deepest page is read with all its fields (one query); pages above it are deferred.
        """
        page = self.children.get((parent.path, slug))
        if page is None:
            return None
        if page.pk not in self.loaded:
            specific = load_for_serving(page) if page is self.deepest else page.specific_deferred
            specific._cached_parent_obj = self.by_path.get(parent.path, parent)
            self.loaded[page.pk] = specific
        return self.loaded[page.pk]

    def ancestors(self, page):
        """`page`'s ancestors from the tree root down, or None if one of them is not on this path."""
        paths = [page.path[:end] for end in range(Page.steplen, len(page.path), Page.steplen)]
        ancestors = [self.by_path.get(path) for path in paths]
        return None if None in ancestors else ancestors

    def knows(self, page):
        """True if `page` and all its ancestors are on this path (as they are in the tree now)."""
        own = self.by_path.get(page.path)
        return own is not None and own.pk == page.pk and self.ancestors(page) is not None

    def view_restricted(self, page):
        """True if a view restriction may apply to `page` (one on it or above it, or an alias on the way)."""
        pages = [*self.ancestors(page), self.by_path[page.path]]
        return any(item.has_view_restriction or item.alias_of_id for item in pages)

    def menu(self, root):
        """The live, public children of `root` shown in menus, or None if this query did not read them."""
        if root.path != self.menu_root or not self.knows(root):
            return None
        return [
            page
            for path, page in sorted(self.by_path.items())
            if page.depth == root.depth + 1
            and path.startswith(root.path)
            and page.live
            and page.show_in_menus
            and not any(item.has_view_restriction for item in [*self.ancestors(page), page])
        ]
