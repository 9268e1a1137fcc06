"""Every date a person enters falls in a sensible window (certify/dates.py), and a date already out of range never
leaves a request stuck."""

from datetime import date, datetime, timedelta, timezone as dt_timezone

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus
from certify.dates import date_window_problem
from certify.forms import AssignmentForm
from certify.forms.evaluations import EvaluationPanelForm
from certify.importers import DealImportRefused, parse_deals
from certify.models import CertificationLevel, Tier
from certify.services import award_grant, evaluation_panel_assign, observation_answer
from tests.factories.evaluations import level2_certification, level2_evaluation
from tests.factories.observations import holding_level_2, level3_certification, observation_request

pytestmark = pytest.mark.django_db

YEAR_9999 = "9999-12-31T10:00"
YEAR_1 = "0001-01-01T10:00"


def test_a_date_inside_its_window_passes_and_one_outside_says_the_bound():
    today = date(2026, 12, 2)
    assert date_window_problem(date(2027, 12, 2), past_days=0, future_days=365, today=today) is None
    assert date_window_problem(today, past_days=0, future_days=365, today=today) is None
    assert date_window_problem(date(9999, 12, 31), past_days=0, future_days=365, today=today) == (
        "31 December 9999 is too far ahead: choose a date up to 2 December 2027."
    )
    assert date_window_problem(date(1, 1, 1), past_days=14, future_days=365, today=today) == (
        "1 January 1 is too long ago: choose a date from 18 November 2026."
    )
    assert date_window_problem(datetime(9999, 12, 31, 23, 59, tzinfo=dt_timezone.utc), past_days=0, future_days=1, today=today)


@pytest.mark.parametrize("when", [YEAR_9999, YEAR_1])
def test_a_role_play_booked_in_the_year_9999_or_1_is_refused_with_the_window_and_nothing_is_booked(client_for, rep, when):
    certification = level2_certification()
    award_grant(user=rep, level=certification.levels.get(number=1))
    level2 = certification.levels.get(number=2)
    data = {"scenario": level2.scenarios.get().pk, "mode": "live", "scheduled_at": when, "location": "Room 4"}
    response = client_for(rep).post(reverse("certify:level_assessment", args=[certification.slug, 2]), data)
    assert response.status_code in (200, 400)
    assert ("is too far ahead" if when == YEAR_9999 else "That time has passed") in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_role_play_a_year_and_a_week_ahead_is_refused(client_for, rep):
    certification = level2_certification()
    award_grant(user=rep, level=certification.levels.get(number=1))
    level2 = certification.levels.get(number=2)
    when = (timezone.localtime() + timedelta(days=372)).strftime("%Y-%m-%dT%H:%M")
    data = {"scenario": level2.scenarios.get().pk, "mode": "live", "scheduled_at": when, "location": "Room 4"}
    response = client_for(rep).post(reverse("certify:level_assessment", args=[certification.slug, 2]), data)
    assert "is too far ahead" in response.content.decode() and not Evaluation.objects.exists()


def test_a_call_to_observe_in_the_year_9999_is_refused_with_the_window_and_nothing_is_asked(client_for, rep, team, manager):
    certification = level3_certification()
    holding_level_2(rep, certification)
    data = {"observer": manager.pk, "account": "Contoso", "call_at": YEAR_9999, "call_kind": "proposal"}
    response = client_for(rep).post(reverse("certify:level_assessment", args=[certification.slug, 3]), data)
    assert 'id="id_call_at_error">31 December 9999 is too far ahead' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_moving_a_session_to_the_year_9999_is_refused_by_the_panel_form(rep, judge, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin)
    form = EvaluationPanelForm(
        {"judges": [judge.pk], "scheduled_at": YEAR_9999, "location": "Room 1"}, evaluation=evaluation, eligible=[]
    )
    assert not form.is_valid() and "is too far ahead" in form.errors["scheduled_at"][0]


def test_an_assignment_due_in_the_year_9999_is_refused(rep):
    level = CertificationLevel.objects.get(pk=level2_certification().levels.get(number=1).pk)
    form = AssignmentForm({"level": level.pk, "users": rep.email, "due_date": "9999-12-31"})
    assert not form.is_valid() and "is too far ahead" in form.errors["due_date"][0]


@pytest.mark.parametrize("close_date, problem", [("12/31/9999", "is too far ahead"), ("01/01/0001", "is too long ago")])
def test_a_deal_closed_in_the_year_9999_or_1_is_refused_with_its_line(close_date, problem):
    data = (
        "Opportunity ID,Owner Email,Account Name,Stage,Amount Currency,Amount,Close Date\n"
        "006A,rep@test.example,Acme,Closed Won,USD,100,3/14/2025\n"
        f"006B,rep@test.example,Globex,Closed Won,USD,100,{close_date}\n"
    ).encode()
    with pytest.raises(DealImportRefused) as refused:
        parse_deals(data, file_name="deals.csv", today=date(2026, 12, 2))
    assert refused.value.errors == [f"Line 3: Close Date “{close_date}”: {date_window_problem(date(int(close_date[-4:]), int(close_date[:2]), int(close_date[3:5])), past_days=7305, future_days=31, today=date(2026, 12, 2))}"]
    assert problem in refused.value.errors[0]


@pytest.mark.parametrize("field, value", [("revenue_months", 32767), ("sustained_quarters", 32767)])
def test_a_tier_window_of_thousands_of_years_is_refused(field, value):
    tier = Tier(name="Platinum", rank=9, **{field: value})
    with pytest.raises(ValidationError) as refused:
        tier.full_clean()
    assert field in refused.value.message_dict


def test_a_session_already_booked_in_the_year_9999_can_still_get_its_panel(rep, judge, enablement_admin):
    """The stuck request of the issue: choosing the panel computed the due date past the last datetime and failed."""
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin)
    Evaluation.objects.filter(pk=evaluation.pk).update(scheduled_at=datetime(9999, 12, 31, 23, 0, tzinfo=dt_timezone.utc))
    evaluation.refresh_from_db()
    evaluation_panel_assign(actor=enablement_admin, evaluation=evaluation, judges=[judge])
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED and evaluation.due_at is not None


def test_an_observation_already_asked_for_the_year_9999_can_still_be_accepted(rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    Evaluation.objects.filter(pk=evaluation.pk).update(scheduled_at=datetime(9999, 12, 31, 23, 0, tzinfo=dt_timezone.utc))
    evaluation.refresh_from_db()
    observation_answer(actor=manager, evaluation=evaluation, accept=True)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED and evaluation.due_at is not None
