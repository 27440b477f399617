import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections
from django.utils import timezone

from newsletter.sending import fail_interrupted, send_batch

DAY = 24 * 60 * 60
PERIODIC_COMMANDS = [
    ("publish_scheduled", 60),
    ("send_review_reminders", DAY),
    ("searchpromotions_garbage_collect", DAY),
]
# Jobs that may take minutes (external servers, timeouts) run beside the loop, so scheduled
# publishing and newsletter batches never wait for them.
SLOW_COMMANDS = [("check_links", DAY)]

logger = logging.getLogger(__name__)


def run_job(command):
    """Run one management command; a failure is logged and never stops the worker."""
    try:
        call_command(command, verbosity=0)
    except Exception:
        logger.exception("Worker-Aufgabe %s fehlgeschlagen", command)


def run_job_in_thread(command):
    """A slow job's thread: run it, then close the database connection this thread opened."""
    try:
        run_job(command)
    finally:
        connections.close_all()


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
        self.last_run = {}
        self.slow_jobs = {}
        while True:
            for command, every_seconds in PERIODIC_COMMANDS:
                if self.is_due(command, every_seconds):
                    run_job(command)
            for command, every_seconds in SLOW_COMMANDS:
                if not self.is_due(command, every_seconds):
                    continue
                if once:
                    run_job(command)  # in this thread, so `--once` returns when everything ran
                else:
                    self.start_slow(command)
            self.send_newsletter_batches()
            if once:
                return
            time.sleep(interval)
            close_old_connections()  # a database restart between rounds must not end the worker

    def is_due(self, command, every_seconds):
        """Due when it never ran in this worker or ran longer ago than its interval; marks it as run."""
        now = timezone.now()
        last = self.last_run.get(command)
        if last is not None and (now - last).total_seconds() < every_seconds:
            return False
        self.last_run[command] = now
        return True

    def start_slow(self, command):
        """Start a slow job in its own thread (own database connection) unless it is still running."""
        running = self.slow_jobs.get(command)
        if running is not None and running.is_alive():
            return
        thread = threading.Thread(target=run_job_in_thread, args=[command], name=command, daemon=True)
        thread.start()
        self.slow_jobs[command] = thread

    @staticmethod
    def send_newsletter_batches():
        try:
            while send_batch():
                pass
        except Exception:
            logger.exception("Newsletter-Versand fehlgeschlagen; nächster Versuch in der nächsten Runde")
