from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = "Rechtliche Seiten und Barriere-Meldungen"
