"""The enablement admin's side of level-2 assessments: the evaluations list, choosing a panel,
moderating a flagged panel, and how judges score against their panels."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus
from certify.models import Award, Role
from tests.factories.certify import EnablementAdminFactory, JudgeFactory, RepFactory, UserFactory
from tests.factories.evaluations import keys_of, level2_certification, level2_evaluation, submit
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_assessments_evaluation:list")


def _flagged(rep, admin, judges, *, scores=None):
    """An evaluation whose two judges disagree beyond tolerance: all 3s against all 1s, or
    `scores(keys)` giving each judge's {key: (score, comment)}."""
    evaluation = level2_evaluation(rep=rep, admin=admin, judges=judges)
    for judge, score in zip(judges, scores(keys_of(evaluation)) if scores else (3, 1)):
        if isinstance(score, dict):
            submit(judge, evaluation, scores=score)
        else:
            submit(judge, evaluation, score)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED
    return evaluation


def _admin_area_user_without_evaluation_rights():
    person = UserFactory()
    person.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return person


# --- Who may open the pages ---------------------------------------------------------------


def _urls(evaluation):
    return [
        LIST_URL,
        reverse("certify_admin:evaluation_panel", args=[evaluation.pk]),
        reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk]),
        reverse("assessments_admin:calibration"),
    ]


@pytest.mark.parametrize("visitor", ["rep", "judge", "manager"])
def test_reps_judges_and_managers_cannot_open_the_evaluation_admin(request, client_for, enablement_admin, visitor):
    person = request.getfixturevalue(visitor)
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    client = client_for(person)
    for url in _urls(evaluation):
        assert client.get(url).status_code == 403, url


def test_visitors_are_sent_to_sign_in(client, enablement_admin):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    for url in _urls(evaluation):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_admin_area_users_without_the_evaluation_permissions_are_refused_by_each_view(client_for, enablement_admin):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    client = client_for(_admin_area_user_without_evaluation_rights())
    for url in _urls(evaluation)[1:]:
        # The Wagtail admin answers a refusal inside it by sending the person to the admin's home page.
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home")), url


def test_enablement_admins_open_every_evaluation_page(client_for, enablement_admin):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    client = client_for(enablement_admin)
    for url in _urls(evaluation):
        assert client.get(url).status_code == 200, url


def test_the_admin_menu_offers_evaluations_and_the_calibration_report_to_enablement_admins(client_for, enablement_admin):
    menu = client_for(enablement_admin).get(reverse("wagtailadmin_home")).content.decode()
    assert LIST_URL in menu and reverse("assessments_admin:calibration") in menu
    others = client_for(_admin_area_user_without_evaluation_rights()).get(reverse("wagtailadmin_home")).content.decode()
    assert LIST_URL not in others and reverse("assessments_admin:calibration") not in others


@pytest.mark.parametrize("name", ["certify_admin:evaluation_panel", "assessments_admin:evaluation_moderate"])
def test_a_missing_evaluation_is_not_found(client_for, enablement_admin, name):
    assert client_for(enablement_admin).get(reverse(name, args=[99999])).status_code == 404


# --- The list -------------------------------------------------------------------------------


def test_each_evaluation_links_to_its_next_step(client_for, enablement_admin, judge):
    waiting = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    other_judge = JudgeFactory()
    flagged = _flagged(RepFactory(), enablement_admin, [judge, other_judge])
    html = client_for(enablement_admin).get(LIST_URL).content.decode()
    assert reverse("certify_admin:evaluation_panel", args=[waiting.pk]) in html
    assert reverse("assessments_admin:evaluation_moderate", args=[flagged.pk]) in html
    assert reverse("certify_admin:evaluation_panel", args=[flagged.pk]) not in html
    assert reverse("assessments_admin:evaluation_moderate", args=[waiting.pk]) not in html
    assert reverse("certify:evaluation", args=[waiting.pk]) in html
    assert judge.display_name in html and "No panel yet" in html


def test_the_list_filters_by_state_and_searches_by_rep(client_for, enablement_admin, judge):
    waiting = level2_evaluation(rep=RepFactory(email="waiting.rep@test.example"), admin=enablement_admin)
    flagged = _flagged(RepFactory(email="flagged.rep@test.example"), enablement_admin, [judge, JudgeFactory()])
    client = client_for(enablement_admin)
    by_state = client.get(LIST_URL, {"status": "flagged"}).content.decode()
    assert reverse("assessments_admin:evaluation_moderate", args=[flagged.pk]) in by_state
    assert reverse("certify_admin:evaluation_panel", args=[waiting.pk]) not in by_state
    by_rep = client.get(LIST_URL, {"q": "waiting.rep"}).content.decode()
    assert reverse("certify_admin:evaluation_panel", args=[waiting.pk]) in by_rep
    assert reverse("assessments_admin:evaluation_moderate", args=[flagged.pk]) not in by_rep


def test_nobody_adds_edits_or_deletes_an_evaluation_in_the_admin(client_for, enablement_admin):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    superuser = EnablementAdminFactory(is_superuser=True)
    client = client_for(superuser)
    listing = client.get(LIST_URL).content.decode()
    assert reverse("wagtailsnippets_assessments_evaluation:add") not in listing
    assert "data-bulk-action-checkbox" not in listing
    for action in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_assessments_evaluation:{action}", args=[evaluation.pk])
        assert client.get(url).status_code != 200
        client.post(url, {"status": "released", "score": "100"})
    client.post(reverse("wagtail_bulk_action", args=["assessments", "evaluation", "delete"]) + f"?id={evaluation.pk}")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REQUESTED and evaluation.score is None
    assert client.get(reverse("wagtailsnippets_assessments_evaluation:inspect", args=[evaluation.pk])).status_code == 200


def test_the_evaluations_list_runs_the_same_queries_for_1_or_20_rows(client_for, enablement_admin):
    judges = [JudgeFactory(), JudgeFactory()]
    certification = level2_certification()
    level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=judges, certification=certification)
    client = client_for(enablement_admin)
    client.get(LIST_URL)
    # 14: session, user, their roles, their authenticator, user and group permissions, admin profile; the count;
    # Wagtail's furniture (locales, page and collection permissions, the explorer's root page); the page of
    # evaluations with their reps; their panels with the judges, in one prefetch.
    one = queries_for(client, LIST_URL)
    for index in range(19):
        evaluation = level2_evaluation(
            rep=RepFactory(), admin=enablement_admin, judges=judges if index % 2 else (), certification=certification
        )
        if index % 3 == 0 and index % 2:
            submit(judges[0], evaluation, 3)
            submit(judges[1], evaluation, 1)
    assert Evaluation.objects.count() == 20
    assert queries_for(client, LIST_URL) == one


# --- Choosing the panel -----------------------------------------------------------------------


def _panel_post(judges, *, when=None, where="Room 4, second floor"):
    data = {"judges": [judge.pk for judge in judges], "location": where}
    if when is not None:
        data["scheduled_at"] = timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")
    return data


def test_the_panel_form_offers_judges_with_their_load_and_the_session_as_booked(client_for, enablement_admin, judge):
    busy = JudgeFactory(first_name="Busy", last_name="Bee")
    level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[busy])
    rep = RepFactory(roles=[Role.REP, Role.JUDGE])
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    html = client_for(enablement_admin).get(reverse("certify_admin:evaluation_panel", args=[evaluation.pk])).content.decode()
    assert "Busy Bee — 1 open scorecard" in html
    assert f"{judge.display_name} — 0 open scorecards" in html
    assert f'name="judges" value="{judge.pk}"' in html
    assert f'name="judges" value="{rep.pk}"' not in html  # the rep is a judge too, but never on their own panel
    assert timezone.localtime(evaluation.scheduled_at).strftime("%Y-%m-%dT%H:%M") in html
    assert "Room 4, second floor" in html


def test_admin_chooses_the_panel_and_the_judges_and_rep_get_calendar_invitations(
    client_for, enablement_admin, judge, django_capture_on_commit_callbacks, mailoutbox
):
    rep = RepFactory()
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    second = JudgeFactory()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(enablement_admin).post(
            reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), _panel_post([judge, second], when=evaluation.scheduled_at)
        )
    assert response.status_code == 302 and response["Location"] == LIST_URL
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert set(evaluation.scorecards.values_list("judge", flat=True)) == {judge.pk, second.pk}
    assert sorted(message.to[0] for message in mailoutbox) == sorted([judge.email, second.email, rep.email])
    for message in mailoutbox:
        assert [name for name, _content, _type in message.attachments] == ["assessment.ics"]
    follow = client_for(enablement_admin).get(LIST_URL).content.decode()
    assert "being told by email" in follow


def test_admin_moves_a_live_session_while_choosing_the_panel(client_for, enablement_admin, judge):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, started=False)
    later = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    response = client_for(enablement_admin).post(
        reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), _panel_post([judge], when=later, where="Video call: meet.example/abc")
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.scheduled_at, evaluation.location) == (later, "Video call: meet.example/abc")


def test_the_panel_of_a_session_under_way_can_change_without_moving_it(client_for, enablement_admin, judge):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[JudgeFactory()], started=True)
    booked = evaluation.scheduled_at
    response = client_for(enablement_admin).post(
        reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), _panel_post([judge], when=booked)
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.scheduled_at == booked
    assert list(evaluation.scorecards.values_list("judge", flat=True)) == [judge.pk]


def test_the_rep_is_refused_as_judge_of_their_own_performance(client_for, enablement_admin, judge):
    rep = RepFactory(roles=[Role.REP, Role.JUDGE])
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    response = client_for(enablement_admin).post(
        reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), _panel_post([judge, rep], when=evaluation.scheduled_at)
    )
    assert response.status_code == 200
    assert "cannot judge their own performance" in response.content.decode()
    assert not evaluation.scorecards.exists()


def test_a_person_without_the_judge_role_is_refused_a_seat_on_the_panel(client_for, enablement_admin, manager):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, started=False)
    response = client_for(enablement_admin).post(
        reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), _panel_post([manager], when=evaluation.scheduled_at)
    )
    assert response.status_code == 200
    assert "is not a judge: give them the judge role first." in response.content.decode()
    assert not evaluation.scorecards.exists()


def test_choosing_no_judge_is_refused_next_to_the_field(client_for, enablement_admin):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, started=False)
    response = client_for(enablement_admin).post(
        reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), _panel_post([], when=evaluation.scheduled_at)
    )
    assert "Choose at least one judge." in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REQUESTED


def test_a_recording_needs_no_time_or_place(client_for, enablement_admin, judge):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, mode="recording")
    url = reverse("certify_admin:evaluation_panel", args=[evaluation.pk])
    client = client_for(enablement_admin)
    assert 'name="scheduled_at"' not in client.get(url).content.decode()
    assert client.post(url, {"judges": [judge.pk]}).status_code == 302
    assert evaluation.scorecards.get().judge == judge


def test_a_flagged_evaluations_panel_no_longer_changes(client_for, enablement_admin, judge):
    evaluation = _flagged(RepFactory(), enablement_admin, [judge, JudgeFactory()])
    url = reverse("certify_admin:evaluation_panel", args=[evaluation.pk])
    client = client_for(enablement_admin)
    assert "its panel can no longer change" in client.get(url).content.decode()
    client.post(url, {"judges": [JudgeFactory().pk]})
    assert evaluation.scorecards.count() == 2


# --- Moderation -------------------------------------------------------------------------------


def _moderation_post(evaluation, scores, reason="The recording shows discovery questions on budget and timing."):
    """The final scores, confirmed as previewed (the release button carries back the scores it previewed)."""
    data = {f"final_{key}": score for key, score in scores.items()}
    data["reason"] = reason
    data["confirm"] = ";".join(f"{key}={score}" for key, score in sorted(scores.items()) if score != "") or "-"
    return data


def test_moderating_a_flagged_evaluation_releases_the_result_and_awards_the_level(
    client_for, enablement_admin, judge, django_capture_on_commit_callbacks, mailoutbox
):
    rep = RepFactory()
    evaluation = _flagged(rep, enablement_admin, [judge, JudgeFactory()])
    page = client_for(enablement_admin).get(reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk])).content.decode()
    assert page.count('class="panel-flagged"') == 3
    assert "A confident call overall." in page  # each judge's overall feedback
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(enablement_admin).post(
            reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk]),
            _moderation_post(evaluation, {key: 3 for key in keys_of(evaluation)}),
        )
    assert response.status_code == 302 and response["Location"] == LIST_URL
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED
    assert evaluation.passed is True and evaluation.score == Decimal("100.00")
    assert evaluation.moderated_by == enablement_admin
    assert Award.objects.filter(user=rep, level__number=2, evaluation=evaluation).exists()
    assert [message.to for message in mailoutbox] == [[rep.email]]
    assert "released to the rep" in client_for(enablement_admin).get(LIST_URL).content.decode()


def test_criteria_the_judges_agreed_on_keep_the_panels_score_unless_changed(client_for, enablement_admin, judge):
    rep = RepFactory()

    def scores(keys):
        discovery, value, next_step = keys
        return (
            {discovery: (3, ""), value: (2, ""), next_step: (2, "")},
            {discovery: (1, "No questions on budget."), value: (2, ""), next_step: (2, "")},
        )

    evaluation = _flagged(rep, enablement_admin, [judge, JudgeFactory()], scores=scores)
    discovery, value, _next_step = keys_of(evaluation)
    assert evaluation.flagged_criteria == [discovery]
    response = client_for(enablement_admin).post(
        reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk]), _moderation_post(evaluation, {discovery: 1, value: ""})
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.final_scores == {discovery: 1}
    assert evaluation.passed is False  # discovery must pass, and its final score is below "meets"
    assert not Award.objects.filter(user=rep, level__number=2).exists()


def test_moderation_needs_a_written_reason(client_for, enablement_admin, judge):
    evaluation = _flagged(RepFactory(), enablement_admin, [judge, JudgeFactory()])
    response = client_for(enablement_admin).post(
        reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk]),
        _moderation_post(evaluation, {key: 2 for key in keys_of(evaluation)}, reason="  "),
    )
    assert response.status_code == 200
    assert "Write the reason for the final scores." in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED


def test_each_flagged_criterion_needs_a_final_score(client_for, enablement_admin, judge):
    evaluation = _flagged(RepFactory(), enablement_admin, [judge, JudgeFactory()])
    first, *rest = keys_of(evaluation)
    response = client_for(enablement_admin).post(
        reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk]), _moderation_post(evaluation, {key: 2 for key in rest})
    )
    assert response.status_code == 200
    assert "The judges disagreed here: choose the final score." in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED and evaluation.final_scores == {}


def test_a_final_score_must_be_one_of_the_guides_levels(client_for, enablement_admin, judge):
    evaluation = _flagged(RepFactory(), enablement_admin, [judge, JudgeFactory()])
    response = client_for(enablement_admin).post(
        reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk]),
        _moderation_post(evaluation, {key: 7 for key in keys_of(evaluation)}),
    )
    assert response.status_code == 200
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED


def test_only_a_flagged_evaluation_is_moderated(client_for, enablement_admin, judge):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge])
    url = reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk])
    client = client_for(enablement_admin)
    page = client.get(url).content.decode()
    assert "only a flagged evaluation is moderated" in page and 'name="reason"' not in page
    client.post(url, _moderation_post(evaluation, {key: 3 for key in keys_of(evaluation)}))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED and evaluation.final_scores == {}


# --- Calibration ------------------------------------------------------------------------------


def _released(judges_scores, *, admin, certification):
    """A released evaluation: each (judge, score) submits every criterion at that score."""
    evaluation = level2_evaluation(
        rep=RepFactory(), admin=admin, judges=[judge for judge, _ in judges_scores], certification=certification
    )
    for judge, score in judges_scores:
        submit(judge, evaluation, score)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED
    return evaluation


def test_calibration_shows_each_judges_deviation_from_their_panels(client_for, enablement_admin):
    certification = level2_certification()
    ada = JudgeFactory(first_name="Ada", last_name="High")
    bo = JudgeFactory(first_name="Bo", last_name="Low")
    cy = JudgeFactory(first_name="Cy", last_name="Even")
    # Panel 1: Ada 100 %, Bo 50 %, the panel's mean 2.5 on each 1–3 criterion = 75 %.
    _released([(ada, 3), (bo, 2)], admin=enablement_admin, certification=certification)
    # Panel 2: Ada and Cy both 50 %; the panel 50 %.
    _released([(ada, 2), (cy, 2)], admin=enablement_admin, certification=certification)
    # A panel of one is left out: there is nothing to compare with.
    _released([(cy, 3)], admin=enablement_admin, certification=certification)
    response = client_for(enablement_admin).get(reverse("assessments_admin:calibration"))
    rows = response.context["rows"]
    # Bo: 50 − 75 = −25. Ada: (+25 + 0) / 2 = +12.5. Cy: 0. Furthest first.
    assert [(row.name, row.scored, row.mean_deviation, row.mean_absolute) for row in rows] == [
        ("Bo Low", 1, Decimal("-25.0"), Decimal("25.0")),
        ("Ada High", 2, Decimal("12.5"), Decimal("12.5")),
        ("Cy Even", 1, Decimal("0.0"), Decimal("0.0")),
    ]
    assert [row.off for row in rows] == [True, True, False]  # more than 10 points away
    html = response.content.decode()
    assert "scores lower than the panel" in html and "scores higher than the panel" in html
    assert html.count('class="calibration-off"') == 2


def test_the_calibration_report_runs_the_same_queries_for_1_or_20_judges(client_for, enablement_admin):
    certification = level2_certification()
    _released([(JudgeFactory(), 3), (JudgeFactory(), 2)], admin=enablement_admin, certification=certification)
    client = client_for(enablement_admin)
    url = reverse("assessments_admin:calibration")
    client.get(url)
    # 12: session, user, their roles, their authenticator, user and group permissions, admin profile; the
    # cache key (released evaluations and the latest release; the report itself comes from the cache once
    # built); Wagtail's furniture (locales, page and collection permissions, the explorer's root page).
    before = queries_for(client, url)
    for _ in range(9):
        _released([(JudgeFactory(), 3), (JudgeFactory(), 2)], admin=enablement_admin, certification=certification)
    response = client.get(url)  # a new release: the report is worked out again
    assert len(response.context["rows"]) == 20
    assert queries_for(client, url) == before


def test_the_calibration_report_is_worked_out_again_after_a_new_release(client_for, enablement_admin):
    certification = level2_certification()
    _released([(JudgeFactory(first_name="Ada"), 3), (JudgeFactory(first_name="Bo"), 2)], admin=enablement_admin,
              certification=certification)
    client = client_for(enablement_admin)
    assert len(client.get(reverse("assessments_admin:calibration")).context["rows"]) == 2
    _released([(JudgeFactory(first_name="Cy"), 3), (JudgeFactory(first_name="Di"), 2)], admin=enablement_admin,
              certification=certification)
    assert len(client.get(reverse("assessments_admin:calibration")).context["rows"]) == 4


def test_the_panel_page_refuses_the_reps_own_manager_until_the_admin_ticks_that_they_mean_it(client_for, enablement_admin, judge):
    from tests.factories.certify import TeamFactory

    rep = RepFactory()
    manager_judge = UserFactory(roles=[Role.JUDGE, Role.MANAGER])
    TeamFactory(members=[rep], managers=[manager_judge])
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    url = reverse("certify_admin:evaluation_panel", args=[evaluation.pk])
    client = client_for(enablement_admin)
    html = client.get(url).content.decode()
    assert f"Manages {rep.display_name}: choose only if you mean to" in html
    assert f'name="judges" value="{manager_judge.pk}"' not in html
    data = _panel_post([], when=evaluation.scheduled_at) | {"managing_judges": [manager_judge.pk]}
    response = client.post(url, data)
    assert response.status_code == 200 and "Tick this to put someone who manages" in response.content.decode()
    assert not evaluation.scorecards.exists()
    response = client.post(url, data | {"include_managers": "on"})
    assert response.status_code == 302
    assert list(evaluation.scorecards.values_list("judge_id", flat=True)) == [manager_judge.pk]
