from django.core.management.base import BaseCommand

from editorial.roles import WORKFLOW_NAME, setup_editorial


class Command(BaseCommand):
    help = (
        "Legt die Redaktionsgruppen (je Region, Portalredaktion, Freigabe), ihre Sammlungen und den "
        "Workflow „Redaktion → Freigabe“ an oder ergänzt sie (idempotent)."
    )

    def handle(self, *args, **options):
        groups = setup_editorial()
        for warning in groups["warnings"]:
            self.stderr.write(self.style.WARNING(warning))
        if options["verbosity"] == 0:
            return
        names = [groups["moderation"].name, groups["portal"].name]
        names += [group.name for group in groups["regions"].values()]
        self.stdout.write(self.style.SUCCESS(f"Gruppen: {', '.join(names)}; Workflow: {WORKFLOW_NAME}"))
