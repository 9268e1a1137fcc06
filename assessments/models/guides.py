"""Assessment guides, their frozen versions, and role-play scenarios.

A guide is written and edited in the admin. What judges score with and what
reps prepare from is a `GuideVersion`: a frozen copy of the guide. Editing a
guide updates its latest version while nobody has scored with it; once someone
has, the edit makes a new version and past scores keep the one they used.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import CriterionBlock
from ..scoring import Scale, criteria_of, meets_everywhere, pass_line, rules_of
from .quizzes import TEXT_FEATURES


class ScoreScale(models.TextChoices):
    RANGE = Scale.RANGE, "From each criterion's lowest level (0 %) to its top level (100 %)"
    TOP = Scale.TOP, "Share of each criterion's top score (versions scored before the change)"


class Combine(models.TextChoices):
    MEAN = "mean", "Mean of the judges' scores"
    MEDIAN = "median", "Median of the judges' scores"


class AssessmentGuideForm(WagtailAdminModelForm):
    """Every criterion can be scored “meets”, so “below meets” means the same on each."""

    def clean(self):
        cleaned = super().clean()
        criteria = cleaned.get("criteria")
        meets = cleaned.get("meets_score")
        if criteria is None or meets is None:
            return cleaned
        if not len(criteria):
            self.add_error("criteria", "Add at least one criterion.")
        for block in criteria:
            scores = [level["score"] for level in block.value["levels"]]
            if meets not in scores:
                self.add_error(
                    "criteria",
                    f"“{block.value['name']}” has no level scored {meets}: every criterion needs a level at the "
                    "“meets” score.",
                )
        return cleaned


class AssessmentGuide(index.Indexed, models.Model):
    """What judges score a performance against, and what reps read to prepare: one source for both."""

    title = models.CharField(max_length=160, unique=True)
    product = models.ForeignKey(
        "content.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="assessment_guides"
    )
    introduction = models.TextField(help_text="Shown to reps and judges above the criteria.")
    criteria = StreamField([("criterion", CriterionBlock())], help_text="Every criterion is scored by every judge.")
    meets_score = models.PositiveSmallIntegerField(
        "score that “meets”",
        default=2,
        help_text="A score below this is below “meets”: the judge must comment, and a must-pass criterion fails.",
    )
    pass_threshold = models.DecimalField(
        "pass at (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="Leave empty and a rep passes by meeting the standard on every criterion: the usual choice. "
        "Enter a percentage only to ask deliberately for more (or less): on each criterion its lowest level is "
        "0 % and its top level 100 %, weighted across the criteria. The preview below shows what each pattern gives.",
    )
    combine = models.CharField("combine the panel's scores by", max_length=10, choices=Combine.choices, default=Combine.MEAN)
    tolerance = models.PositiveSmallIntegerField(
        "largest spread allowed",
        default=1,
        help_text="If two judges' scores on one criterion are further apart than this, an enablement admin moderates.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("product")]),
        FieldPanel("introduction"),
        FieldPanel("criteria"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("meets_score"), FieldPanel("pass_threshold")]),
                FieldRowPanel([FieldPanel("combine"), FieldPanel("tolerance")]),
            ],
            heading="Scoring",
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = AssessmentGuideForm

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def snapshot(self) -> dict:
        """The guide as a version freezes it. Criterion keys are the blocks' ids, stable across edits."""
        return {
            "title": self.title,
            "introduction": self.introduction,
            "meets_score": self.meets_score,
            "pass_threshold": self.pass_threshold,
            "scale": Scale.RANGE,
            "combine": self.combine,
            "tolerance": self.tolerance,
            "criteria": [
                {
                    "key": block.id,
                    "name": block.value["name"],
                    "good": block.value["good"],
                    "weight": block.value["weight"],
                    "must_pass": bool(block.value["must_pass"]),
                    "levels": sorted(
                        (
                            {"score": level["score"], "label": level["label"], "descriptor": level["descriptor"]}
                            for level in block.value["levels"]
                        ),
                        key=lambda level: level["score"],
                    ),
                    "study_pages": [page.pk for page in block.value["study_pages"] if page is not None],
                }
                for block in self.criteria
            ],
        }


SNAPSHOT_FIELDS = (
    "title", "introduction", "meets_score", "pass_threshold", "scale", "combine", "tolerance", "criteria",
)


class GuideVersion(models.Model):
    """A guide as it stood: what a rep prepared from and a panel scored with. Frozen once used to score."""

    guide = models.ForeignKey(AssessmentGuide, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=160)
    introduction = models.TextField()
    meets_score = models.PositiveSmallIntegerField()
    # None: pass at "meets on every criterion", worked out from the criteria.
    pass_threshold = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # How a score becomes a percentage; a version keeps the scale it was scored with (assessments/scoring.py).
    scale = models.CharField(max_length=10, choices=ScoreScale.choices, default=ScoreScale.RANGE)
    combine = models.CharField(max_length=10, choices=Combine.choices)
    tolerance = models.PositiveSmallIntegerField()
    # [{"key", "name", "good", "weight", "must_pass", "levels": [{"score", "label", "descriptor"}], "study_pages": [ids]}]
    criteria = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guide_version_number_unique")]

    def __str__(self):
        return f"{self.title} (version {self.number})"

    def as_snapshot(self) -> dict:
        return {name: getattr(self, name) for name in SNAPSHOT_FIELDS}

    @property
    def total_weight(self) -> int:
        return sum(criterion["weight"] for criterion in self.criteria)

    def criterion(self, key):
        return next((criterion for criterion in self.criteria if criterion["key"] == key), None)

    def comment_required(self, score) -> bool:
        """A score below “meets” carries a comment saying what the rep should do differently. The one place
        this rule lives: the scorecard service enforces it, the scorecard page marks the levels it applies to."""
        return score is not None and score < self.meets_score

    def level_label(self, key, score) -> str:
        criterion = self.criterion(key) or {"levels": []}
        return next((level["label"] for level in criterion["levels"] if level["score"] == score), str(score))

    @property
    def pass_line(self) -> Decimal:
        """The score a rep needs on this version, in %: the author's, or that of meeting every criterion."""
        return pass_line(criteria_of(self), rules_of(self))

    @property
    def meets_everywhere(self) -> Decimal:
        """The score, in %, of meeting the standard on every criterion of this version."""
        return meets_everywhere(criteria_of(self), rules_of(self))

    @property
    def passes_at_meets(self) -> bool:
        """The pass line is "meets on every criterion" (the author set no percentage of their own)."""
        return self.pass_threshold is None


class RolePlayScenario(index.Indexed, models.Model):
    """A role-play: the rep's brief, the buyer's script, the guide it is scored with and a model to watch.

    The buyer script and what the buyer reveals only when asked are for judges
    and role-players. No page, email or download a rep can reach shows them.
    """

    title = models.CharField(max_length=160, unique=True)
    product = models.ForeignKey(
        "content.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="scenarios"
    )
    guide = models.ForeignKey(AssessmentGuide, on_delete=models.PROTECT, related_name="scenarios")
    duration_minutes = models.PositiveSmallIntegerField(default=30, validators=[MinValueValidator(5)])
    situation = RichTextField(features=TEXT_FEATURES, help_text="For the rep: where the deal stands and why this call.")
    buyer = RichTextField(features=TEXT_FEATURES, help_text="For the rep: who they will meet and what they know of them.")
    objectives = RichTextField(
        "what the call must achieve", features=TEXT_FEATURES, help_text="For the rep: what success looks like."
    )
    buyer_script = RichTextField(
        features=TEXT_FEATURES,
        help_text="Judges and role-players only: who the buyer is, their mood, their objections. Never shown to reps.",
    )
    buyer_reveals_when_asked = RichTextField(
        "information to give only when asked",
        features=TEXT_FEATURES,
        blank=True,
        help_text="Judges and role-players only: facts the buyer shares only if the rep asks the right question.",
    )
    model_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="model performance (page)",
        help_text="A content page with a model performance to watch, such as a case study with its video.",
    )
    model_video_url = models.URLField("model performance (video link)", blank=True)
    active = models.BooleanField(default=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("product")]),
        FieldRowPanel([FieldPanel("guide"), FieldPanel("duration_minutes")]),
        MultiFieldPanel([FieldPanel("situation"), FieldPanel("buyer"), FieldPanel("objectives")], heading="The rep's brief"),
        MultiFieldPanel(
            [FieldPanel("buyer_script"), FieldPanel("buyer_reveals_when_asked")],
            heading="The buyer's script (judges and role-players only)",
        ),
        FieldRowPanel([FieldPanel("model_page"), FieldPanel("model_video_url")], heading="Model performance"),
        FieldPanel("active"),
    ]
    # Only the title is indexed: nothing of the buyer's script may surface in a search.
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = "role-play scenario"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.model_page_id and not self.model_video_url:
            raise ValidationError({"model_page": "Give reps a model performance to watch: a page or a video link."})
