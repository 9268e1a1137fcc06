"""The instruments and their results: quizzes, assessment guides, scenarios and evaluations."""

from .evaluations import (
    EVALUATION_TRANSITIONS,
    OPEN_EVALUATION_STATUSES,
    CallKind,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationMode,
    EvaluationQuerySet,
    EvaluationStatus,
    Scorecard,
    ScorecardStatus,
    private_storage,
)
from .guides import AssessmentGuide, AssessmentGuideForm, Combine, GuideVersion, RolePlayScenario, ScoreScale
from .quizzes import (
    ATTEMPT_TRANSITIONS,
    OPEN_STATUSES,
    TEXT_FEATURES,
    Attempt,
    AttemptEvent,
    AttemptQuerySet,
    AttemptQuestion,
    AttemptStatus,
    Choice,
    Question,
    QuestionBank,
    QuestionForm,
    QuestionImport,
    QuestionImportStatus,
    QuestionKind,
    Quiz,
    QuizSection,
    ReviewOption,
    Scoring,
    validate_choices,
)

__all__ = [name for name in dir() if not name.startswith("_")]
