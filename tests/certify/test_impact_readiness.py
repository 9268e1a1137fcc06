"""The readiness index: a published formula over the levels required of each rep, counted in the database."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import Assignment, Award, ReadinessFormula
from certify.selectors.impact import impact_scope, readiness_overview, rep_readiness
from tests.factories.certify import CertificationFactory, RepFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _award(rep, certification, number, *, ends_in_days=None, days_ago=20):
    now = timezone.now()
    return Award.objects.create(
        user=rep, certification=certification, level=certification.levels.get(number=number),
        awarded_at=now - timedelta(days=days_ago),
        valid_until=None if ends_in_days is None else now + timedelta(days=ends_in_days),
    )  # fmt: skip


def _assign(certification, number, *, due_in_days, user=None, team=None):
    return Assignment.objects.create(
        level=certification.levels.get(number=number), user=user, team=team,
        due_date=timezone.localdate() + timedelta(days=due_in_days),
        assigned_at=timezone.now() - timedelta(days=60),
    )  # fmt: skip


@pytest.fixture
def facts(rep, other_rep, team, other_team):
    """Pulse levels 1–3 are assigned to team East (rep, third); level 3 was due yesterday. rep holds level 1
    (ending in 10 days) and level 2 (for good). other_rep (West) is assigned Pulse level 1 and Beacon level 1
    directly and holds Pulse level 1. idle (West) has nothing required.

    rep:       100 × (1 + 2) ÷ (1 + 2 + 3) = 50, − 10 × 1 overdue, − 5 × 1 expiring = 35
    third:     100 × 0 ÷ 6 = 0, − 10 × 1 overdue = −10, kept at 0
    other_rep: 100 × 1 ÷ (1 + 1) = 50 (on Pulse alone: 100; on Beacon alone: 0)
    idle:      no index
    """
    pulse = CertificationFactory(title="Pulse", levels=3)
    beacon = CertificationFactory(title="Beacon", levels=1)
    third = RepFactory(email="third@test.example", first_name="Thea", last_name="Third")
    idle = RepFactory(email="idle@test.example")
    team.members.add(third)
    team.save()
    other_team.members.add(idle)
    other_team.save()
    _assign(pulse, 1, due_in_days=30, team=team)
    _assign(pulse, 2, due_in_days=60, team=team)
    _assign(pulse, 3, due_in_days=-1, team=team)
    _assign(pulse, 1, due_in_days=30, user=other_rep)
    _assign(beacon, 1, due_in_days=30, user=other_rep)
    _award(rep, pulse, 1, ends_in_days=10)
    _award(rep, pulse, 2)
    _award(other_rep, pulse, 1)
    return {"pulse": pulse, "beacon": beacon, "third": third, "idle": idle}


def test_index_is_the_weighted_share_held_minus_penalties_clamped(enablement_admin, rep, other_rep, facts):
    overview = readiness_overview(scope=impact_scope(viewer=enablement_admin))
    by_email = {row.email: row.index for row in overview.reps_page.object_list}
    assert by_email == {"rep@test.example": 35.0, "third@test.example": 0.0, "other.rep@test.example": 50.0, "idle@test.example": None}
    assert [row.email for row in overview.reps_page.object_list] == ["third@test.example", "rep@test.example", "other.rep@test.example", "idle@test.example"]
    assert round(overview.mean, 1) == 28.3 and overview.indexed == 3 and overview.reps == 4
    assert [(row["team__name"], row["mean"], row["indexed"], row["reps"]) for row in overview.teams_page.object_list] == [
        ("East", 17.5, 2, 2), ("West", 50.0, 1, 2),
    ]
    assert [(row.title, row.mean, row.indexed) for row in overview.certifications] == [("Beacon", 0.0, 1), ("Pulse", 45.0, 3)]
