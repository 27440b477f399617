from django.core.management.base import BaseCommand

from demo.loader import DemoContentLoader, read_fixture_files


class Command(BaseCommand):
    help = "Baut den Demo-Seitenbaum aus fixtures/demo/*.yaml auf (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default="127.0.0.1", help="Hostname der Standard-Site")
        parser.add_argument("--port", type=int, default=8000, help="Port der Standard-Site")

    def handle(self, *args, hostname, port, **options):
        loader = DemoContentLoader(read_fixture_files(), hostname=hostname, port=port)
        report = loader.load()
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Inhalte: {len(report.created)} Seiten angelegt, "
                f"{len(report.existing)} bereits vorhanden und unverändert."
            )
        )
