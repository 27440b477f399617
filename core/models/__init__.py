"""Abstract page parts, plain content pages, the image model and site settings every content app builds on."""

from core.models.content import ContentPage
from core.models.images import PortalImage, PortalRendition
from core.models.pages import BasePage, ContactDetailsMixin, PostalAddressMixin
from core.models.settings import PortalSettings

__all__ = [
    "BasePage",
    "ContactDetailsMixin",
    "ContentPage",
    "PortalImage",
    "PortalRendition",
    "PortalSettings",
    "PostalAddressMixin",
]
