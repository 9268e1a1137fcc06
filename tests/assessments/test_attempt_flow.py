import pytest

from assessments.models import AttemptStatus
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import Award
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db


def test_passing_the_level_1_quiz_awards_level_1_at_once(rep):
    certification = CertificationFactory()
    level = certification.levels.get(number=1)
    attempt = attempt_start(user=rep, quiz=level.quiz)
    # Unshuffled: the first choice of each factory question is the right one.
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={q.position: [0] for q in attempt.questions.all()})
    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.passed and attempt.score == 100
    award = Award.objects.get(user=rep)
    assert award.level == level and award.attempt == attempt and award.granted_by is None
    assert award.valid_until is not None
