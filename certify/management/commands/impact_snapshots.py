from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand

from certify.services import SNAPSHOT_WEEKS_MAX, impact_snapshots_backfill


def weeks_argument(value: str) -> int:
    try:
        weeks = int(value)
    except ValueError:
        raise ArgumentTypeError(f"“{value}” is not a number of weeks.") from None
    if not 1 <= weeks <= SNAPSHOT_WEEKS_MAX:
        raise ArgumentTypeError(f"count between 1 and {SNAPSHOT_WEEKS_MAX} weeks, not {weeks}.")
    return weeks


class Command(BaseCommand):
    help = (
        "Count the impact trends' weekly figures (readiness index, tiers, level 1 pass rate, levels held) for the "
        "last N complete weeks, from the history of awards and tier changes. Running it again counts them again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks", type=weeks_argument, default=1, help=f"How many weeks back, 1–{SNAPSHOT_WEEKS_MAX} (default 1)."
        )

    def handle(self, *args, weeks, **options):
        impact_snapshots_backfill(weeks=weeks)
        self.stdout.write(f"Counted the last {weeks} complete week{'s' if weeks != 1 else ''}.")
