import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.sending import fail_interrupted, send_batch


class Command(BaseCommand):
    help = (
        "Hintergrund-Worker neben dem Webserver: veröffentlicht geplante Seiten (jede Minute) "
        "und versendet eingereihte Newsletter in Stapeln. Nur einer pro Installation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="eine Runde ausführen und beenden")
        parser.add_argument("--interval", type=float, default=10.0, help="Sekunden zwischen zwei Runden")

    def handle(self, *args, once, interval, **options):
        fail_interrupted()
        last_publish = None
        while True:
            now = timezone.now()
            if last_publish is None or (now - last_publish).total_seconds() >= 60:
                call_command("publish_scheduled", verbosity=0)
                last_publish = now
            while send_batch():
                pass
            if once:
                return
            time.sleep(interval)
