"""Medians counted in the database, per group, for odd and even groups, durations and numbers."""

import statistics
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import DurationField, ExpressionWrapper, F
from django.utils import timezone

from certify.models import Deal, User
from certify.selectors.impact.stats import days, histogram_median, medians_by
from tests.factories.certify import RepFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _deals(rep, amounts):
    for amount in amounts:
        Deal.objects.create(
            external_id=f"M-{Deal.objects.count()}", rep=rep, account="A", amount=Decimal(amount), currency="USD",
            close_date=timezone.localdate(),
        )  # fmt: skip


def test_median_of_an_odd_group_is_its_middle_value_and_of_an_even_group_the_mean_of_the_two_middle_ones():
    odd, even = RepFactory(), RepFactory()
    _deals(odd, [9, 1, 5])
    _deals(even, [10, 40, 20, 30])
    with count_queries() as queries:
        found = medians_by(Deal.objects.all(), value=F("amount"), group_by=["rep"])
    assert queries.count == 1
    assert found == {(odd.pk,): Decimal("5"), (even.pk,): Decimal("25")}


@pytest.mark.parametrize(
    "values",
    [[9, 1, 5], [10, 40, 20, 30], [1, 1, 1, 2], [3, 3, 7], [5], [2, 2, 2, 2, 9, 9], [1, 2, 2, 3, 3, 3, 3, 8]],
)
def test_the_median_from_a_histogram_equals_the_median_of_its_values(values):
    histogram = sorted(Counter(values).items())
    assert histogram_median(histogram) == statistics.median(values)


def test_median_over_everything_without_groups_and_of_nothing_is_absent():
    rep = RepFactory()
    assert medians_by(Deal.objects.all(), value=F("amount")) == {}
    _deals(rep, [3, 1])
    assert medians_by(Deal.objects.all(), value=F("amount")) == {(): Decimal("2")}


def test_median_duration_in_days():
    now = timezone.now()
    for gap in (2, 10, 30):
        RepFactory(date_joined=now - timedelta(days=gap), last_login=now)
    since = ExpressionWrapper(F("last_login") - F("date_joined"), output_field=DurationField())
    assert days(medians_by(User.objects.all(), value=since)[()]) == 10.0
    assert days(None) is None


def test_an_assignment_asks_a_rep_when_made_to_them_or_to_a_team_they_belong_to(team, other_team, rep, other_rep):
    from datetime import date

    from certify.models import Assignment
    from certify.selectors.impact.scope import assignment_asks
    from tests.factories.certify import CertificationFactory

    level = CertificationFactory(levels=1).levels.get()
    to_team = Assignment.objects.create(level=level, team=team, due_date=date(2027, 1, 4))
    to_other = Assignment.objects.create(level=level, user=other_rep, due_date=date(2027, 1, 4))
    assert list(Assignment.objects.filter(assignment_asks(rep.pk))) == [to_team]
    assert list(Assignment.objects.filter(assignment_asks(other_rep.pk))) == [to_other]  # other_team has none
