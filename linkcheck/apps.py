from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    name = "linkcheck"
    verbose_name = "Linkprüfung"
    # Check results are shown in the admin only (pagecache/invalidation.py).
    non_public_models = ("Link", "LinkOccurrence")
