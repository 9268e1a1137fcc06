"""The guide editor shows, as the author edits, what the key patterns of scores give, and warns when a rep who
meets every criterion would fail."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from assessments.models import AssessmentGuide, GuideVersion
from tests.factories.assessments import AssessmentGuideFactory, criterion

pytestmark = pytest.mark.django_db

PREVIEW_URL = reverse("assessments_admin:guide_score_preview")


def _list_block(items):
    data = {str(index): {"value": value, "deleted": "", "order": str(index)} for index, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def _form(criteria, *, pass_threshold="", meets="2"):
    blocks = {"count": str(len(criteria))}
    for index, (_type, value) in enumerate(criteria):
        struct = {
            "name": value["name"], "good": value["good"], "weight": str(value["weight"]),
            "levels": _list_block([{k: str(v) for k, v in level.items()} for level in value["levels"]]),
            "study_pages": _list_block([]),
        }
        if value["must_pass"]:
            struct["must_pass"] = "on"
        blocks[str(index)] = {"type": "criterion", "value": struct, "deleted": "", "order": str(index), "id": ""}
    return nested_form_data(
        {"title": "Draft guide", "product": "", "introduction": "", "criteria": blocks, "meets_score": meets,
         "pass_threshold": pass_threshold, "combine": "mean", "tolerance": "1"}
    )


def _rows(response):
    preview = response.context["preview"]
    return {pattern.key: (str(pattern.score), pattern.passed) for pattern in preview.patterns}


def test_the_guide_editor_shows_what_each_pattern_of_scores_gives(client_for, enablement_admin):
    guide = AssessmentGuideFactory()  # Discovery (must pass, weight 2), two more, 1–3, no pass mark of its own

    response = client_for(enablement_admin).get(reverse("wagtailsnippets_assessments_assessmentguide:edit", args=[guide.pk]))

    content = response.content.decode()
    assert "What each pattern of scores gives" in content and 'data-guide-preview-url="/admin/guides/score-preview/"' in content
    assert 'data-pattern="meets"' in content and "guide_preview.js" in content
    assert "fails this guide" not in content


def test_the_preview_follows_the_form_as_posted(client_for, enablement_admin):
    criteria = [criterion("Discovery", weight=2, must_pass=True), criterion("Value story"), criterion("Next step")]

    response = client_for(enablement_admin).post(PREVIEW_URL, _form(criteria))

    assert response.status_code == 200
    assert _rows(response) == {
        "below": ("0.00", False),
        "meets": ("50.00", True),
        "top": ("100.00", True),
        "must_pass": ("50.00", False),  # Discovery below "meets" fails, whatever the rest
    }
    assert "fails this guide" not in response.content.decode()


def test_the_preview_warns_when_meeting_every_criterion_fails(client_for, enablement_admin):
    criteria = [criterion("Discovery"), criterion("Next step")]

    response = client_for(enablement_admin).post(PREVIEW_URL, _form(criteria, pass_threshold="70"))

    assert _rows(response)["meets"] == ("50.00", False)
    assert "A rep who meets the standard on every criterion fails this guide." in response.content.decode()


def test_the_preview_has_no_must_pass_pattern_without_a_must_pass_criterion(client_for, enablement_admin):
    response = client_for(enablement_admin).post(PREVIEW_URL, _form([criterion("Discovery"), criterion("Next step")]))

    assert list(_rows(response)) == ["below", "meets", "top"]


def test_the_preview_saves_nothing_and_takes_an_unfinished_form(client_for, enablement_admin):
    unfinished = _form([criterion("Discovery")], meets="")

    response = client_for(enablement_admin).post(PREVIEW_URL, unfinished)

    assert response.status_code == 200 and response.context["preview"] is None
    assert not AssessmentGuide.objects.exists() and not GuideVersion.objects.exists()


def test_only_those_who_edit_guides_may_preview(client_for, rep):
    assert client_for(rep).post(PREVIEW_URL, _form([criterion("Discovery")])).status_code in (302, 403)
