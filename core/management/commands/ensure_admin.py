import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Legt den Redaktions-Administrator an, wenn es noch keinen Superuser gibt, "
        "und gibt das erzeugte Passwort einmalig aus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("PORTAL_ADMIN_USERNAME", "admin"))
        parser.add_argument("--email", default=os.environ.get("PORTAL_ADMIN_EMAIL", "admin@example.org"))

    def handle(self, *args, username, email, **options):
        user_model = get_user_model()
        existing = user_model.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(
                f"Admin-Login vorhanden: Benutzer „{existing.get_username()}“ "
                f"(Passwort vergessen? manage.py changepassword {existing.get_username()})"
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin-Login angelegt: Benutzer „{username}“, Passwort „{password}“")
        )
