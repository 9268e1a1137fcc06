"""Writing assessment guides and role-play scenarios in the Wagtail admin, and how edits version a guide."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from assessments.models import AssessmentGuide, GuideVersion, RolePlayScenario
from assessments.services import scorecard_save
from tests.factories.assessments import AssessmentGuideFactory, RolePlayScenarioFactory, criterion
from tests.factories.certify import RepFactory
from tests.factories.evaluations import level2_certification, level2_evaluation, scores_all

pytestmark = pytest.mark.django_db

ADD_URL = reverse("wagtailsnippets_assessments_assessmentguide:add")


def _list_block(items):
    data = {str(index): {"value": value, "deleted": "", "order": str(index)} for index, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def _criteria(blocks):
    """StreamField form data for criteria given as (block id or None, criterion value) pairs."""
    data = {"count": str(len(blocks))}
    for index, (block_id, value) in enumerate(blocks):
        struct = {
            "name": value["name"],
            "good": value["good"],
            "weight": str(value["weight"]),
            "levels": _list_block(
                [
                    {"score": str(level["score"]), "label": level["label"], "descriptor": level["descriptor"]}
                    for level in value["levels"]
                ]
            ),
            "study_pages": _list_block([]),
        }
        if value["must_pass"]:
            struct["must_pass"] = "on"
        data[str(index)] = {"type": "criterion", "value": struct, "deleted": "", "order": str(index), "id": block_id or ""}
    return data


def _guide_form(blocks, *, title="Discovery call guide", introduction="How the panel scores a discovery call."):
    return nested_form_data(
        {
            "title": title,
            "product": "",
            "introduction": introduction,
            "criteria": _criteria(blocks),
            "meets_score": "2",
            "pass_threshold": "",
            "combine": "mean",
            "tolerance": "1",
        }
    )


def _new(*criteria):
    return [(None, value) for _type, value in criteria]


def _existing(guide, **renames):
    """The guide's criteria as the edit form sends them back (same block ids), with names changed by key."""
    blocks = []
    for block in guide.criteria:
        value = dict(block.value)
        value["levels"] = [dict(level) for level in value["levels"]]
        value["name"] = renames.get(value["name"], value["name"])
        blocks.append((block.id, value))
    return blocks


def test_admin_adds_a_guide_and_it_becomes_version_1(client_for, enablement_admin):
    response = client_for(enablement_admin).post(
        ADD_URL, _guide_form(_new(criterion("Discovery", weight=2, must_pass=True), criterion("Next step")))
    )
    assert response.status_code == 302
    guide = AssessmentGuide.objects.get(title="Discovery call guide")
    version = guide.versions.get()
    assert version.number == 1
    assert [(c["name"], c["weight"], c["must_pass"]) for c in version.criteria] == [
        ("Discovery", 2, True),
        ("Next step", 1, False),
    ]
    assert [c["key"] for c in version.criteria] == [block.id for block in guide.criteria]


def test_a_criterion_without_a_level_at_the_meets_score_is_refused(client_for, enablement_admin):
    response = client_for(enablement_admin).post(
        ADD_URL, _guide_form(_new(criterion("Discovery"), criterion("Next step", scores=(1, 3))))
    )
    assert response.status_code == 200
    assert "has no level scored 2: every criterion needs a level" in response.content.decode()
    assert response.context["form"].errors["criteria"] == [
        "“Next step” has no level scored 2: every criterion needs a level at the “meets” score."
    ]
    assert not AssessmentGuide.objects.exists() and not GuideVersion.objects.exists()


def test_a_criterion_with_two_levels_at_one_score_is_refused(client_for, enablement_admin):
    response = client_for(enablement_admin).post(ADD_URL, _guide_form(_new(criterion("Discovery", scores=(1, 2, 2)))))
    assert response.status_code == 200
    assert "Each level needs its own score." in response.content.decode()
    assert not AssessmentGuide.objects.exists() and not GuideVersion.objects.exists()


def test_a_guide_needs_a_criterion(client_for, enablement_admin):
    response = client_for(enablement_admin).post(ADD_URL, _guide_form([]))
    assert response.status_code == 200
    assert "criteria" in response.context["form"].errors
    assert not AssessmentGuide.objects.exists()


def test_editing_a_guide_nobody_has_scored_with_updates_version_1(client_for, enablement_admin):
    guide = AssessmentGuideFactory()
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin, guide=guide)
    client = client_for(enablement_admin)
    edit_url = reverse("wagtailsnippets_assessments_assessmentguide:edit", args=[guide.pk])
    assert "updates version 1 in place" in client.get(edit_url).content.decode()
    renamed = _existing(guide, Discovery="Discovery questions")
    response = client.post(edit_url, _guide_form(renamed, title=guide.title, introduction=guide.introduction))
    assert response.status_code == 302
    version = guide.versions.get()
    assert version.number == 1
    assert version.criteria[0]["name"] == "Discovery questions"
    evaluation.refresh_from_db()
    assert evaluation.guide_version == version


def test_editing_a_guide_judges_have_scored_with_makes_version_2(client_for, enablement_admin, judge):
    guide = AssessmentGuideFactory()
    certification = level2_certification(guide=guide)
    scored = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], certification=certification)
    waiting = level2_evaluation(rep=RepFactory(), admin=enablement_admin, certification=certification)
    card = scored.scorecards.get(judge=judge)
    scorecard_save(actor=judge, scorecard_id=card.pk, scores=scores_all(scored, 2))  # a draft is enough to freeze it
    client = client_for(enablement_admin)
    edit_url = reverse("wagtailsnippets_assessments_assessmentguide:edit", args=[guide.pk])
    page = client.get(edit_url).content.decode()
    assert "Used by 2 evaluations" in page and "Saving a change makes <strong>version 2</strong>" in page

    renamed = _existing(guide, Discovery="Discovery questions")
    response = client.post(edit_url, _guide_form(renamed, title=guide.title, introduction=guide.introduction))

    assert response.status_code == 302
    first, second = guide.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.criteria[0]["name"] == "Discovery" and second.criteria[0]["name"] == "Discovery questions"
    scored.refresh_from_db()
    waiting.refresh_from_db()
    assert scored.guide_version == first
    assert waiting.guide_version == second
    assert [c["key"] for c in first.criteria] == [c["key"] for c in second.criteria]


def test_saving_a_guide_unchanged_makes_no_new_version(client_for, enablement_admin, judge):
    guide = AssessmentGuideFactory()
    scored = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], guide=guide)
    scorecard_save(actor=judge, scorecard_id=scored.scorecards.get().pk, scores=scores_all(scored, 2))
    edit_url = reverse("wagtailsnippets_assessments_assessmentguide:edit", args=[guide.pk])
    unchanged = _guide_form(_existing(guide), title=guide.title, introduction=guide.introduction)
    assert client_for(enablement_admin).post(edit_url, unchanged).status_code == 302
    assert list(guide.versions.values_list("number", flat=True)) == [1]


def test_the_guide_list_shows_each_guides_latest_version(client_for, enablement_admin, judge):
    guide = AssessmentGuideFactory(title="Versioned guide")
    scored = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge], guide=guide)
    scorecard_save(actor=judge, scorecard_id=scored.scorecards.get().pk, scores=scores_all(scored, 2))
    guide.pass_threshold = 75
    guide.save()
    response = client_for(enablement_admin).get(reverse("wagtailsnippets_assessments_assessmentguide:list"))
    listed = {item.title: item.latest_version for item in response.context["object_list"]}
    assert listed["Versioned guide"] == 2


def test_scenarios_are_listed_by_guide(client_for, enablement_admin):
    mine = RolePlayScenarioFactory(title="Renewal at risk")
    RolePlayScenarioFactory(title="New logo")
    response = client_for(enablement_admin).get(
        reverse("wagtailsnippets_assessments_roleplayscenario:list"), {"guide": mine.guide_id}
    )
    assert [scenario.title for scenario in response.context["object_list"]] == ["Renewal at risk"]
    assert RolePlayScenario.objects.count() == 2


def test_a_guide_nobody_used_is_deleted_with_its_versions(client_for, enablement_admin):
    guide = AssessmentGuideFactory()
    assert guide.versions.count() == 1
    url = reverse("wagtailsnippets_assessments_assessmentguide:delete", args=[guide.pk])
    assert client_for(enablement_admin).post(url).status_code == 302
    assert not AssessmentGuide.objects.filter(pk=guide.pk).exists()
    assert not GuideVersion.objects.filter(guide_id=guide.pk).exists()


def test_a_guide_or_role_play_in_use_is_kept_with_the_reason(client_for, enablement_admin):
    evaluation = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    guide, scenario = evaluation.guide_version.guide, evaluation.scenario
    client = client_for(enablement_admin)
    for url in (
        reverse("wagtailsnippets_assessments_assessmentguide:delete", args=[guide.pk]),
        reverse("wagtailsnippets_assessments_roleplayscenario:delete", args=[scenario.pk]),
    ):
        response = client.post(url, follow=True)
        assert "cannot be deleted" in response.content.decode()
    assert AssessmentGuide.objects.filter(pk=guide.pk).exists() and guide.versions.count() == 1
    assert RolePlayScenario.objects.filter(pk=scenario.pk).exists()
