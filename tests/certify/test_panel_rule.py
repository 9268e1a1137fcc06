"""A level that names a panel size gets its judges the moment a rep asks: the least busy judges, never the rep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import EvaluationStatus
from certify.selectors import judges_eligible
from certify.services import award_grant, evaluation_panel_assign, level_evaluation_request
from tests.factories.certify import CertificationFactory, EnablementAdminFactory, JudgeFactory, RepFactory, UserFactory
from certify.models import Role

pytestmark = pytest.mark.django_db


def _ask(rep, level, **extra):
    award_grant(user=rep, level=level.certification.levels.get(number=1))
    return level_evaluation_request(
        actor=rep, level=level, scenario=level.scenarios.first(), mode="live",
        scheduled_at=timezone.now() + timedelta(days=1), location="Room 2", **extra,
    )


def test_a_panel_size_on_the_level_chooses_the_least_busy_judges_at_once(mailoutbox, django_capture_on_commit_callbacks):
    level = CertificationFactory(levels=2, levels__panel_size=2).levels.get(number=2)
    busy, free_a, free_b = JudgeFactory(), JudgeFactory(), JudgeFactory()
    other = _ask(RepFactory(), CertificationFactory(levels=2).levels.get(number=2))
    evaluation_panel_assign(actor=EnablementAdminFactory(), evaluation=other, judges=[busy])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = _ask(RepFactory(), level)
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert set(evaluation.scorecards.values_list("judge_id", flat=True)) == {free_a.pk, free_b.pk}
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [free_a.email, free_b.email, evaluation.performer.email]
    )
    assert all(message.attachments for message in mailoutbox)  # a live session: everyone gets the calendar invite


def test_a_rep_who_is_also_a_judge_is_never_chosen_for_their_own_panel():
    level = CertificationFactory(levels=2, levels__panel_size=1).levels.get(number=2)
    rep_and_judge = UserFactory(roles=[Role.REP, Role.JUDGE])
    evaluation = _ask(rep_and_judge, level)
    assert evaluation.status == EvaluationStatus.REQUESTED  # the only judge is the rep: an admin must choose
    assert not evaluation.scorecards.exists()


def test_without_enough_judges_the_request_waits_for_an_admin(mailoutbox, django_capture_on_commit_callbacks):
    level = CertificationFactory(levels=2, levels__panel_size=3).levels.get(number=2)
    JudgeFactory.create_batch(2)
    admin = EnablementAdminFactory()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = _ask(RepFactory(), level)
    assert evaluation.status == EvaluationStatus.REQUESTED
    assert [message.to for message in mailoutbox] == [[admin.email]]
    assert "Choose a panel" in mailoutbox[0].subject


def test_only_people_with_the_judge_role_are_eligible():
    judge, rep = JudgeFactory(), RepFactory()
    assert list(judges_eligible()) == [judge]
    assert list(judges_eligible(exclude=[judge])) == []
    assert rep not in judges_eligible()


def test_saving_the_same_panel_again_emails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    level = CertificationFactory(levels=2).levels.get(number=2)
    evaluation = _ask(RepFactory(), level)
    admin, judge = EnablementAdminFactory(), JudgeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=[judge])
    assert len(mailoutbox) == 2  # the judge and the rep
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=[judge])
    assert mailoutbox == []
    second = JudgeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=[judge, second])
    assert [message.to for message in mailoutbox] == [[second.email]]


def test_a_withdrawn_role_play_is_taken_out_of_the_panels_calendars(mailoutbox, django_capture_on_commit_callbacks):
    from assessments.services import evaluation_cancel

    level = CertificationFactory(levels=2).levels.get(number=2)
    evaluation = _ask(RepFactory(), level)
    judge = JudgeFactory()
    evaluation_panel_assign(actor=EnablementAdminFactory(), evaluation=evaluation, judges=[judge])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_cancel(actor=evaluation.performer, evaluation_id=evaluation.pk)
    assert [message.to for message in mailoutbox] == [[judge.email]]  # the rep withdrew: they need no email
    name, content, mimetype = mailoutbox[0].attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert mimetype.startswith("text/calendar") and "METHOD:CANCEL" in content and "STATUS:CANCELLED" in content
    assert f"UID:evaluation-{evaluation.pk}@" in content


def test_an_admin_cancelling_tells_the_rep_why(mailoutbox, django_capture_on_commit_callbacks):
    from assessments.services import evaluation_cancel

    level = CertificationFactory(levels=2).levels.get(number=2)
    evaluation = _ask(RepFactory(), level)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_cancel(actor=EnablementAdminFactory(), evaluation_id=evaluation.pk, reason="The room is closed.")
    assert [message.to for message in mailoutbox] == [[evaluation.performer.email]]
    assert "Reason: The room is closed." in mailoutbox[0].body


def test_a_withdrawn_observation_request_tells_the_manager_asked_with_no_calendar_file(
    mailoutbox, django_capture_on_commit_callbacks
):
    from assessments.services import evaluation_cancel
    from certify.services import award_grant, level_observation_request
    from tests.factories.certify import ManagerFactory, TeamFactory

    certification = CertificationFactory(levels=3)
    rep, manager = RepFactory(), ManagerFactory()
    TeamFactory(members=[rep], managers=[manager])
    for number in (1, 2):
        award_grant(user=rep, level=certification.levels.get(number=number))
    observation = level_observation_request(
        actor=rep, level=certification.levels.get(number=3), observer=manager,
        call_at=timezone.now() + timedelta(days=2), account="Acme", call_kind="discovery",
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_cancel(actor=rep, evaluation_id=observation.pk)
    assert [message.to for message in mailoutbox] == [[manager.email]]
    assert "no call to observe with Acme" in mailoutbox[0].body and not mailoutbox[0].attachments


# --- A judge who manages the rep -----------------------------------------------------------


def _managing_judge(rep, **names):
    """A judge who also manages the rep's team: the rep is their direct report."""
    from tests.factories.certify import TeamFactory

    judge = UserFactory(roles=[Role.JUDGE, Role.MANAGER], **names)
    TeamFactory(members=[rep], managers=[judge])
    return judge


def test_the_automatic_panel_never_chooses_a_judge_who_manages_the_rep():
    level = CertificationFactory(levels=2, levels__panel_size=1).levels.get(number=2)
    rep, busy = RepFactory(), JudgeFactory()
    manager_judge = _managing_judge(rep)  # the least busy judge, yet the rep's own manager
    other = _ask(RepFactory(), CertificationFactory(levels=2).levels.get(number=2))
    evaluation_panel_assign(actor=EnablementAdminFactory(), evaluation=other, judges=[busy])
    evaluation = _ask(rep, level)
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert list(evaluation.scorecards.values_list("judge_id", flat=True)) == [busy.pk]
    assert manager_judge in judges_eligible()  # a judge like any other for everyone else's panel


def test_when_the_only_judge_manages_the_rep_the_request_waits_for_an_admin():
    level = CertificationFactory(levels=2, levels__panel_size=1).levels.get(number=2)
    rep = RepFactory()
    _managing_judge(rep)
    evaluation = _ask(rep, level)
    assert evaluation.status == EvaluationStatus.REQUESTED and not evaluation.scorecards.exists()


def test_an_admin_puts_the_reps_manager_on_the_panel_only_knowingly():
    from certify.exceptions import DomainError

    rep = RepFactory()
    manager_judge = _managing_judge(rep)
    evaluation = _ask(rep, CertificationFactory(levels=2).levels.get(number=2))
    admin = EnablementAdminFactory()
    with pytest.raises(DomainError, match="manages"):
        evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=[manager_judge])
    assert not evaluation.scorecards.exists()
    evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=[manager_judge], include_managers=True)
    assert list(evaluation.scorecards.values_list("judge_id", flat=True)) == [manager_judge.pk]


def test_the_panel_form_lists_the_reps_manager_apart_and_refuses_them_without_the_tick():
    from certify.forms import EvaluationPanelForm
    from certify.selectors import judges_managing

    rep = RepFactory(first_name="Maria", last_name="Lopez")
    manager_judge, judge = _managing_judge(rep), JudgeFactory()
    evaluation = _ask(rep, CertificationFactory(levels=2).levels.get(number=2))

    def form(data=None):
        return EvaluationPanelForm(
            data,
            evaluation=evaluation,
            eligible=list(judges_eligible(exclude=[rep], not_managing=rep)),
            managing=list(judges_managing(rep)),
        )

    html = str(form())
    assert f'name="judges" value="{judge.pk}"' in html and f'name="judges" value="{manager_judge.pk}"' not in html
    assert f'name="managing_judges" value="{manager_judge.pk}"' in html
    assert "Manages Maria Lopez: choose only if you mean to" in html
    when = {"scheduled_at": timezone.localtime(evaluation.scheduled_at).strftime("%Y-%m-%dT%H:%M"), "location": "Room 2"}
    refused = form({"managing_judges": [manager_judge.pk], **when})
    assert not refused.is_valid() and "include_managers" in refused.errors
    taken = form({"judges": [judge.pk], "managing_judges": [manager_judge.pk], "include_managers": "on", **when})
    assert taken.is_valid(), taken.errors
    assert taken.cleaned_data["panel"] == [judge, manager_judge] and taken.cleaned_data["include_managers"] is True


def test_without_a_manager_of_the_rep_among_the_judges_the_form_shows_no_such_choice():
    from certify.forms import EvaluationPanelForm

    rep = RepFactory()
    JudgeFactory()
    evaluation = _ask(rep, CertificationFactory(levels=2).levels.get(number=2))
    form = EvaluationPanelForm(evaluation=evaluation, eligible=list(judges_eligible(exclude=[rep], not_managing=rep)))
    assert "managing_judges" not in form.fields and "include_managers" not in form.fields
