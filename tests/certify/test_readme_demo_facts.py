"""What the README says of the demo logins is what `load_demo` builds: each sentence about a login is checked
against the data, so a change to the demo that makes the README wrong fails here."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from assessments.models import EvaluationKind, EvaluationStatus
from certify.models import Assignment, Award, Team, User

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def _logins():
    """The "Demo logins" table: login cell → who cell."""
    rows = {}
    for line in README.read_text().splitlines():
        match = re.match(r"\| `([^`]+)`[^|]*\| (.+) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


@pytest.fixture
def demo(hub):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_the_readme_row_for_riley_matches_what_riley_holds_and_is_assigned(demo):
    said = _logins()["rep@example.com"]
    riley = User.objects.get(email="rep@example.com")
    today = timezone.localdate()

    assert "rep in team East" in said and Team.objects.filter(name="East", members=riley).exists()
    held = {(a.level.certification.title.split()[0], a.level.number) for a in Award.objects.current().filter(user=riley)}
    assigned = Assignment.objects.filter(Q(user=riley) | Q(team__members=riley)).select_related("level__certification")
    due = {a.level.certification.title.split()[0]: (a.due_date - today).days
           for a in assigned if (a.level.certification.title.split()[0], a.level.number) not in held}
    assert "holds Atlas levels 1 and 2 and Beacon level 1 (which team East is asked to hold within a month)" in said
    # The README says only that Riley took the selling-approach quiz: the demo's answers to it pass on some days.
    assert held - {("Helix", 1)} == {("Atlas", 1), ("Atlas", 2), ("Beacon", 1)}
    beacon = assigned.get(level__certification__title__startswith="Beacon")
    assert beacon.team.name == "East" and 28 <= (beacon.due_date - today).days <= 31
    assert "Pulse level 1 assigned, due in 5 days" in said and due == {"Pulse": 5}

    lapsed = Award.objects.filter(user=riley, level__certification__title__startswith="Pulse", level__number=1).get()
    assert "Pulse level 1 lapsed nine days ago" in said
    assert (today - timezone.localdate(lapsed.valid_until)).days == 9

    assert "one level short of bronze" in said
    assert riley.tier_status.tier is None and riley.tier_status.next_tier.name == "Bronze"

    role_play = riley.evaluations.get(kind=EvaluationKind.ROLE_PLAY, level_link__level__certification__title__startswith="Beacon")
    assert "a Beacon role-play scored three weeks ago and released (not yet passed, with feedback)" in said
    assert role_play.status == EvaluationStatus.RELEASED and not role_play.passed
    assert 18 <= (timezone.now() - role_play.scheduled_at).days <= 24  # "three weeks ago"

    observation = riley.evaluations.get(kind=EvaluationKind.FIELD_OBSERVATION, status=EvaluationStatus.REQUESTED)
    assert "has asked Maria to observe an Atlas discovery call next week" in said
    assert observation.observer.email == "manager@example.com" and observation.observer.first_name == "Maria"
    assert observation.level_link.level.certification.title.startswith("Atlas")
    assert timedelta(days=1) <= observation.scheduled_at - timezone.now() <= timedelta(days=8)


def test_the_readme_names_only_logins_the_demo_has_and_the_zones_they_read(demo):
    rows = _logins()
    for login in rows:
        for part in re.findall(r"[a-z0-9]+@(?:example\.com)?", login):
            email = part if part.endswith("example.com") else part + "example.com"
            assert User.objects.filter(email=email).exists(), email
    text = README.read_text()
    for email, zone in (("rep@example.com", "America/New_York"), ("judge@example.com", "Europe/London")):
        assert zone in text and User.objects.get(email=email).time_zone == zone
    assert User.objects.get(email="rep2@example.com").time_zone == ""
