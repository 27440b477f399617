import time

from django.core.management.base import BaseCommand

from newsletter.sending import BATCH_SIZE, fail_interrupted, send_batch


class Command(BaseCommand):
    help = "Versendet wartende Newsletter-Zustellungen in Stapeln (mit --loop als dauernder Worker)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--loop", action="store_true", help="weiterlaufen und alle --interval Sekunden prüfen"
        )
        parser.add_argument("--interval", type=float, default=10.0)

    def handle(self, *args, batch_size, loop, interval, **options):
        interrupted = fail_interrupted()
        if interrupted:
            self.stderr.write(f"{interrupted} unterbrochene Zustellungen als fehlgeschlagen markiert.")
        while True:
            sent = 0
            while handled := send_batch(batch_size):
                sent += handled
            if sent and options["verbosity"]:
                self.stdout.write(f"{sent} Zustellungen bearbeitet.")
            if not loop:
                return
            time.sleep(interval)
