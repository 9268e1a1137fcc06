"""When a level's content changes materially, its holders keep it until a day the admin chooses, are told, and
renew it by passing again; the readiness grid and the rep's path show the day."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import DomainError, PermissionRefused
from certify.models import Award, LevelChange, NoticeKind, Notification
from certify.services import award_renewable, level_change_announce, recertify_deadline
from tests.factories.certify import CertificationFactory, RepFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def pulse():
    return CertificationFactory(title="Pulse", slug="pulse", levels=1, levels__validity=None)


def _award(rep, level, **fields):
    return Award.objects.create(user=rep, certification=level.certification, level=level, awarded_at=timezone.now() - timedelta(days=40), **fields)


def test_holders_keep_the_level_until_the_day_chosen_and_are_told(enablement_admin, rep, other_rep, pulse, django_capture_on_commit_callbacks):
    level = pulse.levels.get()
    forever = _award(rep, level)
    sooner = _award(other_rep, level, valid_until=timezone.now() + timedelta(days=5))
    gone = _award(RepFactory(), level, revoked_at=timezone.now())
    day = TODAY + timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        change = level_change_announce(actor=enablement_admin, level=level, recertify_by=day, note="New pricing module.")
    forever.refresh_from_db(), sooner.refresh_from_db(), gone.refresh_from_db()
    assert (forever.valid_until, forever.recertify_by, forever.level_change) == (recertify_deadline(day), day, change)
    assert sooner.recertify_by is None and sooner.valid_until < recertify_deadline(day)  # ends sooner: its own end
    assert gone.recertify_by is None and gone.valid_until is None
    assert change.holders == 2
    [message] = mail.outbox  # only the award that now ends on the day chosen is asked to recertify
    assert message.to == [rep.email] and "New pricing module." in message.body
    assert message.subject == f"Pulse: take level 1 — content mastery again by {day:%-d %B}"
    assert Notification.objects.get(user=rep).kind == NoticeKind.RECERTIFY


def test_renewing_opens_in_the_last_60_days_before_the_day(enablement_admin, rep, pulse):
    level = pulse.levels.get()
    near, far = _award(rep, level), _award(RepFactory(), level)
    level_change_announce(actor=enablement_admin, level=level, recertify_by=TODAY + timedelta(days=30), note="New quiz.")
    near.refresh_from_db()
    assert award_renewable(near)
    other = CertificationFactory(title="Drift", slug="drift", levels=1, levels__validity=None).levels.get()
    far = _award(far.user, other)
    level_change_announce(actor=enablement_admin, level=other, recertify_by=TODAY + timedelta(days=120), note="New guide.")
    far.refresh_from_db()
    assert not award_renewable(far)


@pytest.mark.parametrize("days, note", [(6, "New quiz."), (367, "New quiz."), (30, ""), (30, "x" * 301)])
def test_a_day_too_soon_or_too_far_or_no_note_is_refused_and_nothing_changes(enablement_admin, rep, pulse, days, note):
    level = pulse.levels.get()
    award = _award(rep, level)
    with pytest.raises(DomainError):
        level_change_announce(actor=enablement_admin, level=level, recertify_by=TODAY + timedelta(days=days), note=note)
    award.refresh_from_db()
    assert award.valid_until is None and not LevelChange.objects.exists()


def test_only_enablement_admins_ask_holders_to_recertify(manager, pulse):
    with pytest.raises(PermissionRefused):
        level_change_announce(actor=manager, level=pulse.levels.get(), recertify_by=TODAY + timedelta(days=30), note="x")


def test_the_readiness_grid_and_the_reps_path_show_the_day(client_for, enablement_admin, manager, rep, team, pulse):
    level = pulse.levels.get()
    _award(rep, level)
    day = TODAY + timedelta(days=30)
    level_change_announce(actor=enablement_admin, level=level, recertify_by=day, note="New pricing module.")
    grid = client_for(manager).get(reverse("certify:team_readiness", args=[team.pk]), {"certification": pulse.pk})
    assert f"recertify by {day:%-d %b}" in grid.content.decode()
    path = client_for(rep).get(reverse("certify:rep_path")).content.decode()
    assert "To take again" in path and f"by {day:%-d %b %Y}: New pricing module." in path


def test_the_admin_page_asks_and_says_how_many_holders(client_for, enablement_admin, rep, pulse):
    level = pulse.levels.get()
    _award(rep, level)
    url = reverse("certify_admin:level_change")
    client = client_for(enablement_admin)
    assert client.get(url).status_code == 200
    day = TODAY + timedelta(days=45)
    response = client.post(url, {"level": level.pk, "recertify_by": day.isoformat(), "note": "New quiz version."}, follow=True)
    assert f"1 holder of {level} asked to recertify by {day:%-d %B %Y}" in response.content.decode()
    refused = client.post(url, {"level": level.pk, "recertify_by": TODAY.isoformat(), "note": "Again."})
    assert refused.status_code == 200 and "Choose a day from 7 days to a year ahead" in refused.content.decode()
    assert LevelChange.objects.count() == 1
