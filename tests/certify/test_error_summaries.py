"""Errors you can see: a refused form comes back with one error summary at the top of the page's main content (or of
the form, when the form is the page), ready to take focus (an id, tabindex -1); each line links to its field's control
and names the field's message, which the invalid control points at with aria-describedby. No summary when nothing was
refused. (certify/static/certify/form_errors.js does the focusing and clearing: tests/browser/test_errors_you_can_see.py.)"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certify.services import award_grant, invitation_send
from tests.factories.certify import PASSWORD, JudgeFactory, RepFactory
from tests.factories.evaluations import keys_of, level2_certification, level2_evaluation
from tests.factories.observations import accepted_observation, holding_level_2, level3_certification, observation_request, sign_off
from tests.factories.tips import TipFactory
from tests.helpers import assert_error_linked

pytestmark = pytest.mark.django_db


def _summary(html, *, above):
    """The page's one error summary, checked: it comes before `above` (a piece of the page), can take focus, and each
    of its lines links to a control on the page and names a message that the field's control points at."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select("[data-error-summary]")
    assert len(found) == 1, f"{len(found)} error summaries on the page"
    summary = found[0]
    assert summary.get("id") and summary.get("tabindex") == "-1"
    assert html.index("data-error-summary") < html.index(above), f"the summary is not above {above!r}"
    for line in summary.select("[data-error-for]"):
        message_id, target_id = line["data-error-for"], line.a["href"].removeprefix("#")
        assert soup.find(id=message_id) is not None, f"no message {message_id} on the page"
        if target_id != message_id:  # the message itself, for a field the person does not see
            assert soup.find(id=target_id).name in ("input", "select", "textarea"), line.a["href"]
            assert soup.select(f'[aria-describedby~="{message_id}"]'), f"no control points at {message_id}"
    return summary


def _no_summary(html):
    assert "data-error-summary" not in html and 'aria-invalid="true"' not in html


# --- Level 2: the known bad case, the form at the foot of a long page -----------------------------


def _level_2(rep):
    certification = level2_certification()
    award_grant(user=rep, level=certification.levels.get(number=1))
    return certification, reverse("certify:level_assessment", args=[certification.slug, 2])


def test_a_refused_level_2_request_has_its_summary_above_the_briefs_and_the_guide(client_for, rep):
    certification, url = _level_2(rep)
    scenario = certification.levels.get(number=2).scenarios.get()
    data = {"scenario": scenario.pk, "mode": "live", "scheduled_at": "", "location": "", "note": ""}
    html = client_for(rep).post(url, data).content.decode()

    summary = _summary(html, above='id="how-heading"')
    assert [line.get_text() for line in summary.select("li")] == [
        "Choose the date and time of the session.",
        "Say where the session takes place: a room, or a video-call link.",
    ]
    assert "Nothing was saved." in summary.get_text()
    assert_error_linked(html, "id_scheduled_at", "Choose the date and time of the session.")
    assert_error_linked(html, "id_location", "Say where the session takes place")
    # The form still follows the briefs and the guide: only the summary moved up.
    assert html.index('id="how-heading"') < html.index('id="request-heading"') < html.index('id="id_location"')


def test_the_level_2_page_has_no_summary_to_take_focus_when_nothing_was_refused(client_for, rep):
    _, url = _level_2(rep)
    _no_summary(client_for(rep).get(url).content.decode())


def test_a_post_by_someone_who_may_not_ask_has_no_summary_of_a_form_the_page_does_not_show(client_for, rep):
    certification = level2_certification()  # level 1 not held
    url = reverse("certify:level_assessment", args=[certification.slug, 2])
    html = client_for(rep).post(url, {"mode": "live"}).content.decode()
    assert "Pass level 1 first" in html and 'id="id_location"' not in html
    _no_summary(html)


# --- Level 3, the evaluation page's answer and countersign ------------------------------------------


def test_a_refused_level_3_request_has_its_summary_above_the_field_guide(client_for, rep, team, manager):
    certification = level3_certification()
    holding_level_2(rep, certification)
    url = reverse("certify:level_assessment", args=[certification.slug, 3])
    html = client_for(rep).post(url, {"observer": manager.pk, "account": "", "call_kind": ""}).content.decode()
    _summary(html, above='id="how-heading"')
    assert_error_linked(html, "id_account", "Name the customer account the call is with.")


def test_declining_without_a_reason_puts_the_summary_at_the_top_of_the_evaluation_page(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    url = reverse("certify:observation_answer", args=[evaluation.pk])
    html = client_for(manager).post(url, {"answer": "decline", "reason": " "}).content.decode()
    _summary(html, above='id="status-heading"')
    assert_error_linked(html, "id_reason", "Say why you decline")


def test_a_refused_countersign_puts_the_summary_at_the_top_of_the_evaluation_page(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    html = client_for(judge).post(reverse("certify:observation_countersign", args=[evaluation.pk]), {}).content.decode()
    _summary(html, above='id="status-heading"')
    assert_error_linked(html, "id_agree_0", "Say whether you agree with the sign-off.")


# --- A tip's reply, signing in, an invitation ---------------------------------------------------------------


def test_a_refused_reply_has_its_summary_above_the_tip_and_its_replies(client_for, rep):
    tip = TipFactory(author=RepFactory())
    html = client_for(rep).post(reverse("certify:tip_reply", args=[tip.pk]), {"body": ""}).content.decode()
    _summary(html, above='class="card tip-card')
    assert html.index('class="card tip-card') < html.index('id="replies-heading"') < html.index('id="id_body"')
    assert_error_linked(html, "id_body", "This field is required.")


def test_a_refused_sign_in_shows_its_error_once_in_the_summary_above_the_heading(client):
    RepFactory(email="riley@example.com")
    html = client.post(reverse("account_login"), {"login": "riley@example.com", "password": "not-it"}).content.decode()
    summary = _summary(html, above="<h1")
    assert "not correct" in summary.get_text()
    assert html.count("not correct") == 1


def test_a_refused_sign_in_field_is_linked_to_its_input(client):
    html = client.post(reverse("account_login"), {"login": "", "password": PASSWORD}).content.decode()
    _summary(html, above="<h1")
    assert_error_linked(html, "id_login", "This field is required.")


def test_a_refused_invitation_password_shows_one_summary_above_the_welcome(client, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    link = mail.outbox[0].body.split("http://testserver", 1)[1].split()[0]
    html = client.post(link, {"password1": "short", "password2": "other"}).content.decode()
    _summary(html, above="<h1")


# --- The scorecard ---------------------------------------------------------------------------------------


@pytest.fixture
def evaluation(rep, judge, enablement_admin):
    return level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])


def test_a_refused_scorecard_links_each_problem_to_the_control_to_put_right(client_for, judge, evaluation):
    first, second, third = keys_of(evaluation)
    data = {"action": "submit", "overall_feedback": "", "next_steps": "Role-play discovery.", f"score-{first}": "1"}
    data.update({f"comment-{key}": "" for key in (first, second, third)})
    html = client_for(judge).post(reverse("certify:scorecard", args=[evaluation.pk]), data).content.decode()

    summary = _summary(html, above='id="scorecard-form"')
    assert summary["id"] == "scorecard-problems"
    links = {line["data-error-for"]: line.a["href"] for line in summary.select("li")}
    assert links == {
        f"problem-{first}": f"#comment-{first}",  # scored below "meets": the comment is what is missing
        f"problem-{second}": f"#score-{second}-1",  # not scored: the first of its levels
        f"problem-{third}": f"#score-{third}-1",
        "problem-overall_feedback": "#overall_feedback",
    }
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(id=f"comment-{first}").get("aria-invalid") == "true"
    assert not soup.select(f'input[name="score-{first}"][aria-invalid]')
    assert len(soup.select(f'input[name="score-{second}"][aria-invalid="true"]')) == 3
    assert soup.find(id=f"comment-{second}").get("aria-invalid") is None
    assert soup.find(id="overall_feedback").get("aria-invalid") == "true"


def test_a_refused_scorecard_post_goes_once_saved_but_a_session_not_begun_stays(client_for, rep, judge, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])
    client = client_for(judge)
    url = reverse("certify:scorecard", args=[evaluation.pk])
    refused = client.post(url, {"action": "save", f"score-{keys_of(evaluation)[0]}": "9"}).content.decode()
    assert _summary(refused, above='id="scorecard-form"').has_attr("data-error-cleared-by-save")

    later = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], started=False)
    data = {"action": "submit", "overall_feedback": "Fine.", "next_steps": "More."}
    data.update({f"score-{key}": "2" for key in keys_of(later)})
    early = client.post(reverse("certify:scorecard", args=[later.pk]), data).content.decode()
    assert not _summary(early, above='id="scorecard-form"').has_attr("data-error-cleared-by-save")


def test_a_scorecard_with_nothing_refused_has_no_summary(client_for, judge, evaluation):
    _no_summary(client_for(judge).get(reverse("certify:scorecard", args=[evaluation.pk])).content.decode())


# --- Our admin forms -------------------------------------------------------------------------------------


def test_a_refused_panel_has_its_summary_above_the_evaluation_and_the_judges_group_is_described_by_its_error(
    client_for, enablement_admin
):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, started=False)
    JudgeFactory()
    when = timezone.localtime(evaluation.scheduled_at or timezone.now() + timedelta(days=2))
    data = {"location": "Room 4", "scheduled_at": when.strftime("%Y-%m-%dT%H:%M")}
    html = client_for(enablement_admin).post(reverse("certify_admin:evaluation_panel", args=[evaluation.pk]), data).content.decode()

    summary = _summary(html, above='id="panel-now"')
    assert "help-critical" in summary["class"] and "Choose at least one judge." in summary.get_text()
    soup = BeautifulSoup(html, "html.parser")
    group = soup.find(id="id_judges_0").find_parent("fieldset")
    assert "id_judges_error" in group["aria-describedby"].split() and "Choose at least one judge." in soup.find(id="id_judges_error").get_text()
    assert 'src="/static/certify/form_errors.js"' in html


def test_a_refused_assignment_shows_the_forms_own_error_once_in_the_summary_at_the_top_of_the_form(client_for, enablement_admin):
    certification = level2_certification()
    data = {"level": certification.levels.get(number=1).pk, "users": "", "due_date": timezone.localdate().isoformat()}
    html = client_for(enablement_admin).post(reverse("certify_admin:assignment_create"), data).content.decode()
    summary = _summary(html, above='name="level"')
    assert "Name at least one rep or choose a team." in summary.get_text()
    assert html.count("Name at least one rep or choose a team.") == 1
