"""The scorecard's autosave reads what is posted exactly as its submit does: scores are levels in ASCII digits,
texts are bounded and hold no NUL byte, and a refused post saves nothing."""

import pytest
from django.urls import reverse

from certify.forms.scorecards import COMMENT_MAX, FEEDBACK_MAX, NEXT_STEPS_MAX
from tests.factories.evaluations import keys_of, level2_evaluation
from assessments.models import Scorecard

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(rep, judge, enablement_admin):
    return level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])


def _form(evaluation, **fields):
    first = keys_of(evaluation)[0]
    data = {"action": "save", "overall_feedback": "", "next_steps": "", f"score-{first}": "2", f"comment-{first}": ""}
    data.update({key.replace("FIRST", first): value for key, value in fields.items()})
    return data


BAD = [
    ({"score-FIRST": "２"}, "２ is not one of its levels"),  # full-width digit two
    ({"score-FIRST": "٢"}, "is not one of its levels"),  # Arabic-Indic two
    ({"score-FIRST": " 2.0"}, "2.0 is not one of its levels"),
    ({"score-FIRST": "9" * 30}, "is not one of its levels"),
    ({"comment-FIRST": "x" * (COMMENT_MAX + 1)}, f"to {COMMENT_MAX:,} characters (it has {COMMENT_MAX + 1:,})"),
    ({"comment-FIRST": "x" * 100_000}, "(it has 100,000)"),
    ({"comment-FIRST": "before\x00after"}, "a NUL byte"),
    ({"overall_feedback": "y" * (FEEDBACK_MAX + 1)}, f"Keep the overall feedback to {FEEDBACK_MAX:,} characters"),
    ({"overall_feedback": "\x00"}, "The overall feedback holds a character that cannot be saved"),
    ({"next_steps": "z" * (NEXT_STEPS_MAX + 1)}, f"Keep the next steps to {NEXT_STEPS_MAX:,} characters"),
]


def _nothing_saved(evaluation, judge):
    card = Scorecard.objects.get(evaluation=evaluation, judge=judge)
    return not card.scores.exists() and card.overall_feedback == "" and card.last_saved_at is None


@pytest.mark.parametrize("fields, message", BAD)
def test_autosave_refuses_what_submit_refuses_with_a_json_error_and_saves_nothing(client_for, judge, evaluation, fields, message):
    response = client_for(judge).post(reverse("certify:scorecard_autosave", args=[evaluation.pk]), _form(evaluation, **fields))
    assert response.status_code == 400 and message in response.json()["error"]
    assert _nothing_saved(evaluation, judge)


@pytest.mark.parametrize("fields, message", BAD)
@pytest.mark.parametrize("action", ["save", "submit"])
def test_the_scorecard_page_refuses_the_same_with_the_same_message(client_for, judge, evaluation, fields, message, action):
    response = client_for(judge).post(reverse("certify:scorecard", args=[evaluation.pk]), _form(evaluation, action=action, **fields))
    assert response.status_code == 400 and message in response.content.decode()
    assert _nothing_saved(evaluation, judge)


def test_texts_at_their_limits_and_ascii_scores_are_saved(client_for, judge, evaluation):
    first = keys_of(evaluation)[0]
    data = _form(evaluation, **{"comment-FIRST": "c" * COMMENT_MAX, "overall_feedback": "f" * FEEDBACK_MAX})
    response = client_for(judge).post(reverse("certify:scorecard_autosave", args=[evaluation.pk]), data)
    assert response.status_code == 200, response.content
    card = Scorecard.objects.get(evaluation=evaluation, judge=judge)
    assert card.scores.get(criterion_key=first).score == 2 and len(card.overall_feedback) == FEEDBACK_MAX


def test_the_scorecard_page_says_how_long_each_text_may_be(client_for, judge, evaluation):
    html = client_for(judge).get(reverse("certify:scorecard", args=[evaluation.pk])).content.decode()
    assert f'maxlength="{COMMENT_MAX}"' in html and f'maxlength="{FEEDBACK_MAX}"' in html
    assert f"Up to {FEEDBACK_MAX} characters." in html and f"Up to {NEXT_STEPS_MAX} characters." in html
