import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.sending import fail_interrupted, send_batch

DAY = 24 * 60 * 60
PERIODIC_COMMANDS = [
    ("publish_scheduled", 60),
    ("send_review_reminders", DAY),
    ("check_links", DAY),
    ("searchpromotions_garbage_collect", DAY),
]


class Command(BaseCommand):
    help = (
        "Hintergrund-Worker neben dem Webserver: veröffentlicht geplante Seiten (jede Minute), "
        "versendet eingereihte Newsletter in Stapeln, erinnert täglich an fällige Prüfungen, prüft "
        "täglich alle Links und räumt die Suchstatistik auf. Nur einer pro Installation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="eine Runde ausführen und beenden")
        parser.add_argument("--interval", type=float, default=10.0, help="Sekunden zwischen zwei Runden")

    def handle(self, *args, once, interval, **options):
        fail_interrupted()
        last_run = {}
        while True:
            now = timezone.now()
            for command, every_seconds in PERIODIC_COMMANDS:
                if command not in last_run or (now - last_run[command]).total_seconds() >= every_seconds:
                    call_command(command, verbosity=0)
                    last_run[command] = now
            while send_batch():
                pass
            if once:
                return
            time.sleep(interval)
