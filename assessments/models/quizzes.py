"""Quizzes: question banks, questions, quiz settings and attempts.

An attempt freezes what it served: each question's text, choices in the order
shown, their marks and the explanation are copied into the attempt when it
starts, so editing a question later changes no past attempt.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from ..formatting import clean_fragment
from .authoring import ChoicesPanel, QuestionForm, QuizForm, validate_choices  # noqa: F401 (re-exported)

TEXT_FEATURES = ["bold", "italic", "code", "ol", "ul", "link"]


class QuestionBank(index.Indexed, models.Model):
    """Questions about one product or topic, drawn from by quizzes."""

    name = models.CharField(max_length=120, unique=True)
    product = models.ForeignKey(
        "content.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="question_banks"
    )
    topic = models.CharField(
        max_length=120, blank=True, help_text="For banks about a topic rather than a product, e.g. “Selling approach”."
    )
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("product"), FieldPanel("topic")]), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("topic")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def subject(self):
        return self.product.name if self.product_id else self.topic


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single answer"
    MULTIPLE = "multiple", "Multiple answers"
    TRUE_FALSE = "true_false", "True or false"


class Scoring(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", "All or nothing"
    PARTIAL = "partial", "Partial credit"


class Question(index.Indexed, ClusterableModel):
    """One question with its choices; each choice carries the share of the mark it is worth."""

    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="questions")
    name = models.CharField(max_length=120, help_text="A short name to find the question by.")
    external_id = models.CharField(
        max_length=255, blank=True, help_text="Set by imports: importing the same question again updates it."
    )
    category = models.CharField(
        max_length=255,
        blank=True,
        help_text="A category within the bank, such as “Discovery/Listening”; imports set it from the file's "
        "categories. A quiz can draw from one category and those below it.",
    )
    kind = models.CharField(max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    scoring = models.CharField(
        max_length=20,
        choices=Scoring.choices,
        default=Scoring.ALL_OR_NOTHING,
        help_text="Multiple answers only. Partial credit adds up the marks of the choices picked (never below zero); "
        "all or nothing gives the mark only for exactly the right set.",
    )
    text = RichTextField(features=TEXT_FEATURES)
    explanation = RichTextField(
        features=TEXT_FEATURES, blank=True, help_text="Shown in the review after submitting, if the quiz allows it."
    )
    study_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where this is taught: suggested to reps who miss the question.",
    )
    active = models.BooleanField(default=True, help_text="Inactive questions are no longer drawn into new attempts.")
    # Set while an import is still writing this new question: inactive and left out of the listings until it ends.
    staged_in = models.ForeignKey(
        "QuestionImport", null=True, blank=True, editable=False, on_delete=models.CASCADE, related_name="staged"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("bank"), FieldPanel("name")]),
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("scoring")]),
        FieldPanel("text"),
        ChoicesPanel(
            "choices",
            label="Choices",
            min_num=2,
            help_text="Each choice's mark is a percentage of the question's mark: 100 for the right answer of a "
            "single-answer question. For multiple answers the right choices' marks add up to 100; wrong ones may "
            "carry a negative mark, down to -100.",
        ),
        FieldPanel("explanation"),
        FieldRowPanel([FieldPanel("study_page"), FieldPanel("active")]),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("text"), index.AutocompleteField("name")]
    base_form_class = QuestionForm

    class Meta:
        ordering = ["bank", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "external_id"], condition=~models.Q(external_id=""), name="question_external_id_unique"
            )
        ]
        indexes = [models.Index(fields=["bank", "active"], name="question_bank_active")]

    def __str__(self):
        return self.name


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.TextField()
    fraction = models.DecimalField(
        "mark (%)",
        max_digits=7,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(-1)), MaxValueValidator(Decimal(1))],
        help_text="Stored as a share of the question's mark, -1 to 1; the admin shows and takes it as -100 to 100 %.",
    )
    feedback = models.TextField(blank=True, help_text="Shown in the review to reps who picked this choice.")

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("fraction")]), FieldPanel("feedback")]

    def save(self, *args, **kwargs):
        self.text = clean_fragment(self.text)
        self.feedback = clean_fragment(self.feedback)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.text


class ReviewOption(models.TextChoices):
    SCORE = "score", "The score only"
    WRONG = "wrong", "The score and which answers were wrong"
    FULL = "full", "The score, the correct answers and the explanations"


class Quiz(index.Indexed, ClusterableModel):
    """A quiz: which banks to draw from and the rules of an attempt."""

    title = models.CharField(max_length=160, unique=True)
    intro = models.TextField(blank=True, help_text="Shown to reps before they start.")
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)", default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Leave empty for no time limit."
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Attempts a rep may make until they pass. Leave empty for no limit.",
    )
    wait_hours = models.PositiveSmallIntegerField(
        "wait between attempts (hours)", default=0, help_text="How long a rep waits after a failed attempt."
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)
    review = models.CharField(
        "after a pass or their last attempt, reps see",
        max_length=10,
        choices=ReviewOption.choices,
        default=ReviewOption.FULL,
    )
    review_after_fail = models.CharField(
        "after a failed attempt with attempts left, reps see",
        max_length=10,
        choices=ReviewOption.choices,
        default=ReviewOption.WRONG,
        help_text="Showing the correct answers before a retake lets a rep pass from memory, since a retake draws "
        "from the same banks.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel("sections", label="Questions drawn", min_num=1, help_text="How many questions to draw from each bank."),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("time_limit_minutes")]),
                FieldRowPanel([FieldPanel("attempts_allowed"), FieldPanel("wait_hours")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldRowPanel([FieldPanel("review_after_fail"), FieldPanel("review")]),
            ],
            heading="Rules",
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = QuizForm

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "quizzes"

    def __str__(self):
        return self.title


class QuizSection(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="sections")
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField("questions", default=10, validators=[MinValueValidator(1)])
    category = models.CharField(
        max_length=255,
        blank=True,
        help_text="Draw only from this category of the bank and those below it; leave empty for the whole bank.",
    )

    panels = [FieldRowPanel([FieldPanel("bank"), FieldPanel("count"), FieldPanel("category")])]


class AttemptStatus(models.TextChoices):
    STARTED = "started", "Started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


OPEN_STATUSES = (AttemptStatus.STARTED, AttemptStatus.IN_PROGRESS)

# (from, event) -> to. Anything missing is refused.
ATTEMPT_TRANSITIONS = {
    (AttemptStatus.STARTED, "answer"): AttemptStatus.IN_PROGRESS,
    (AttemptStatus.IN_PROGRESS, "answer"): AttemptStatus.IN_PROGRESS,
    (AttemptStatus.STARTED, "submit"): AttemptStatus.SUBMITTED,
    (AttemptStatus.IN_PROGRESS, "submit"): AttemptStatus.SUBMITTED,
    (AttemptStatus.STARTED, "time_out"): AttemptStatus.SUBMITTED,
    (AttemptStatus.IN_PROGRESS, "time_out"): AttemptStatus.SUBMITTED,
}


class AttemptQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def submitted(self):
        return self.filter(status=AttemptStatus.SUBMITTED)


class Attempt(models.Model):
    """One go at a quiz by one person, with the rules it started under."""

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.STARTED)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    last_saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    pass_mark = models.PositiveSmallIntegerField()
    review = models.CharField(max_length=10, choices=ReviewOption.choices)
    # Empty for attempts started before quizzes had a review of their own after a fail: `review` throughout.
    review_after_fail = models.CharField(max_length=10, choices=ReviewOption.choices, blank=True)
    points = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    max_points = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField("score (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number_unique"),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(status__in=["started", "in_progress"]),
                name="attempt_one_open_per_quiz",
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "-started_at"], name="attempt_user_quiz_recent")]

    def __str__(self):
        return f"{self.quiz} — attempt {self.number} by {self.user}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def time_left(self, now=None):
        if self.deadline is None:
            return None
        return max(self.deadline - (now or timezone.now()), timedelta(0))


class AttemptQuestion(models.Model):
    """A question as it was served in one attempt, and the answer given."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="served")
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    scoring = models.CharField(max_length=20, choices=Scoring.choices)
    text = models.TextField()
    explanation = models.TextField(blank=True)
    # [{"text": html, "fraction": "0.5", "feedback": html}, ...] in the order served.
    choices = models.JSONField(default=list)
    selected = models.JSONField(default=list)
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="attempt_question_position_unique")]
        # Covers item analysis: its grouped sums read this index, never the rows.
        indexes = [models.Index(fields=["question", "attempt", "score"], name="attempt_question_item_stats")]

    @property
    def is_correct(self):
        return self.score is not None and self.score >= 1

    @property
    def is_answered(self):
        return bool(self.selected)


class AttemptEvent(models.Model):
    """The history of an attempt's status."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]


class QuestionImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    REFUSED = "refused", "Refused: nothing was imported"


class QuestionImport(models.Model):
    """One file imported into a bank: queued, running (``done`` of ``total`` questions written), done or refused.

    While it runs, the questions it adds are written in short batches, inactive and marked ``staged_in`` this
    import; one last short transaction makes them all visible and applies the updates, so a refused or failed
    import leaves nothing behind that anyone sees.
    """

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="imports")
    status = models.CharField(max_length=10, choices=QuestionImportStatus.choices, default=QuestionImportStatus.DONE)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A queued file, kept in private storage until its task has read it.
    kept_file = models.CharField(max_length=255, blank=True, editable=False)
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=10)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list)
    # Per question: the images and embedded files left out, and the names cut to fit.
    dropped = models.JSONField(default=list)
    shortened = models.JSONField(default=list)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
