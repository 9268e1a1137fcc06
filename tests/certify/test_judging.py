"""Judging on the site: the judge's queue, the scorecard page and its autosave, blind scoring, the home panel."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus, Scorecard, ScorecardStatus
from assessments.services import scorecard_save
from certify.models import Role
from certify.services import user_set_roles
from tests.factories.assessments import AssessmentGuideFactory, criterion
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.evaluations import keys_of, level2_certification, level2_evaluation, scores_all, submit
from tests.helpers import queries_for, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_judge(db):
    return JudgeFactory(first_name="Olive", last_name="Other")


@pytest.fixture
def evaluation(rep, judge, other_judge, enablement_admin):
    return level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge, other_judge])


def _url(evaluation, name="scorecard"):
    return reverse(f"certify:{name}", args=[evaluation.pk])


def _form(evaluation, scores=None, *, feedback="", next_steps="", action="save"):
    """The scorecard form as a browser posts it: a comment box for every criterion, a radio only when picked."""
    data = {"action": action, "overall_feedback": feedback, "next_steps": next_steps}
    for key in keys_of(evaluation):
        score, comment = (scores or {}).get(key, (None, ""))
        if score is not None:
            data[f"score-{key}"] = str(score)
        data[f"comment-{key}"] = comment
    return data


def _card(evaluation, judge):
    return Scorecard.objects.get(evaluation=evaluation, judge=judge)


def _criterion_block(html, key) -> str:
    start = html.index(f'id="criterion-{key}"')
    return html[start : html.index("</fieldset>", start)]


# --- Who may open a scorecard -----------------------------------------------------------------


def test_a_judge_on_the_panel_sees_the_brief_the_buyers_script_and_the_form(client_for, judge, evaluation):
    response = client_for(judge).get(_url(evaluation))

    html = response.content.decode()
    assert response.status_code == 200
    assert "The rep's brief" in html and evaluation.scenario.title in html
    assert "BUYER-SCRIPT-SECRET" in html and "ONLY-WHEN-ASKED" in html
    assert 'id="scorecard-form"' in html and "Discovery" in html and "What good discovery looks like." in html
    assert "0 of 3 criteria scored" in re.sub(r"<[^>]+>", "", html)
    assert "Room 4, second floor" in html


def test_a_judge_not_on_the_panel_gets_404(client_for, evaluation):
    client = client_for(JudgeFactory())

    assert client.get(_url(evaluation)).status_code == 404
    assert client.post(_url(evaluation), _form(evaluation)).status_code == 404
    assert client.post(_url(evaluation, "scorecard_autosave"), _form(evaluation)).status_code == 404


def test_the_performer_gets_404_even_with_the_judge_role_and_a_scorecard(client_for, rep, evaluation):
    user_set_roles(user=rep, roles=[Role.REP, Role.JUDGE])
    Scorecard.objects.create(evaluation=evaluation, judge=rep)  # a row no service would make

    client = client_for(rep)

    assert client.get(_url(evaluation)).status_code == 404
    assert client.post(_url(evaluation, "scorecard_autosave"), _form(evaluation)).status_code == 404


@pytest.mark.parametrize("visitor", ["manager", "enablement_admin", "other_rep"])
def test_people_not_on_the_panel_get_404_for_the_scorecard_whatever_their_role(request, client_for, team, evaluation, visitor):
    client = client_for(request.getfixturevalue(visitor))

    assert client.get(_url(evaluation)).status_code == 404


def test_a_missing_evaluation_gets_404_like_one_that_is_not_yours(client_for, judge, evaluation):
    assert client_for(judge).get(reverse("certify:scorecard", args=[evaluation.pk + 999])).status_code == 404


# --- Drafts and submitting ---------------------------------------------------------------------


def test_save_draft_keeps_whatever_is_filled_in(client_for, judge, evaluation):
    first = keys_of(evaluation)[0]
    client = client_for(judge)

    response = client.post(_url(evaluation), _form(evaluation, {first: (1, "Few open questions.")}, feedback="Half way."))

    assert response.status_code == 302 and response["Location"] == _url(evaluation)
    card = _card(evaluation, judge)
    assert card.status == ScorecardStatus.DRAFT and card.overall_feedback == "Half way."
    assert list(card.scores.exclude(score=None).values_list("criterion_key", "score")) == [(first, 1)]
    html = client.get(_url(evaluation)).content.decode()
    assert "Your draft is saved." in html
    assert re.search(rf'name="score-{first}" value="1" checked', html)
    assert "1 of 3 criteria scored" in re.sub(r"<[^>]+>", "", html)
    # A low score asks for its comment, on the page as well as by the script.
    assert re.search(rf'id="comment-{first}"[^>]* required', html)


def test_the_scorecard_marks_the_levels_the_guide_wants_a_comment_at_and_the_script_does_not_know_the_rule(
    client_for, judge, evaluation
):
    version = evaluation.guide_version
    first = keys_of(evaluation)[0]

    block = _criterion_block(client_for(judge).get(_url(evaluation)).content.decode(), first)

    for level in version.criterion(first)["levels"]:
        radio = re.search(rf'<input type="radio" name="score-{first}" value="{level["score"]}"[^>]*>', block).group(0)
        assert ("data-comment-required" in radio) is version.comment_required(level["score"])
    assert "data-meets" not in block


def test_submit_with_gaps_shows_each_problem_next_to_its_field_and_submits_nothing(client_for, judge, evaluation):
    first, second, third = keys_of(evaluation)
    client = client_for(judge)

    response = client.post(
        _url(evaluation),
        _form(evaluation, {first: (1, ""), second: (3, "")}, feedback="", next_steps="Role-play discovery.", action="submit"),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "below “meets”: say what the rep should do differently" in _criterion_block(html, first)
    assert "Score “Next step”." in _criterion_block(html, third)
    assert "class=\"error\"" not in _criterion_block(html, second)
    feedback_at = html.index('id="problem-overall_feedback"')
    assert feedback_at < html.index('id="overall_feedback"') and "Write your overall feedback." in html
    assert 'id="problem-next_steps"' not in html
    card = _card(evaluation, judge)
    assert card.status == ScorecardStatus.DRAFT and card.submitted_at is None
    # What the judge had filled in is kept as a draft and shown again.
    assert dict(card.scores.values_list("criterion_key", "score")) == {first: 1, second: 3}
    assert "Role-play discovery." in html and "they are saved as a draft" in html


def test_a_complete_submission_shows_the_judges_own_scores_read_only(client_for, judge, evaluation):
    client = client_for(judge)

    response = client.post(
        _url(evaluation),
        _form(evaluation, scores_all(evaluation, 3, "Textbook."), feedback="Excellent.", next_steps="Coach others.", action="submit"),
    )

    assert response.status_code == 302
    assert _card(evaluation, judge).status == ScorecardStatus.SUBMITTED
    html = client.get(_url(evaluation)).content.decode()
    assert 'id="scorecard-form"' not in html
    assert "Your scores are submitted." in html and "your score 100%" in html and "Textbook." in html
    assert "You will see the panel's scores when every judge has submitted" in html


def test_submitting_before_a_live_session_starts_shows_why_at_the_top_and_keeps_a_draft(
    client_for, rep, judge, enablement_admin
):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], started=False)
    client = client_for(judge)
    assert "you can submit your scores once the session has begun" in client.get(_url(evaluation)).content.decode()

    response = client.post(
        _url(evaluation), _form(evaluation, scores_all(evaluation, 2), feedback="Fine.", next_steps="More.", action="submit")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert html.index('id="scorecard-error"') < html.index('id="scorecard-form"')
    assert "once it has begun" in html and "saved as a draft" in html
    card = _card(evaluation, judge)
    assert card.status == ScorecardStatus.DRAFT and card.scores.exclude(score=None).count() == 3


def test_a_score_that_is_not_a_level_is_refused_and_nothing_is_saved(client_for, judge, evaluation):
    first = keys_of(evaluation)[0]
    data = _form(evaluation, feedback="Kept?")
    data[f"score-{first}"] = "9"

    response = client_for(judge).post(_url(evaluation), data)

    html = response.content.decode()
    assert response.status_code == 400 and "not one of its levels" in html and "Your draft was not saved." in html
    card = _card(evaluation, judge)
    assert not card.scores.exists() and card.overall_feedback == ""


def test_a_submitted_scorecard_cannot_be_posted_again(client_for, judge, evaluation):
    submit(judge, evaluation, 3)

    response = client_for(judge).post(_url(evaluation), _form(evaluation, scores_all(evaluation, 1, "Changed."), action="save"))

    assert response.status_code == 302
    assert set(_card(evaluation, judge).scores.values_list("score", flat=True)) == {3}


def test_a_recording_evaluation_shows_the_player(client_for, rep, judge, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], mode="recording")

    html = client_for(judge).get(_url(evaluation)).content.decode()

    assert f'<video class="recording-player" controls preload="metadata" src="{_url(evaluation, "evaluation_recording")}"' in html
    assert "Live session" not in html


# --- Blind scoring ------------------------------------------------------------------------------


def test_judges_score_blind_until_every_judge_has_submitted(client_for, judge, other_judge, evaluation):
    first = keys_of(evaluation)[0]
    submit(judge, evaluation, scores=scores_all(evaluation, 3, "FIRST-JUDGE-COMMENT"))
    other_card = _card(evaluation, other_judge)
    scorecard_save(
        actor=other_judge,
        scorecard_id=other_card.pk,
        scores={first: (2, "SECOND-JUDGE-DRAFT")},
        overall_feedback="SECOND-JUDGE-FEEDBACK",
    )

    first_view = client_for(judge).get(_url(evaluation)).content.decode()
    assert "SECOND-JUDGE-DRAFT" not in first_view and "SECOND-JUDGE-FEEDBACK" not in first_view
    assert "panel-table" not in first_view and "Olive" not in first_view
    second_view = client_for(other_judge).get(_url(evaluation)).content.decode()
    assert "FIRST-JUDGE-COMMENT" not in second_view and "A confident call overall." not in second_view
    assert "panel-table" not in second_view

    submit(other_judge, evaluation, scores=scores_all(evaluation, 2, "SECOND-JUDGE-FINAL"))

    released = client_for(judge).get(_url(evaluation)).content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.RELEASED
    assert "panel-table" in released and "SECOND-JUDGE-FINAL" in released and "Olive Other" in released
    assert "Result:" in released and "75%" in released  # 2.5 on every 1–3 criterion
    assert "You will see the panel's scores" not in released


def test_a_flagged_panel_is_shown_to_its_judges_with_the_disagreement_marked(client_for, judge, other_judge, evaluation):
    discovery = keys_of(evaluation)[0]
    submit(judge, evaluation, 3)
    low = scores_all(evaluation, 3)
    low[discovery] = (1, "No discovery at all.")
    submit(other_judge, evaluation, scores=low)

    html = client_for(judge).get(_url(evaluation)).content.decode()

    assert "panel-table" in html and "panel-flagged" in html and "No discovery at all." in html
    assert "An enablement admin will settle them" in html and "Result:" not in html


# --- Autosave -----------------------------------------------------------------------------------


def test_autosave_saves_a_draft_and_answers_with_the_time(client_for, judge, evaluation):
    first = keys_of(evaluation)[0]

    response = client_for(judge).post(_url(evaluation, "scorecard_autosave"), _form(evaluation, {first: (2, "So far so good.")}))

    assert response.status_code == 200
    assert re.fullmatch(r"\d\d:\d\d UTC", response.json()["saved_at"])  # in the judge's zone (the site's), named
    card = _card(evaluation, judge)
    assert card.status == ScorecardStatus.DRAFT
    assert card.scores.get(criterion_key=first).comment == "So far so good."


def test_autosave_refuses_bad_input_with_a_json_error(client_for, judge, evaluation):
    data = _form(evaluation)
    data[f"score-{keys_of(evaluation)[0]}"] = "seven"

    response = client_for(judge).post(_url(evaluation, "scorecard_autosave"), data)

    assert response.status_code == 400 and "not one of its levels" in response.json()["error"]
    assert not _card(evaluation, judge).scores.exists()


def test_autosave_after_submitting_is_refused(client_for, judge, evaluation):
    submit(judge, evaluation, 3)

    response = client_for(judge).post(_url(evaluation, "scorecard_autosave"), _form(evaluation, scores_all(evaluation, 1, "x")))

    assert response.status_code == 400 and "can no longer change" in response.json()["error"]


def test_autosave_takes_posts_only(client_for, judge, evaluation):
    assert client_for(judge).get(_url(evaluation, "scorecard_autosave")).status_code == 405


def test_the_page_loads_the_autosave_script_only_while_it_can_be_edited(client_for, judge, evaluation):
    client = client_for(judge)
    assert "certify/scorecard.js" in client.get(_url(evaluation)).content.decode()

    submit(judge, evaluation, 2)

    assert "certify/scorecard.js" not in client.get(_url(evaluation)).content.decode()


# --- The queue ----------------------------------------------------------------------------------


@pytest.fixture
def queue(judge, enablement_admin):
    """One scorecard in each tab, each for a rep named after it; the due one is overdue."""
    certification = level2_certification()
    due = level2_evaluation(rep=RepFactory(first_name="Dora", last_name="Due"), admin=enablement_admin, judges=[judge], certification=certification)
    Evaluation.objects.filter(pk=due.pk).update(due_at=timezone.now() - timedelta(days=1))
    waiting = level2_evaluation(
        rep=RepFactory(first_name="Wanda", last_name="Waiting"), admin=enablement_admin, judges=[judge], started=False,
        certification=certification,
    )
    done = level2_evaluation(
        rep=RepFactory(first_name="Dane", last_name="Done"), admin=enablement_admin, judges=[judge], mode="recording",
        certification=certification,
    )
    submit(judge, done, 3)
    return {"due": due, "waiting": waiting, "done": done}


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("", "Dora Due", ["Wanda Waiting", "Dane Done"]),
        ("?tab=due", "Dora Due", ["Wanda Waiting", "Dane Done"]),
        ("?tab=waiting", "Wanda Waiting", ["Dora Due", "Dane Done"]),
        ("?tab=done", "Dane Done", ["Dora Due", "Wanda Waiting"]),
        ("?tab=everything", "Dora Due", ["Wanda Waiting", "Dane Done"]),
    ],
)
def test_the_queue_shows_one_tab_at_a_time(client_for, judge, queue, query, shown, hidden):
    response = client_for(judge).get(reverse("certify:judging") + query)

    table = response.content.decode().split('class="table judge-queue table-stack"')[1]
    assert response.status_code == 200 and shown in table
    assert not any(name in table for name in hidden)


def test_the_queue_rows_say_when_where_and_what_is_due(client_for, judge, queue):
    client = client_for(judge)

    due = client.get(reverse("certify:judging")).content.decode()
    assert "queue-overdue" in due and "Overdue" in due and "Room 4, second floor" in due
    assert _url(queue["due"]) in due
    assert re.search(r"To score <span class=\"badge[^\"]*\">1</span>", due)
    done = client.get(reverse("certify:judging") + "?tab=done").content.decode()
    assert "100%" in done and "Released" in done and "Recording" in done


def test_the_queue_is_for_judges_and_people_holding_a_scorecard(client_for, rep, judge, evaluation):
    assert client_for(rep).get(reverse("certify:judging")).status_code == 404
    assert client_for(JudgeFactory()).get(reverse("certify:judging")).status_code == 200
    user_set_roles(user=judge, roles=[Role.MANAGER])  # no longer a judge, still on a panel

    assert client_for(judge).get(reverse("certify:judging")).status_code == 200


@pytest.mark.parametrize("tab", ["due", "done"])
def test_queue_query_count_does_not_grow_with_scorecards(client_for, judge, enablement_admin, tab):
    certification = level2_certification()

    def add(count):
        for _ in range(count):
            evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], certification=certification)
            if tab == "done":
                submit(judge, evaluation, 3)

    add(1)
    client = client_for(judge)
    url = reverse("certify:judging") + f"?tab={tab}"
    # session, user, roles, the tabs' counts (also the paginator's), the page of scorecards, the navigation's count
    one = queries_for(client, url)
    add(20)
    twenty = queries_for(client, url)

    assert twenty == one
    assert client.get(url).content.decode().count('href="/evaluations/') == 20  # a full page of 20


# --- Query counts on the scorecard --------------------------------------------------------------


def _guide(criteria_count):
    return AssessmentGuideFactory(
        criteria=[criterion(f"Criterion {n}", must_pass=n == 0, weight=1 + n % 2) for n in range(criteria_count)]
    )


@pytest.mark.parametrize("released", [False, True], ids=["scoring", "released"])
def test_scorecard_query_count_does_not_grow_with_criteria_or_judges(client_for, enablement_admin, released):
    def page_queries(criteria_count, judge_count):
        judges = JudgeFactory.create_batch(judge_count)
        evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=judges, guide=_guide(criteria_count))
        if released:
            for person in judges:
                submit(person, evaluation, 2)
            assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.RELEASED
        elif judge_count > 1:
            submit(judges[-1], evaluation, 2)  # another judge's scores exist, and stay out of the page
        client = client_for(judges[0])
        client.get(_url(evaluation))
        return queries_for(client, _url(evaluation))

    # Scoring: session, user, roles, the scorecard with its evaluation, its scores, the buyer-script check, the
    # navigation's count. Released adds the panel: every scorecard with its judge, and all their scores.
    small = page_queries(3, 1)
    large = page_queries(12, 4)

    assert large == small


# --- Home and navigation ------------------------------------------------------------------------


def test_a_judges_home_lists_what_is_due_to_score(client_for, judge, queue):
    html = client_for(judge).get("/").content.decode()

    panel = section(html, "judging-heading")
    assert "To score" in panel and "Dora Due" in panel and "Wanda Waiting" not in panel
    assert _url(queue["due"]) in panel and "Overdue" in panel


def test_home_for_someone_without_the_judge_role_has_no_scoring_panel(client_for, rep):
    assert 'id="judging-heading"' not in client_for(rep).get("/").content.decode()


def test_judges_home_query_count_does_not_grow_with_scorecards(client_for, judge, enablement_admin, hub):
    certification = level2_certification()
    level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], certification=certification)
    client = client_for(judge)
    client.get("/")
    one = queries_for(client, "/")
    for _ in range(8):
        level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], certification=certification)
    many = queries_for(client, "/")

    assert many == one
    assert section(client.get("/").content.decode(), "judging-heading").count("Score<span") == 5


def test_the_navigation_shows_judges_how_many_scorecards_are_due(client_for, judge, rep, queue):
    nav = client_for(judge).get("/").content.decode().split('class="main-nav"')[1].split("</ul>")[0]
    assert 'href="/judging/"' in nav and '<span class="nav-count">1<span class="visually-hidden"> to score' in nav

    assert 'href="/judging/"' not in client_for(rep).get("/").content.decode()
