"""Managers' weekly digest: their teams' awards of the week, what is overdue, what waits on them — once a week."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certify.models import Assignment, Award, NoticeChannel, NoticeKind, Notification, NotificationPreference
from certify.schedules import SCHEDULES
from certify.services import team_digests_send
from tests.factories.certify import CertificationFactory, RepFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(rep, other_rep, team, other_team):
    """East (manager): rep earned Pulse level 1 two days ago; Bea is overdue on Drift level 1 (due 3 days ago).
    West (other_manager): other_rep earned Pulse level 1 ten days ago (not this week)."""
    pulse = CertificationFactory(title="Pulse", slug="pulse")
    drift = CertificationFactory(title="Drift", slug="drift")
    bea = RepFactory(first_name="Bea", last_name="Bell")
    team.members.add(bea)
    team.save()
    now = timezone.now()
    Award.objects.create(user=rep, certification=pulse, level=pulse.levels.get(), awarded_at=now - timedelta(days=2))
    Award.objects.create(user=other_rep, certification=pulse, level=pulse.levels.get(), awarded_at=now - timedelta(days=10))
    Assignment.objects.create(level=drift.levels.get(), user=bea, due_date=timezone.localdate() - timedelta(days=3))
    return {"bea": bea}


def test_each_manager_gets_their_own_teams_week_and_a_manager_with_nothing_to_say_gets_nothing(manager, other_manager, rep, week):
    assert team_digests_send() == 1
    [message] = mail.outbox
    assert message.to == [manager.email]
    assert message.subject == "Your teams this week: 1 earned, 1 overdue, 0 waiting on you"
    assert f"{rep.display_name}: Pulse, Level 1" in message.body
    assert "Bea Bell: Drift, level 1 (due" in message.body
    assert Notification.objects.filter(user=manager, kind=NoticeKind.TEAM_DIGEST).count() == 1
    assert not Notification.objects.filter(user=other_manager).exists()  # West's award was ten days ago


def test_the_digest_goes_out_once_a_week_however_often_it_runs(manager, week):
    assert team_digests_send() == 1
    assert team_digests_send() == 0 and len(mail.outbox) == 1
    assert team_digests_send(now=timezone.now() + timedelta(days=7)) == 1  # next week: Bea is still overdue


def test_a_manager_may_take_the_digest_in_the_product_only(manager, week):
    NotificationPreference.objects.create(user=manager, kind=NoticeKind.TEAM_DIGEST, channel=NoticeChannel.PRODUCT)
    assert team_digests_send() == 1 and mail.outbox == []
    assert Notification.objects.get(user=manager).link == "/teams/"


def test_the_digest_runs_weekly():
    assert ("certify.tasks.team_digests_send", "weekly") in [(func, every) for _name, func, every in SCHEDULES]


def test_the_digests_queries_do_not_grow_with_the_teams_reps(manager, team, week):
    """One manager's digest: the manager list, their teams, reps, awards of the week and their count, overdue
    levels and their reps, what waits on them and its count, the preference and the notification: the same for 2
    reps or 17."""
    with count_queries() as before:
        team_digests_send()
    Notification.objects.all().delete()
    level = Assignment.objects.get().level
    for _ in range(15):
        extra = RepFactory()
        team.members.add(extra)
        team.save()
        Assignment.objects.create(level=level, user=extra, due_date=timezone.localdate() - timedelta(days=1))
    with count_queries() as after:
        team_digests_send()
    assert after.count == before.count
