from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = "Rechtliche Seiten und Barriere-Meldungen"
    # Feedback reports are read in the admin only (pagecache/invalidation.py).
    non_public_models = ("AccessibilityFeedback",)
