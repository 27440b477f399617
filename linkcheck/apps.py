from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    name = "linkcheck"
    verbose_name = "Linkprüfung"
