"""Demo data: an invented company's products, content, teams and logins.

Everything is created only when missing, so loading twice changes nothing and
an edit made through the site is never overwritten. `load` runs the loaders in order; each module loads one
area and its data lives in `data/` (the question banks in `questions/`).
"""

from django.db import transaction

from ..models import Certification
from ..models import ImpactSnapshot
from ..services import impact_snapshots_backfill, progress_rollup_refresh, reach_rollup_refresh
from . import certifications as certification_data
from . import credentials as credential_data
from . import evaluations as evaluation_data
from . import field_force as field_force_data
from . import hub as hub_data
from . import observations as observation_data
from . import people as people_data
from . import tiers as tier_data
from . import tips as tip_data
from .people import DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, PEOPLE

__all__ = ["DEMO_ADMIN_TOTP_SECRET", "DEMO_PASSWORD", "PEOPLE", "load"]


def load(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    with transaction.atomic():
        products = hub_data.products()
        stages = hub_data.stages()
        hub = hub_data.hub_page()
        hub_data.content(hub, products, stages)
        people = people_data.people()
        people_data.teams(people)
        people_data.reading(people, hub)
        tip_data.tips(people, hub)
        admin = people["admin@example.com"]
        certification_data.load(people=people, admin=admin)
        with_tier = tier_data.load(people=people, admin=admin)
        evaluations = evaluation_data.load(people=people, admin=admin)
        observations = observation_data.load(people=people, admin=admin)
        field_force = field_force_data.load(people=people, admin=admin)
        credentials = credential_data.load()
        reach_rollup_refresh()  # the reach report has figures at once, not after the first scheduled count
        progress_rollup_refresh()  # and so do the funnel and the struggling list
        if not ImpactSnapshot.objects.exists():
            impact_snapshots_backfill(weeks=52)  # a year of weekly figures, counted from the history above
        certifications = Certification.objects.count()
    say(
        f"Demo data ready: {len(products)} products, {hub_data.count_pages(hub)} content pages, {len(people)} people, "
        f"{certifications} certifications, {with_tier} reps with a tier, {evaluations} role-play evaluations, "
        f"{observations} field observations, {field_force} more reps in teams Central and South with their "
        f"history, {credentials} awards with their credentials."
    )
