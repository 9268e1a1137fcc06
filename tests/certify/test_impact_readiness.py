"""The readiness index: a published formula over the levels required of each rep, counted in the database."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import Assignment, Award, ReadinessFormula
from certify.selectors.impact import impact_scope, readiness_overview
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


def _csv(response) -> list:
    import csv

    return list(csv.reader(b"".join(response.streaming_content).decode().splitlines()))


def test_page_prints_the_formula_with_its_weights_and_shows_each_number(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_readiness"))
    html = page.content.decode()
    assert 'class="formula"' in html and "(version 1)" in html
    assert "− 10 × (required levels not held by their due date)" in html
    assert "− 5 × (required levels held whose award ends within 30 days)" in html
    assert "level 1 = 1, level 2 = 2, level 3 = 3" in html
    assert '<span class="stat" id="scope-index">28.3</span>' in html
    assert "<th scope=\"row\">East</th><td>17.5</td><td>2</td><td>2</td>" in html
    assert "<th scope=\"row\">West</th><td>50.0</td><td>1</td><td>2</td>" in html
    assert "Readiness index per certification — Beacon: 0.0 (1 rep); Pulse: 45.0 (3 reps)." in html
    rep_row = html[html.index(reverse("certify:impact_readiness_rep", args=[facts["third"].pk])) :]
    assert "<td>0.0</td><td>3</td><td>0</td><td>1</td><td>0</td>" in rep_row[:400]


def test_the_certification_filter_counts_each_rep_on_its_levels_alone(client_for, enablement_admin, other_rep, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_readiness"), {"certification": facts["pulse"].pk})
    overview = page.context["overview"]
    assert {row.email: row.index for row in overview.reps_page.object_list}["other.rep@test.example"] == 100.0
    assert overview.mean == 45.0  # (35 + 0 + 100) ÷ 3


def test_a_manager_reads_only_their_own_teams_reps(client_for, manager, facts):
    overview = client_for(manager).get(reverse("certify:impact_readiness")).context["overview"]
    assert overview.mean == 17.5 and overview.indexed == 2 and overview.reps == 2
    assert [row["team__name"] for row in overview.teams_page.object_list] == ["East"]


def test_drill_down_shows_every_fact_and_the_arithmetic_of_the_number(client_for, manager, rep, facts):
    page = client_for(manager).get(reverse("certify:impact_readiness_rep", args=[rep.pk]))
    assert page.status_code == 200
    readiness = page.context["readiness"]
    assert readiness.index == 35.0 == readiness.clamped
    assert [(f.certification, f.number, f.weight, f.held, f.overdue, f.expiring) for f in readiness.facts] == [
        ("Pulse", 1, 1.0, True, False, True), ("Pulse", 2, 2.0, True, False, False), ("Pulse", 3, 3.0, False, True, False),
    ]
    assert page.context["lines"] == [
        "Weight of the levels required: 1 + 2 + 3 = 6",
        "Weight of those held now: 1 + 2 = 3",
        "Share held: 100 × 3 ÷ 6 = 50.0",
        "Overdue: 10 × 1 = 10",
        "Expiring within 30 days: 5 × 1 = 5",
        "50.0 − 10 − 5 = 35.0",
        "Kept between 0 and 100: 35.0",
    ]
    html = page.content.decode()
    assert '<span id="rep-index">35.0</span>' in html and "Overdue" in html and "Expires within 30 days" in html


def test_drill_down_of_a_rep_kept_at_zero_shows_the_negative_sum(client_for, enablement_admin, facts):
    lines = client_for(enablement_admin).get(reverse("certify:impact_readiness_rep", args=[facts["third"].pk])).context["lines"]
    assert lines[-2:] == ["0.0 − 10 − 0 = -10.0", "Kept between 0 and 100: 0.0"]


def test_a_rep_with_nothing_required_has_no_index(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_readiness_rep", args=[facts["idle"].pk]))
    assert page.context["readiness"].index is None
    assert page.context["lines"] == ["Nothing is required of this rep, so they have no index."]
    assert '<span id="rep-index">—</span>' in page.content.decode()


def test_a_manager_finds_no_rep_of_another_team(client_for, manager, other_rep, facts):
    assert client_for(manager).get(reverse("certify:impact_readiness_rep", args=[other_rep.pk])).status_code == 404
    assert client_for(manager).get(reverse("certify:impact_readiness_rep", args=[999999])).status_code == 404


def test_a_manager_finds_no_formula_page_and_a_rep_no_readiness_page(client_for, manager, rep, facts):
    assert client_for(manager).get(reverse("certify:impact_readiness_formula")).status_code == 404
    assert client_for(manager).post(reverse("certify:impact_readiness_formula"), {"weight_level_1": "9"}).status_code == 404
    assert not ReadinessFormula.objects.exists()
    assert client_for(rep).get(reverse("certify:impact_readiness")).status_code == 404


WEIGHTS = {"weight_level_1": "1", "weight_level_2": "2", "weight_level_3": "0", "overdue_penalty": "10", "expiring_penalty": "5"}


def test_new_weights_make_a_new_version_and_a_new_number(client_for, enablement_admin, rep, facts):
    client = client_for(enablement_admin)
    response = client.post(reverse("certify:impact_readiness_formula"), WEIGHTS)
    assert response.status_code == 302
    assert list(ReadinessFormula.objects.order_by("version").values_list("version", "weight_level_3", "created_by")) == [
        (1, Decimal("3.00"), None), (2, Decimal("0.00"), enablement_admin.pk),
    ]
    readiness = client.get(reverse("certify:impact_readiness_rep", args=[rep.pk])).context["readiness"]
    assert readiness.formula.version == 2
    assert readiness.index == 85.0  # 100 × 3 ÷ 3, − 10 overdue, − 5 expiring
    html = client.get(reverse("certify:impact_readiness_formula")).content.decode()
    assert "(version 2)" in html and "1: 1, 2: 2, 3: 0" in html and "1: 1, 2: 2, 3: 3" in html


def test_saving_the_same_weights_again_makes_no_version(client_for, enablement_admin):
    client = client_for(enablement_admin)
    client.post(reverse("certify:impact_readiness_formula"), WEIGHTS)
    client.post(reverse("certify:impact_readiness_formula"), {**WEIGHTS, "weight_level_1": "1.00"})
    assert ReadinessFormula.objects.count() == 2


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"weight_level_1": "10.5"}, "weight_level_1", "Enter a number from 0 to 10."),
        ({"weight_level_2": "-1"}, "weight_level_2", "Enter a number from 0 to 10."),
        ({"overdue_penalty": "101"}, "overdue_penalty", "Enter a number from 0 to 100."),
        ({"expiring_penalty": "1e9"}, "expiring_penalty", "Enter a number from 0 to 100."),
        ({"weight_level_3": "abc"}, "weight_level_3", "Enter a number."),
        ({"weight_level_1": ""}, "weight_level_1", "Enter a number (0 leaves this part out)."),
    ],
)
def test_weights_out_of_bounds_are_refused_and_nothing_is_saved(client_for, enablement_admin, changes, field, message):
    response = client_for(enablement_admin).post(reverse("certify:impact_readiness_formula"), {**WEIGHTS, **changes})
    assert response.status_code == 400
    assert message in response.context["formula_form"].errors[field][0]
    assert 'class="form-errors' in response.content.decode() and "Nothing was saved." in response.content.decode()
    assert not ReadinessFormula.objects.exists()


def test_weights_that_all_weigh_nothing_are_refused(client_for, enablement_admin):
    nothing = {**WEIGHTS, "weight_level_1": "0", "weight_level_2": "0", "weight_level_3": "0"}
    response = client_for(enablement_admin).post(reverse("certify:impact_readiness_formula"), nothing)
    assert response.status_code == 400 and "At least one level must weigh more than 0" in response.content.decode()
    assert not ReadinessFormula.objects.exists()


def test_only_an_admin_may_save_weights_even_calling_the_service(manager):
    from certify.exceptions import PermissionRefused
    from certify.services import readiness_formula_save

    with pytest.raises(PermissionRefused):
        readiness_formula_save(actor=manager, **{name: Decimal(value) for name, value in WEIGHTS.items()})
    assert not ReadinessFormula.objects.exists()


def test_csv_holds_the_same_numbers_as_the_page(client_for, enablement_admin, facts):
    rows = _csv(client_for(enablement_admin).get(reverse("certify:impact_readiness_export")))
    assert rows[0][:4] == ["Row", "Name", "Email", "Readiness index"]
    assert rows[1][:6] == ["Every rep counted", "", "", "28.3", "3", "4"]
    assert [row[:6] for row in rows[2:4]] == [["Team", "East", "", "17.5", "2", "2"], ["Team", "West", "", "50.0", "1", "2"]]
    assert [row[:5] for row in rows[4:6]] == [["Certification", "Beacon", "", "0.0", "1"], ["Certification", "Pulse", "", "45.0", "3"]]
    reps = [(row[2], row[3], row[6:10]) for row in rows[6:]]
    assert reps == [
        ("third@test.example", "0.0", ["3", "0", "1", "0"]),
        ("rep@test.example", "35.0", ["3", "2", "1", "1"]),
        ("other.rep@test.example", "50.0", ["2", "1", "0", "0"]),
        ("idle@test.example", "—", ["0", "0", "0", "0"]),
    ]
    assert all(row[-1] == "1" for row in rows[1:])


def test_empty_page_says_there_is_no_index(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse("certify:impact_readiness"))
    html = page.content.decode()
    assert page.context["overview"].mean is None
    assert '<span class="stat" id="scope-index">—</span>' in html and "No reps are counted here yet." in html
    assert "No certification level is assigned to the reps counted here yet." in html
    rows = _csv(client_for(enablement_admin).get(reverse("certify:impact_readiness_export")))
    assert rows[1][:6] == ["Every rep counted", "", "", "—", "0", "0"]


def test_readiness_pages_query_count_does_not_grow_with_reps(client_for, enablement_admin, rep, team, facts):
    client = client_for(enablement_admin)
    urls = [
        reverse("certify:impact_readiness"),
        reverse("certify:impact_readiness_rep", args=[rep.pk]),
        reverse("certify:impact_readiness_export"),
    ]
    before = [queries_for(client, url) for url in urls]
    for _ in range(20):
        extra = RepFactory()
        team.members.add(extra)
        team.save()
        _award(extra, facts["pulse"], 1)
        _assign(facts["beacon"], 1, due_in_days=-3, user=extra)
    _assign(facts["pulse"], 2, due_in_days=-2, user=rep)
    assert [queries_for(client, url) for url in urls] == before
