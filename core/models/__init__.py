"""Abstract page parts, legal pages and site settings that every content app builds on."""

from core.models.legal import (
    OMBUDSSTELLE_URL,
    AccessibilityFeedback,
    AccessibilityStatementPage,
    ContentPage,
    ImprintPage,
)
from core.models.pages import BasePage, ContactDetailsMixin, PostalAddressMixin
from core.models.settings import PortalSettings

__all__ = [
    "OMBUDSSTELLE_URL",
    "AccessibilityFeedback",
    "AccessibilityStatementPage",
    "BasePage",
    "ContactDetailsMixin",
    "ContentPage",
    "ImprintPage",
    "PortalSettings",
    "PostalAddressMixin",
]
