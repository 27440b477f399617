"""Abstract page parts, plain content pages, the image model and site settings every content app builds on."""

from core.models.content import ContentPage
from core.models.images import PortalImage, PortalRendition
from core.models.pages import (
    BasePage,
    ContactDetailsMixin,
    PortalPageQuerySet,
    PostalAddressMixin,
    all_pages,
    singleton_page,
)
from core.models.settings import PortalSettings

__all__ = [
    "BasePage",
    "ContactDetailsMixin",
    "ContentPage",
    "PortalImage",
    "PortalPageQuerySet",
    "PortalRendition",
    "PortalSettings",
    "PostalAddressMixin",
    "all_pages",
    "singleton_page",
]
