from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Entfernt die Authenticator-App eines Kontos (z. B. nach Verlust des Telefons); "
        "die Person meldet sich danach nur mit Passwort an und richtet die App neu ein."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"Kein Konto „{username}“.") from None
        deleted, _details = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Zwei-Faktor-Anmeldung für „{username}“ zurückgesetzt ({deleted} Gerät(e) entfernt)."
        )
