"""Awards: what a pass earns, how long it lasts, what each level needs, and taking one back."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.exceptions import DomainError, PermissionRefused
from certify.models import Award, add_months
from certify.selectors import award_history, my_certifications
from certify.services import (
    assignment_create,
    award_grant,
    award_grant_by_person,
    award_revoke,
)
from tests.factories.certify import CertificationFactory
from tests.helpers import section as _section

pytestmark = pytest.mark.django_db


def _take_quiz(person, quiz, *, right=True):
    """Start, answer and submit a quiz through the engine; unshuffled factory questions have choice 0 right."""
    attempt = attempt_start(user=person, quiz=quiz)
    answer = [0] if right else [1]
    attempt_save_answers(
        actor=person, attempt_id=attempt.pk, answers={q.position: answer for q in attempt.questions.all()}
    )
    return attempt_submit(actor=person, attempt_id=attempt.pk)


def _level(certification, number):
    return certification.levels.get(number=number)


# --- Awarding on a pass ---------------------------------------------------------


def test_passing_the_quiz_of_an_open_certification_awards_level_1(rep):
    certification = CertificationFactory(open_to_all=True)
    attempt = _take_quiz(rep, _level(certification, 1).quiz)
    award = Award.objects.get(user=rep)
    assert attempt.passed is True
    assert (award.level, award.certification, award.attempt) == (_level(certification, 1), certification, attempt)
    assert award.granted_by is None and award.awarded_at == attempt.submitted_at


def test_failing_the_quiz_awards_nothing(rep):
    certification = CertificationFactory(open_to_all=True)
    attempt = _take_quiz(rep, _level(certification, 1).quiz, right=False)
    assert attempt.passed is False
    assert not Award.objects.filter(user=rep).exists()


def test_passing_the_quiz_of_a_certification_assigned_to_the_rep_awards_level_1(rep, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    level = _level(certification, 1)
    assignment_create(
        actor=enablement_admin, level=level, users=[rep], due_date=timezone.localdate() + timedelta(days=10)
    )
    _take_quiz(rep, level.quiz)
    assert Award.objects.filter(user=rep, level=level).count() == 1


def test_passing_the_quiz_of_a_certification_assigned_to_the_reps_team_awards_level_1(rep, team, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    level = _level(certification, 1)
    assignment_create(
        actor=enablement_admin, level=level, teams=[team], due_date=timezone.localdate() + timedelta(days=10)
    )
    _take_quiz(rep, level.quiz)
    assert Award.objects.filter(user=rep, level=level).count() == 1


def test_passing_awards_nothing_when_the_certification_is_neither_open_nor_assigned_to_the_rep(
    rep, other_rep, enablement_admin
):
    certification = CertificationFactory(open_to_all=False)
    level = _level(certification, 1)
    # Assigned to someone else: that does not open it to this rep.
    assignment_create(
        actor=enablement_admin, level=level, users=[other_rep], due_date=timezone.localdate() + timedelta(days=10)
    )
    attempt = _take_quiz(rep, level.quiz)
    assert attempt.passed is True
    assert not Award.objects.filter(user=rep).exists()


def test_passing_awards_nothing_for_an_inactive_certification(rep):
    certification = CertificationFactory(open_to_all=True, active=False)
    attempt = _take_quiz(rep, _level(certification, 1).quiz)
    assert attempt.passed is True
    assert not Award.objects.filter(user=rep).exists()


# --- How long an award lasts -----------------------------------------------------


def test_an_award_is_valid_for_the_levels_validity_months(rep):
    certification = CertificationFactory(levels__validity=18)
    attempt = _take_quiz(rep, _level(certification, 1).quiz)
    award = Award.objects.get(user=rep)
    assert award.valid_until == add_months(attempt.submitted_at, 18)
    assert award.valid_until > attempt.submitted_at + timedelta(days=18 * 30)


def test_an_award_made_on_the_31st_runs_to_the_last_day_of_a_shorter_month(rep):
    certification = CertificationFactory(levels__validity=1)
    awarded = datetime(2025, 1, 31, 9, 30, tzinfo=UTC)
    award = award_grant(user=rep, level=_level(certification, 1), now=awarded)
    assert award.valid_until == datetime(2025, 2, 28, 9, 30, tzinfo=UTC)


def test_an_award_of_a_level_without_validity_never_expires(rep):
    certification = CertificationFactory(levels__validity=None)
    _take_quiz(rep, _level(certification, 1).quiz)
    award = Award.objects.get(user=rep)
    assert award.valid_until is None
    assert award.is_current(now=timezone.now() + timedelta(days=365 * 50))


# --- What each level needs -------------------------------------------------------


def test_level_2_cannot_be_awarded_without_level_1(rep):
    certification = CertificationFactory(levels=2)
    with pytest.raises(DomainError, match="needs level 1 first"):
        award_grant(user=rep, level=_level(certification, 2))
    assert not Award.objects.filter(user=rep).exists()


def test_level_2_can_be_awarded_once_level_1_is_held(rep):
    certification = CertificationFactory(levels=2)
    award_grant(user=rep, level=_level(certification, 1))
    award = award_grant(user=rep, level=_level(certification, 2))
    assert award.level.number == 2 and Award.objects.current().filter(user=rep).count() == 2


def test_level_3_needs_level_2_not_just_level_1(rep):
    certification = CertificationFactory(levels=3)
    award_grant(user=rep, level=_level(certification, 1))
    with pytest.raises(DomainError, match="needs level 2 first"):
        award_grant(user=rep, level=_level(certification, 3))
    award_grant(user=rep, level=_level(certification, 2))
    assert award_grant(user=rep, level=_level(certification, 3)).level.number == 3


def test_a_revoked_level_1_does_not_open_level_2(rep, enablement_admin):
    certification = CertificationFactory(levels=2)
    level_1 = award_grant(user=rep, level=_level(certification, 1))
    award_revoke(actor=enablement_admin, award_id=level_1.pk, reason="Shared answers.")
    with pytest.raises(DomainError, match="needs level 1 first"):
        award_grant(user=rep, level=_level(certification, 2))
    assert not Award.objects.filter(user=rep, level__number=2).exists()


def test_an_expired_level_1_does_not_open_level_2(rep):
    certification = CertificationFactory(levels=2, levels__validity=1)
    expired = award_grant(user=rep, level=_level(certification, 1), now=timezone.now() - timedelta(days=70))
    assert expired.valid_until < timezone.now()
    with pytest.raises(DomainError, match="needs level 1 first"):
        award_grant(user=rep, level=_level(certification, 2))


def test_level_1_of_another_certification_does_not_open_level_2(rep):
    certification, other = CertificationFactory(levels=2), CertificationFactory(levels=2)
    award_grant(user=rep, level=_level(other, 1))
    with pytest.raises(DomainError, match="needs level 1 first"):
        award_grant(user=rep, level=_level(certification, 2))


# --- Revoking ---------------------------------------------------------------------


def test_revoking_needs_a_reason_and_changes_nothing_without_one(rep, enablement_admin):
    award = award_grant(user=rep, level=_level(CertificationFactory(), 1))
    for reason in ("", "   "):
        with pytest.raises(DomainError, match="Give a reason"):
            award_revoke(actor=enablement_admin, award_id=award.pk, reason=reason)
    award.refresh_from_db()
    assert award.revoked_at is None and award.revoked_by is None and award.revoke_reason == ""


def test_revoking_records_who_when_and_why_and_keeps_the_award(rep, enablement_admin):
    award = award_grant(user=rep, level=_level(CertificationFactory(), 1))
    before = timezone.now()
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="  Shared the answers in a group chat.  ")
    award.refresh_from_db()
    assert award.revoked_by == enablement_admin
    assert before <= award.revoked_at <= timezone.now()
    assert award.revoke_reason == "Shared the answers in a group chat."
    assert Award.objects.filter(pk=award.pk).exists()


def test_a_revoked_award_is_no_longer_current(rep, enablement_admin):
    award = award_grant(user=rep, level=_level(CertificationFactory(levels__validity=None), 1))
    assert list(Award.objects.current().filter(user=rep)) == [award]
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Granted in error.")
    award.refresh_from_db()
    assert not Award.objects.current().filter(user=rep).exists()
    assert award.is_current() is False


def test_a_rep_no_longer_holds_a_revoked_award_on_my_certifications(client_for, rep, enablement_admin):
    certification = CertificationFactory(title="Pulse Forecasting")
    award = award_grant(user=rep, level=_level(certification, 1))
    client = client_for(rep)
    held_before = _section(client.get(reverse("certify:my_certifications")).content.decode(), "held-heading")
    assert "Pulse Forecasting" in held_before
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Granted in error.")
    content = client.get(reverse("certify:my_certifications")).content.decode()
    assert "Pulse Forecasting" not in _section(content, "held-heading")
    assert my_certifications(user=rep).held == []
    # Open to everyone, so it is offered again.
    assert "Pulse Forecasting" in _section(content, "open-heading")


def test_revoking_twice_is_refused_and_keeps_the_first_record(rep, enablement_admin):
    award = award_grant(user=rep, level=_level(CertificationFactory(), 1))
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="First reason.")
    with pytest.raises(DomainError, match="already been revoked"):
        award_revoke(actor=enablement_admin, award_id=award.pk, reason="Second reason.")
    award.refresh_from_db()
    assert award.revoke_reason == "First reason."


@pytest.mark.parametrize("actor_fixture", ["rep", "manager", "judge"])
def test_only_enablement_admins_revoke_awards(request, other_rep, actor_fixture):
    actor = request.getfixturevalue(actor_fixture)
    award = award_grant(user=other_rep, level=_level(CertificationFactory(), 1))
    with pytest.raises(PermissionRefused):
        award_revoke(actor=actor, award_id=award.pk, reason="Because I say so.")
    award.refresh_from_db()
    assert award.revoked_at is None


# --- Granting by hand ---------------------------------------------------------------


def test_an_admin_grants_a_level_by_hand_with_the_grounds_recorded(rep, enablement_admin):
    level = _level(CertificationFactory(), 1)
    award = award_grant_by_person(
        actor=enablement_admin, user=rep, level=level, note="  Passed the same certification at Acme.  "
    )
    award.refresh_from_db()
    assert (award.user, award.level, award.granted_by) == (rep, level, enablement_admin)
    assert award.note == "Passed the same certification at Acme." and award.attempt is None
    assert award.granted_by_label == str(enablement_admin)


def test_granting_by_hand_needs_the_grounds(rep, enablement_admin):
    with pytest.raises(DomainError, match="on what grounds"):
        award_grant_by_person(actor=enablement_admin, user=rep, level=_level(CertificationFactory(), 1), note=" ")
    assert not Award.objects.exists()


def test_granting_by_hand_still_needs_the_previous_level(rep, enablement_admin):
    certification = CertificationFactory(levels=2)
    with pytest.raises(DomainError, match="needs level 1 first"):
        award_grant_by_person(actor=enablement_admin, user=rep, level=_level(certification, 2), note="Field visit.")
    assert not Award.objects.exists()


@pytest.mark.parametrize("actor_fixture", ["rep", "manager", "judge"])
def test_only_enablement_admins_grant_by_hand(request, other_rep, actor_fixture):
    actor = request.getfixturevalue(actor_fixture)
    with pytest.raises(PermissionRefused):
        award_grant_by_person(actor=actor, user=other_rep, level=_level(CertificationFactory(), 1), note="Trust me.")
    assert not Award.objects.exists()


# --- History ---------------------------------------------------------------------------


def test_award_history_lists_revoked_and_expired_awards_newest_first(rep, enablement_admin):
    certification = CertificationFactory(levels__validity=1)
    level = _level(certification, 1)
    expired = award_grant(user=rep, level=level, now=timezone.now() - timedelta(days=90))
    revoked = award_grant(user=rep, level=level, now=timezone.now() - timedelta(days=10))
    award_revoke(actor=enablement_admin, award_id=revoked.pk, reason="Granted in error.")
    current = award_grant(user=rep, level=level)
    history = list(award_history(user=rep, certification=certification))
    assert history == [current, revoked, expired]
    assert history[1].revoke_reason == "Granted in error." and history[1].revoked_by == enablement_admin


def test_award_history_is_the_persons_own_and_can_be_narrowed_to_one_certification(rep, other_rep):
    certification, other = CertificationFactory(), CertificationFactory()
    mine = award_grant(user=rep, level=_level(certification, 1))
    mine_elsewhere = award_grant(user=rep, level=_level(other, 1))
    award_grant(user=other_rep, level=_level(certification, 1))
    assert set(award_history(user=rep)) == {mine, mine_elsewhere}
    assert list(award_history(user=rep, certification=certification)) == [mine]


def test_the_certification_page_shows_a_revoked_award_with_its_reason(client_for, rep, enablement_admin):
    certification = CertificationFactory()
    award = award_grant(user=rep, level=_level(certification, 1))
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Answers were shared.")
    content = client_for(rep).get(reverse("certify:certification_detail", args=[certification.slug])).content.decode()
    assert "Award history" in content and "revoked" in content and "Answers were shared." in content


# --- Admin views ----------------------------------------------------------------------------


def test_admin_revokes_an_award_through_the_admin_form(client_for, rep, enablement_admin):
    award = award_grant(user=rep, level=_level(CertificationFactory(), 1))
    client = client_for(enablement_admin)
    url = reverse("certify_admin:award_revoke", args=[award.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Revoking keeps the record" in page.content.decode()
    response = client.post(url, {"reason": "Shared the answers."})
    assert response.status_code == 302 and response.url == reverse("wagtailsnippets_certify_award:list")
    award.refresh_from_db()
    assert (award.revoked_by, award.revoke_reason) == (enablement_admin, "Shared the answers.")


@pytest.mark.parametrize("reason", ["", "   "])
def test_admin_revoke_form_without_a_reason_shows_the_error_and_changes_nothing(
    client_for, rep, enablement_admin, reason
):
    award = award_grant(user=rep, level=_level(CertificationFactory(), 1))
    response = client_for(enablement_admin).post(reverse("certify_admin:award_revoke", args=[award.pk]), {"reason": reason})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    award.refresh_from_db()
    assert award.revoked_at is None and award.revoke_reason == ""


def test_admin_revoke_form_refuses_an_award_already_revoked(client_for, rep, enablement_admin):
    award = award_grant(user=rep, level=_level(CertificationFactory(), 1))
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="First reason.")
    response = client_for(enablement_admin).post(
        reverse("certify_admin:award_revoke", args=[award.pk]), {"reason": "Second reason."}
    )
    assert response.status_code == 200 and "already been revoked" in response.content.decode()
    award.refresh_from_db()
    assert award.revoke_reason == "First reason."


def test_admin_grants_a_level_through_the_admin_form(client_for, rep, enablement_admin):
    level = _level(CertificationFactory(), 1)
    response = client_for(enablement_admin).post(
        reverse("certify_admin:award_grant"), {"user": rep.email.upper(), "level": level.pk, "note": "Checked by Sam."}
    )
    assert response.status_code == 302 and response.url == reverse("wagtailsnippets_certify_award:list")
    award = Award.objects.get(user=rep)
    assert (award.level, award.granted_by, award.note) == (level, enablement_admin, "Checked by Sam.")


def test_admin_grant_form_shows_why_a_level_cannot_be_granted(client_for, rep, enablement_admin):
    certification = CertificationFactory(levels=2)
    client = client_for(enablement_admin)
    needs_level_1 = client.post(
        reverse("certify_admin:award_grant"), {"user": rep.email, "level": _level(certification, 2).pk, "note": "Field visit."}
    )
    assert needs_level_1.status_code == 200 and "needs level 1 first" in needs_level_1.content.decode()
    unknown = client.post(
        reverse("certify_admin:award_grant"),
        {"user": "nobody@test.example", "level": _level(certification, 1).pk, "note": "Field visit."},
    )
    assert unknown.status_code == 200 and "No active rep has the address nobody@test.example" in unknown.content.decode()
    no_grounds = client.post(
        reverse("certify_admin:award_grant"), {"user": rep.email, "level": _level(certification, 1).pk, "note": ""}
    )
    assert no_grounds.status_code == 200 and "This field is required." in no_grounds.content.decode()
    assert not Award.objects.exists()


@pytest.mark.parametrize("person_fixture", ["rep", "manager"])
def test_admin_award_views_are_forbidden_to_others(client_for, request, other_rep, enablement_admin, person_fixture):
    person = request.getfixturevalue(person_fixture)
    level = _level(CertificationFactory(), 1)
    award = award_grant(user=other_rep, level=level)
    client = client_for(person)
    revoke_url = reverse("certify_admin:award_revoke", args=[award.pk])
    assert client.get(revoke_url).status_code == 403
    assert client.post(revoke_url, {"reason": "Nope."}).status_code == 403
    assert client.get(reverse("certify_admin:award_grant")).status_code == 403
    granted = client.post(reverse("certify_admin:award_grant"), {"user": person.email, "level": level.pk, "note": "Me."})
    assert granted.status_code == 403
    award.refresh_from_db()
    assert award.revoked_at is None and Award.objects.count() == 1
