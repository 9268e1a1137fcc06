"""The certification editor: each level shows only the fields it uses, and slugs fill in from titles."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from certify.models import Certification
from content.models import BuyingStage
from tests.certify.test_certification_admin import _certification_form
from tests.factories.assessments import QuizFactory, RolePlayScenarioFactory
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db

LEVEL_2_AND_3_FIELDS = ["guide", "retry_wait_days", "panel_size", "scenarios", "countersign_required"]


def _editor_html(client, certification):
    response = client.get(reverse("wagtailsnippets_certify_certification:edit", args=[certification.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _editor(client, certification):
    return BeautifulSoup(_editor_html(client, certification), "html.parser")


def _shown(soup, index, field):
    """Whether the level's field is on the page and not inside a part hidden for this level."""
    name = f"levels-{index}-{field}"
    element = soup.find(attrs={"name": name})
    assert element is not None, f"{name} is not on the page"
    return not any(parent.has_attr("hidden") for parent in element.parents)


def test_a_level_1_only_certification_shows_no_level_2_or_3_fields(client_for, enablement_admin):
    RolePlayScenarioFactory()  # a role-play to choose from, so the level's checkboxes are on the page
    soup = _editor(client_for(enablement_admin), CertificationFactory(levels=1))
    assert _shown(soup, 0, "quiz")
    assert _shown(soup, 0, "validity_months")
    assert [field for field in LEVEL_2_AND_3_FIELDS if _shown(soup, 0, field)] == []


def test_each_level_shows_the_fields_it_uses(client_for, enablement_admin):
    soup = _editor(client_for(enablement_admin), CertificationFactory(levels=3))
    shown = {index: {f for f in ["quiz", *LEVEL_2_AND_3_FIELDS] if _shown(soup, index, f)} for index in range(3)}
    assert shown == {
        0: {"quiz"},
        1: {"guide", "retry_wait_days", "panel_size", "scenarios"},
        2: {"guide", "retry_wait_days", "countersign_required"},
    }


def test_changing_a_levels_number_shows_its_fields_through_wagtails_rules(client_for, enablement_admin):
    html = _editor_html(client_for(enablement_admin), CertificationFactory(levels=1))
    soup = BeautifulSoup(html, "html.parser")
    guide = soup.find(attrs={"name": "levels-0-guide"})
    rules = next(parent for parent in guide.parents if parent.has_attr("data-w-rules-target"))
    assert rules["data-w-rules"] == '{"levels-0-number": ["2", "3"]}'
    controller = next(parent for parent in rules.parents if parent.get("data-controller") == "w-rules")
    assert controller["data-action"] == "change->w-rules#resolve"
    assert controller.find(attrs={"name": "levels-0-number"}) is not None
    # New levels start from the empty form, whose prefix Wagtail replaces when a level is added.
    assert 'data-w-rules="{&quot;levels-__prefix__-number&quot;: [&quot;2&quot;, &quot;3&quot;]}"' in html


def test_the_level_rules_still_hold_with_the_fields_hidden(client_for, enablement_admin):
    data = _certification_form(QuizFactory(), [1, 2], scenario=None)
    response = client_for(enablement_admin).post(reverse("wagtailsnippets_certify_certification:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].formsets["levels"].forms[1].errors
    assert errors["guide"] == ["Level 2 is scored against a guide: choose which one."]
    assert not Certification.objects.exists()


def test_certification_title_fills_in_the_slug_as_the_author_types(client_for, enablement_admin):
    response = client_for(enablement_admin).get(reverse("wagtailsnippets_certify_certification:add"))
    soup = BeautifulSoup(response.content, "html.parser")
    title, slug = soup.find(attrs={"name": "title"}), soup.find(attrs={"name": "slug"})
    assert "w-sync" in title["data-controller"].split()
    assert title["data-w-sync-target-value"] == "#id_slug"
    assert "w-slug" in slug["data-controller"].split()


def test_a_certification_saved_without_a_slug_gets_one_from_its_title(client_for, enablement_admin):
    data = _certification_form(QuizFactory(), [1])
    data["slug"] = ""
    response = client_for(enablement_admin).post(reverse("wagtailsnippets_certify_certification:add"), data)
    assert response.status_code == 302
    assert Certification.objects.get().slug == "pulse-revenue-insights"


def test_a_slug_made_from_a_title_already_taken_is_refused(client_for, enablement_admin):
    CertificationFactory(slug="pulse-revenue-insights")
    data = _certification_form(QuizFactory(), [1])
    data["slug"], data["title"] = "", "Pulse Revenue Insights!"
    response = client_for(enablement_admin).post(reverse("wagtailsnippets_certify_certification:add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == ["Certification with this Slug already exists."]
    assert Certification.objects.count() == 1


def test_a_buying_stage_saved_without_a_slug_gets_one_from_its_name(client_for, enablement_admin):
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_content_buyingstage:add"),
        {"name": "Proof of value", "slug": "", "description": "", "sort_order": "3"},
    )
    assert response.status_code == 302
    assert BuyingStage.objects.get(name="Proof of value").slug == "proof-of-value"


def test_level_2_with_its_role_play_is_saved_from_the_editor(client_for, enablement_admin):
    scenario = RolePlayScenarioFactory()
    data = _certification_form(QuizFactory(), [1, 2], scenario=scenario)
    response = client_for(enablement_admin).post(reverse("wagtailsnippets_certify_certification:add"), data)
    assert response.status_code == 302
    assert list(Certification.objects.get().levels.get(number=2).scenarios.all()) == [scenario]
