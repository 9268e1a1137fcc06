"""What each pattern of scores gives under the guide being edited, worked out by the server's own scoring rules.

The guide editor posts its form here as the author edits (assessments/static/assessments/guide_preview.js) and
shows the answer under the scoring fields. Nothing is saved: an incomplete form previews what it can.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from ..models import AssessmentGuide
from ..scoring import Criterion, Rules, patterns

PREVIEW_TEMPLATE = "assessments/admin/guide_score_preview.html"


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _criteria_from_blocks(blocks):
    """(criteria, {key: level scores}) from the criteria's values; a criterion without two scored levels is left out."""
    criteria, levels = [], {}
    for index, block in enumerate(blocks):
        value = block.value if hasattr(block, "value") else block
        scores = sorted({score for score in (_int(level["score"]) for level in value["levels"]) if score is not None})
        if len(scores) < 2:
            continue
        key = f"c{index}"
        criteria.append(
            Criterion(
                key=key,
                name=(value["name"] or f"Criterion {index + 1}").strip(),
                weight=max(_int(value["weight"]) or 1, 1),
                max_score=scores[-1],
                min_score=scores[0],
                must_pass=bool(value["must_pass"]),
            )
        )
        levels[key] = scores
    return criteria, levels


def guide_preview(*, blocks, meets, threshold, combine="mean"):
    """The patterns for these criteria and scoring fields, or None when there is nothing to score yet."""
    criteria, levels = _criteria_from_blocks(blocks)
    if not criteria or meets is None:
        return None
    return patterns(criteria, Rules(meets=meets, threshold=threshold, combine=combine), levels)


def _threshold(raw):
    raw = (raw or "").strip().replace(",", ".").rstrip("%").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return min(max(value, Decimal(0)), Decimal(100))


def preview_from_post(data):
    """The preview of a guide editor's form as posted (StreamField inputs included)."""
    block = AssessmentGuide._meta.get_field("criteria").stream_block
    try:
        blocks = block.value_from_datadict(data, {}, "criteria")
    except (KeyError, ValueError):
        blocks = []
    return guide_preview(
        blocks=blocks, meets=_int(data.get("meets_score")), threshold=_threshold(data.get("pass_threshold")),
        combine=data.get("combine") or "mean",
    )


def preview_of_guide(guide):
    """The preview of a guide as saved (the editor's first view, before any edit)."""
    if not guide.pk and not len(guide.criteria):
        return None
    return guide_preview(
        blocks=list(guide.criteria), meets=guide.meets_score, threshold=guide.pass_threshold, combine=guide.combine
    )


@require_POST
def guide_score_preview(request):
    if not (request.user.has_perm("assessments.change_assessmentguide") or request.user.has_perm("assessments.add_assessmentguide")):
        raise PermissionDenied
    return TemplateResponse(request, PREVIEW_TEMPLATE, {"preview": preview_from_post(request.POST)})
