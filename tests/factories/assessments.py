from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from assessments.models import Choice, Question, QuestionBank, QuestionKind, Quiz, QuizSection, ReviewOption, Scoring


class QuestionBankFactory(DjangoModelFactory):
    class Meta:
        model = QuestionBank

    name = factory.Sequence(lambda n: f"Bank {n}")
    topic = "Product knowledge"


class QuestionFactory(DjangoModelFactory):
    """A single-answer question with four choices, the first one right.

    `choices=[("text", "fraction"), ...]` sets other choices; the `multiple` and
    `true_false` traits give the usual shapes of those kinds.
    """

    class Meta:
        model = Question
        skip_postgeneration_save = True

    bank = factory.SubFactory(QuestionBankFactory)
    name = factory.Sequence(lambda n: f"Q{n:03d}")
    kind = QuestionKind.SINGLE
    scoring = Scoring.ALL_OR_NOTHING
    text = factory.Sequence(lambda n: f"<p>Question text {n}?</p>")
    explanation = "<p>Because the primer says so.</p>"

    class Params:
        multiple = factory.Trait(kind=QuestionKind.MULTIPLE, scoring=Scoring.PARTIAL)
        true_false = factory.Trait(kind=QuestionKind.TRUE_FALSE)

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            if obj.kind == QuestionKind.MULTIPLE:
                extracted = [("Right A", "0.5"), ("Right B", "0.5"), ("Wrong C", "-0.5"), ("Wrong D", "-0.5")]
            elif obj.kind == QuestionKind.TRUE_FALSE:
                extracted = [("True", "1"), ("False", "0")]
            else:
                extracted = [("Right", "1"), ("Wrong 1", "0"), ("Wrong 2", "0"), ("Wrong 3", "0")]
        for order, (text, fraction) in enumerate(extracted):
            Choice.objects.create(
                question=obj, sort_order=order, text=text, fraction=Decimal(fraction), feedback=f"Feedback on {text}"
            )


class QuizFactory(DjangoModelFactory):
    """A quiz drawing every question of one bank (`questions=N` makes N single-answer questions)."""

    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 80
    time_limit_minutes = None
    attempts_allowed = None
    wait_hours = 0
    shuffle_questions = False
    shuffle_choices = False
    review = ReviewOption.FULL
    # The same review whatever the result unless a test says otherwise (the model's default differs).
    review_after_fail = factory.SelfAttribute("review")

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create:
            return
        count = 5 if extracted is None else extracted
        bank = QuestionBankFactory()
        QuestionFactory.create_batch(count, bank=bank)
        QuizSection.objects.create(quiz=obj, bank=bank, count=max(count, 1), sort_order=0)


def criterion(name, *, weight=1, must_pass=False, scores=(1, 2, 3), study_pages=()):
    """A guide criterion as the StreamField takes it, scored 1 below / 2 meets / 3 exceeds by default."""
    labels = {1: "Below", 2: "Meets", 3: "Exceeds", 4: "Outstanding", 0: "Not shown"}
    return (
        "criterion",
        {
            "name": name,
            "good": f"What good {name.lower()} looks like.",
            "weight": weight,
            "must_pass": must_pass,
            "levels": [
                {"score": score, "label": labels.get(score, str(score)), "descriptor": f"{name}: level {score}."}
                for score in scores
            ],
            "study_pages": list(study_pages),
        },
    )


class AssessmentGuideFactory(DjangoModelFactory):
    """A guide with three criteria (Discovery must pass, weights 2/1/1), mean of the panel, passing at "meets" on
    every criterion (50 % on the 1–3 scale), tolerance 1. `criteria=[criterion(...), ...]` sets others."""

    class Meta:
        model = "assessments.AssessmentGuide"

    title = factory.Sequence(lambda n: f"Guide {n}")
    introduction = "How the panel scores this role-play."
    criteria = factory.LazyFunction(
        lambda: [criterion("Discovery", weight=2, must_pass=True), criterion("Value story"), criterion("Next step")]
    )
    meets_score = 2
    pass_threshold = None
    combine = "mean"
    tolerance = 1


class RolePlayScenarioFactory(DjangoModelFactory):
    class Meta:
        model = "assessments.RolePlayScenario"

    title = factory.Sequence(lambda n: f"Scenario {n}")
    guide = factory.SubFactory(AssessmentGuideFactory)
    duration_minutes = 30
    situation = factory.Sequence(lambda n: f"<p>Situation {n}: the renewal is at risk.</p>")
    buyer = "<p>Dana, the CFO of a mid-size retailer.</p>"
    objectives = "<p>Agree a discovery workshop.</p>"
    buyer_script = factory.Sequence(lambda n: f"<p>BUYER-SCRIPT-SECRET-{n}: push back on price twice.</p>")
    buyer_reveals_when_asked = factory.Sequence(lambda n: f"<p>ONLY-WHEN-ASKED-{n}: the budget is approved.</p>")
    model_video_url = "https://video.example.com/model-call"
