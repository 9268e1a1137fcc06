"""What a rep sees after a failed attempt: which answers were wrong, not the answer key for the retake."""

import pytest
from django.urls import reverse

from assessments.models import Quiz, QuizSection, ReviewOption
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from tests.factories.assessments import QuestionBankFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

RIGHT_MARKER = "— a right answer"
EXPLANATION = "Because the primer says so."


def _take(rep, quiz, *, right):
    attempt = attempt_start(user=rep, quiz=quiz)
    answers = {}
    for served in attempt.questions.all():
        marks = [float(choice["fraction"]) for choice in served.choices]
        answers[served.position] = [marks.index(max(marks)) if right else marks.index(min(marks))]
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=answers)
    return attempt_submit(actor=rep, attempt_id=attempt.pk)


def _result(client, attempt):
    response = client.get(reverse("certify:attempt_result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_quiz_shows_which_answers_were_wrong_after_a_fail_and_everything_after_a_pass():
    quiz = Quiz(title="Pulse")
    assert (quiz.review_after_fail, quiz.review) == (ReviewOption.WRONG, ReviewOption.FULL)


def test_after_a_fail_with_attempts_left_the_rep_sees_what_was_wrong_but_not_the_answers(client_for, rep):
    quiz = QuizFactory(questions=3, attempts_allowed=3, review_after_fail=ReviewOption.WRONG)
    attempt = _take(rep, quiz, right=False)
    html = _result(client_for(rep), attempt)
    assert "Not right" in html
    assert RIGHT_MARKER not in html
    assert EXPLANATION not in html
    assert "the correct answers are shown once you pass, or when no attempts remain" in html


def test_after_the_last_attempt_fails_the_rep_sees_the_answers(client_for, rep):
    quiz = QuizFactory(questions=3, attempts_allowed=1, review_after_fail=ReviewOption.WRONG)
    attempt = _take(rep, quiz, right=False)
    html = _result(client_for(rep), attempt)
    assert RIGHT_MARKER in html
    assert EXPLANATION in html


def test_after_a_pass_the_rep_sees_the_answers(client_for, rep):
    quiz = QuizFactory(questions=3, attempts_allowed=3, review_after_fail=ReviewOption.WRONG)
    attempt = _take(rep, quiz, right=True)
    assert attempt.passed
    html = _result(client_for(rep), attempt)
    assert RIGHT_MARKER in html
    assert EXPLANATION in html


def test_the_author_may_choose_to_show_the_answers_after_a_fail(client_for, rep):
    quiz = QuizFactory(questions=3, attempts_allowed=3, review_after_fail=ReviewOption.FULL)
    html = _result(client_for(rep), _take(rep, quiz, right=False))
    assert RIGHT_MARKER in html


def test_the_review_is_the_one_the_quiz_had_when_the_attempt_started(client_for, rep):
    quiz = QuizFactory(questions=3, attempts_allowed=3, review_after_fail=ReviewOption.WRONG)
    attempt = _take(rep, quiz, right=False)
    Quiz.objects.filter(pk=quiz.pk).update(review_after_fail=ReviewOption.FULL)
    assert RIGHT_MARKER not in _result(client_for(rep), attempt)


def _small_bank_quiz(active, draw, **rules):
    bank = QuestionBankFactory(name="Pulse bank")
    QuestionFactory.create_batch(active, bank=bank)
    quiz = QuizFactory(questions=0, **rules)
    QuizSection.objects.filter(quiz=quiz).delete()
    QuizSection.objects.create(quiz=quiz, bank=bank, count=draw)
    return quiz


def _editor(client, quiz):
    return client.get(reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])).content.decode()


def test_quiz_editor_warns_when_a_bank_is_small_for_the_draw(client_for, enablement_admin):
    quiz = _small_bank_quiz(15, 15, review_after_fail=ReviewOption.WRONG)
    html = _editor(client_for(enablement_admin), quiz)
    assert "An attempt serves <strong>15 questions</strong>" in html
    assert "“Pulse bank” has 15 active questions and this quiz draws 15: a retake serves mostly the same questions." in html


def test_quiz_editor_warns_when_answers_show_after_a_fail_before_a_retake(client_for, enablement_admin):
    quiz = _small_bank_quiz(40, 10, review_after_fail=ReviewOption.FULL, attempts_allowed=3)
    html = _editor(client_for(enablement_admin), quiz)
    assert "After a failed attempt reps see the correct answers, then may retake the quiz" in html


def test_quiz_editor_has_no_warning_for_a_varied_draw(client_for, enablement_admin):
    quiz = _small_bank_quiz(40, 10, review_after_fail=ReviewOption.WRONG)
    html = _editor(client_for(enablement_admin), quiz)
    assert "each bank holds enough for retakes to vary" in html
    assert "a retake serves mostly the same questions" not in html
