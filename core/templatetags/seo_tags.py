"""What search engines and link previews read: absolute URLs, the description and the share tags."""

from urllib.parse import urljoin, urlsplit

from django import template
from django.templatetags.static import static
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from core.models import PortalSettings

register = template.Library()

SHARE_IMAGE_FILTER = "fill-1200x630"
DEFAULT_SHARE_IMAGE = "images/share-default.png"  # 1200x630, KERN colours, drawn with Pillow
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)
DESCRIPTION_MAX_LENGTH = 300


def site_root_url(request):
    """The root URL of the request's Wagtail site ("https://regionen.nrw"), the base of every page URL."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute(root_url, url):
    """`url` made absolute against the site's root URL; URLs that already are absolute stay as they are."""
    return urljoin(root_url + "/", url)


def shorten(text, limit=DESCRIPTION_MAX_LENGTH):
    """Whitespace collapsed to single spaces and cut at a word boundary to at most `limit` characters."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def page_description(page, fallback):
    """Search description, else the teaser text (which falls back to the intro), else `fallback`."""
    text = ""
    if page is not None:
        text = page.search_description or getattr(page, "teaser_summary", "")
    return shorten(text) or fallback


def share_url(page, request, root_url):
    """The shared document's absolute URL: the page's, followed by a sub-route such as thema/<slug>/."""
    page_url = page.get_full_url(request) if page is not None else None
    if page_url is None:
        return absolute(root_url, request.path) if request is not None else root_url + "/"
    page_path = urlsplit(page_url).path
    if request is not None and request.path.startswith(page_path):
        return page_url + request.path[len(page_path) :]
    return page_url  # e.g. the admin preview


def share_image(page, root_url, default_alt):
    """The page's teaser image as a 1200x630 rendition, else the portal's default share image."""
    image = getattr(page, "teaser_image", None)
    if image is not None and not image.is_svg():
        try:
            rendition = image.get_rendition(SHARE_IMAGE_FILTER)
        except SourceImageIOError:
            rendition = None
        if rendition is not None:
            return {
                "url": absolute(root_url, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": image.default_alt_text,
            }
    width, height = DEFAULT_SHARE_IMAGE_SIZE
    return {
        "url": absolute(root_url, static(DEFAULT_SHARE_IMAGE)),
        "width": width,
        "height": height,
        "alt": default_alt,
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`{% absolute_url some_url %}`: the URL made absolute against the site's root URL."""
    return absolute(site_root_url(context.get("request")), url)


@register.simple_tag(takes_context=True)
def share_meta(context):
    """`{% share_meta as meta %}`: title, description, URL, type and image of the document for the <head>.

    Works without a page too (404 page, newsletter forms): the title is then the view's `title`
    variable or the portal's name, the description the portal's claim.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None  # e.g. a view that calls its paginator page "page"
    if request is not None:
        portal = PortalSettings.for_request(request)
    else:
        portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    root_url = site_root_url(request)

    if page is not None:
        title = page.seo_title or page.title
    else:
        title = str(context.get("title") or portal.portal_name)
    is_article = getattr(page, "og_type", "website") == "article"
    published = getattr(page, "teaser_date", None) if is_article else None
    return {
        "title": title,
        "description": page_description(page, portal.portal_claim or portal.portal_name),
        "url": share_url(page, request, root_url),
        "type": "article" if is_article else "website",
        "published": published.isoformat() if published else "",
        "site_name": portal.portal_name,
        "image": share_image(page, root_url, portal.portal_name),
    }
