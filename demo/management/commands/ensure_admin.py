import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from demo.loader import DemoContentLoader, read_fixture_files


class Command(BaseCommand):
    help = (
        "Legt den Redaktions-Administrator an, wenn es noch keinen Superuser gibt, und gibt das erzeugte "
        "Passwort einmalig aus. Mit --demo-users bekommen die Demo-Logins aus fixtures/demo/ neue "
        "Passwörter, die ausgegeben werden (nur für die lokale Demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("PORTAL_ADMIN_USERNAME", "admin"))
        parser.add_argument("--email", default=os.environ.get("PORTAL_ADMIN_EMAIL", "admin@example.org"))
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="neue Passwörter für die Demo-Logins setzen und ausgeben",
        )

    def handle(self, *args, username, email, demo_users, **options):
        self.ensure_superuser(username, email)
        if demo_users:
            self.reset_demo_logins()

    def ensure_superuser(self, username, email):
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

    def reset_demo_logins(self):
        """Give every demo user that exists a fresh password and print the logins with their groups."""
        user_model = get_user_model()
        self.stdout.write("Demo-Logins (neue Passwörter bei jedem Aufruf):")
        for entry in DemoContentLoader(read_fixture_files()).users:
            user = user_model.objects.filter(username=entry["username"]).first()
            if user is None:
                continue
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
            groups = ", ".join(user.groups.order_by("name").values_list("name", flat=True))
            self.stdout.write(f"  {user.username:<24} {password:<14} {groups}")
