from django.core.management.base import BaseCommand

from linkcheck.checks import default_timeout
from linkcheck.run import run_link_check


def german_number(value):
    """A number with one decimal and a decimal comma, e.g. "0,2"."""
    return f"{value:.1f}".replace(".", ",")


class Command(BaseCommand):
    help = (
        "Prüft alle internen und externen Links in veröffentlichten Seiten und speichert das Ergebnis "
        "für den Bericht „Defekte Links“. Defekte Links beenden den Befehl nicht mit einem Fehler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Sekunden Wartezeit je externer Anfrage (Vorgabe: LINKCHECK_TIMEOUT, sonst 10)",
        )
        parser.add_argument(
            "--internal-only",
            action="store_true",
            help="nur interne Links prüfen; externe behalten ihr letztes Ergebnis",
        )

    def handle(self, *args, timeout, internal_only, verbosity, **options):
        summary = run_link_check(timeout or default_timeout(), internal_only=internal_only)
        if verbosity == 0:
            return
        external = "nicht geprüft" if internal_only else "geprüft"
        self.stdout.write(
            f"{summary.pages} Seiten mit Links: {summary.internal} interne und {summary.external} "
            f"externe Links ({external})."
        )
        style = self.style.WARNING if summary.broken else self.style.SUCCESS
        self.stdout.write(
            style(
                f"Geprüft: {summary.checked}, erreichbar: {summary.ok}, defekt: {len(summary.broken)} "
                f"({german_number(summary.seconds)} s)."
            )
        )
        for link, page_count in summary.broken:
            target = f"{link.url} ({link.label})" if link.label else link.url
            pages = "1 Seite" if page_count == 1 else f"{page_count} Seiten"
            self.stdout.write(self.style.ERROR(f"  defekt: {target} – {link.result_display}, auf {pages}"))
