from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redaktion: Rollen, Freigabe und Prüftermine"
    # Reminders are e-mails to editors (pagecache/invalidation.py).
    non_public_models = ("ReviewReminder",)
