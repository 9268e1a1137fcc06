"""Scores run from each criterion's lowest level (0 %) to its top one (100 %); the pass line defaults to "meets on
every criterion".

Before, a criterion counted as its score over its top score, so a 1–3 scale started at 33 % and a rep who met
the standard on every criterion scored 66.67 %, under the 70 % every guide used. What moves and what stays:

- A version with a released evaluation keeps the rule it was scored with (`scale = "top"` and its threshold): each
  released evaluation keeps its recorded score and verdict, and the scorecards their scores, unchanged.
- Every other version (nobody's result was released with it) moves to the new scale in place.
- Where a guide's latest version stays on the old rule, the guide gets a new version on the new one — the same
  criteria and text — so the evaluations asked for from now on use it. Its open evaluations (asked for, being scored,
  waiting for a countersign, or flagged for moderation: no result released yet) move to that version with their
  scorecards, and any score already worked out for them (a judge's, the panel's) is worked out again on the new
  scale. Open evaluations left on an older version, which judges had begun before the guide was last edited, finish
  on the rule they started with.
- The pass line: a threshold of 70 % — the old default, which no author chose and which failed "meets everywhere" —
  becomes "meets on every criterion" (empty). Any other threshold was the author's own and becomes its equivalent on
  the new scale: the score of a rep who sat at that share of the top score on every criterion (75 % on a 1–3 scale
  becomes 62.5 %).

Going back sets every empty pass line to 70 % and returns the moved versions' scale; it cannot restore the exact old
thresholds of guides that had their own.
"""

from decimal import ROUND_HALF_UP, Decimal
from statistics import median

import django.core.validators
from django.db import migrations, models
from django.db.models import Max

OLD_DEFAULT = Decimal(70)
OPEN = ("requested", "scheduled", "countersign", "flagged")
TWO_PLACES = Decimal("0.01")


def _scales(criteria):
    """[(weight, lowest, top)] of a version's criteria."""
    return [
        (criterion["weight"], min(level["score"] for level in criterion["levels"]),
         max(level["score"] for level in criterion["levels"]))
        for criterion in criteria
    ]


def _guide_criteria(guide):
    """The guide's criteria, read from the stored StreamField data, as a version keeps them."""
    criteria = []
    for block in guide.criteria.raw_data:
        value = block["value"]
        levels = [item["value"] if item.get("type") == "item" and "value" in item else item for item in value["levels"]]
        criteria.append({"key": block.get("id"), "weight": int(value["weight"]), "levels": levels})
    return criteria


def new_threshold(threshold, criteria):
    if threshold is None or Decimal(threshold) == OLD_DEFAULT:
        return None
    share_of_top = Decimal(threshold) / 100
    scales = _scales(criteria)
    total = sum(weight for weight, _low, _top in scales)
    if not total:
        return None
    placed = Decimal(0)
    for weight, low, top in scales:
        place = (share_of_top * top - low) / (top - low) if top > low else Decimal(1)
        placed += weight * min(max(place, Decimal(0)), Decimal(1))
    return (placed * 100 / total).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _percentage(criteria, scores):
    """The new scale, as assessments/scoring.py has it at this migration."""
    total = sum(criterion["weight"] for criterion in criteria)
    if not total:
        return Decimal(0)
    placed = Decimal(0)
    for (weight, low, top), criterion in zip(_scales(criteria), criteria):
        value = Decimal(scores[criterion["key"]])
        placed += weight * ((value - low) / (top - low) if top > low else Decimal(1))
    return (placed * 100 / total).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _combine(values, method):
    values = [Decimal(value) for value in values]
    combined = Decimal(median(values)) if method == "median" else sum(values) / len(values)
    return combined.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _rescore(apps, version, evaluations):
    """Work the recorded judges' and panel's scores of these (unreleased) evaluations out again on the new scale."""
    Scorecard = apps.get_model("assessments", "Scorecard")
    CriterionScore = apps.get_model("assessments", "CriterionScore")
    keys = {criterion["key"] for criterion in version.criteria}
    for evaluation in evaluations:
        panel = {}
        for card in Scorecard.objects.filter(evaluation=evaluation, status="submitted"):
            scores = dict(
                CriterionScore.objects.filter(scorecard=card, score__isnull=False).values_list("criterion_key", "score")
            )
            for key, score in scores.items():
                panel.setdefault(key, []).append(score)
            if card.score is not None and keys <= set(scores):
                card.score = _percentage(version.criteria, scores)
                card.save(update_fields=["score"])
        if evaluation.panel_score is not None and keys <= set(panel):
            combined = {key: _combine(values, version.combine) for key, values in panel.items()}
            evaluation.panel_score = _percentage(version.criteria, combined)
            evaluation.save(update_fields=["panel_score"])


def forwards(apps, schema_editor):
    AssessmentGuide = apps.get_model("assessments", "AssessmentGuide")
    GuideVersion = apps.get_model("assessments", "GuideVersion")
    Evaluation = apps.get_model("assessments", "Evaluation")
    for guide in AssessmentGuide.objects.all():
        versions = list(GuideVersion.objects.filter(guide=guide).order_by("number"))
        for version in versions:
            if Evaluation.objects.filter(guide_version=version, status="released").exists():
                version.scale = "top"
                version.save(update_fields=["scale"])
                continue
            version.scale = "range"
            version.pass_threshold = new_threshold(version.pass_threshold, version.criteria)
            version.save(update_fields=["scale", "pass_threshold"])
            _rescore(apps, version, Evaluation.objects.filter(guide_version=version))
        latest = versions[-1] if versions else None
        if latest is not None and latest.scale == "top":
            number = GuideVersion.objects.filter(guide=guide).aggregate(top=Max("number"))["top"] + 1
            successor = GuideVersion.objects.create(
                guide=guide, number=number, title=latest.title, introduction=latest.introduction,
                meets_score=latest.meets_score, pass_threshold=new_threshold(latest.pass_threshold, latest.criteria),
                scale="range", combine=latest.combine, tolerance=latest.tolerance, criteria=latest.criteria,
                created_at=latest.updated_at, updated_at=latest.updated_at,
            )
            moving = Evaluation.objects.filter(guide_version=latest, status__in=OPEN)
            moved = list(moving)
            moving.update(guide_version=successor)
            _rescore(apps, successor, moved)
        criteria = _guide_criteria(guide)
        guide.pass_threshold = new_threshold(guide.pass_threshold, criteria)
        guide.save(update_fields=["pass_threshold"])


def backwards(apps, schema_editor):
    AssessmentGuide = apps.get_model("assessments", "AssessmentGuide")
    GuideVersion = apps.get_model("assessments", "GuideVersion")
    AssessmentGuide.objects.filter(pass_threshold__isnull=True).update(pass_threshold=OLD_DEFAULT)
    GuideVersion.objects.filter(pass_threshold__isnull=True).update(pass_threshold=OLD_DEFAULT)


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0006_quiz_review_after_fail"),
    ]

    operations = [
        migrations.AddField(
            model_name="guideversion",
            name="scale",
            field=models.CharField(
                choices=[
                    ("range", "From each criterion's lowest level (0 %) to its top level (100 %)"),
                    ("top", "Share of each criterion's top score (versions scored before the change)"),
                ],
                default="range",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="assessmentguide",
            name="pass_threshold",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Leave empty and a rep passes by meeting the standard on every criterion: the usual choice. "
                "Enter a percentage only to ask deliberately for more (or less): on each criterion its lowest level is "
                "0 % and its top level 100 %, weighted across the criteria. The preview below shows what each pattern gives.",
                max_digits=5,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0")),
                    django.core.validators.MaxValueValidator(Decimal("100")),
                ],
                verbose_name="pass at (%)",
            ),
        ),
        migrations.AlterField(
            model_name="guideversion",
            name="pass_threshold",
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
