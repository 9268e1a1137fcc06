"""Every Wagtail admin listing of our models answers its search box, and the search finds what it names.

The listings are taken from Wagtail's snippet registry (whatever certify's, assessments' and content's
wagtail_hooks.py register), so a listing added later is searched here without touching this file; it only
needs a row in `_one_of_each`.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.snippets.models import get_snippet_models

from certify.models import Deal, Tier
from certify.services import assignment_create, award_grant
from tests.factories.certify import CertificationFactory, TeamFactory
from tests.factories.content import BuyingStageFactory
from tests.factories.evaluations import level2_evaluation
from tests.factories.tips import TipFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"certify", "assessments", "content"}
NOTHING_MATCHES = "qqxzv-nothing-is-called-this"


def _one_of_each(admin, rep, judge):
    """At least one row in every listing (an empty table hides the failure: the index is never queried)."""
    TeamFactory(name="Northern lights", region="Scandinavia", members=[rep])
    TipFactory(title="Ask about the forecast", author=rep)
    BuyingStageFactory(name="Negotiation")
    certification = CertificationFactory(title="Pulse essentials", levels=1)
    level = certification.levels.get(number=1)
    assignment_create(actor=admin, level=level, users=[rep], due_date=timezone.localdate() + timedelta(days=7))
    award_grant(user=rep, level=level)
    Tier.objects.create(name="Bronze", rank=1)
    Deal.objects.create(
        external_id="OPP-0042", rep=rep, account="Northwind Traders", amount=Decimal("1200"), currency="USD",
        close_date=timezone.localdate(),
    )  # fmt: skip
    level2_evaluation(rep=rep, admin=admin, judges=[judge])  # guide, scenario and evaluation


def _listings():
    return [model for model in get_snippet_models() if model._meta.app_label in OUR_APPS]


def _value(instance, lookup):
    value = instance
    for part in lookup.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def _term(model, viewset):
    """A word one of the listing's own rows carries in one of its search fields."""
    rows = viewset.get_queryset(None)
    for instance in model.objects.all() if rows is None else rows:
        for lookup in viewset.search_fields:
            words = re.findall(r"[A-Za-z]{4,}", re.sub(r"<[^>]+>", " ", _value(instance, lookup)))
            if words:
                return words[0]
    return None


def _rows(response):
    return len(response.context["object_list"])


def test_every_listing_of_ours_has_rows_to_search(enablement_admin, rep, judge, hub):
    _one_of_each(enablement_admin, rep, judge)
    empty = [model.__name__ for model in _listings() if not model.objects.exists()]
    assert _listings(), "no listing of ours is registered"
    assert empty == [], f"give these listings a row in _one_of_each: {empty}"


@pytest.mark.parametrize("results_only", [False, True], ids=["index page", "results the search box fetches"])
def test_every_admin_listing_search_answers_and_finds_its_rows(
    client_for, enablement_admin, rep, judge, hub, results_only
):
    _one_of_each(enablement_admin, rep, judge)
    client = client_for(enablement_admin)
    checked = []
    for model in _listings():
        viewset = model.snippet_viewset
        url = reverse(viewset.get_url_name("list_results" if results_only else "list"))
        assert viewset.search_fields, f"{model.__name__}: the listing has no search box"
        term = _term(model, viewset)
        assert term, f"{model.__name__}: no row carries a word in {viewset.search_fields}"

        found = client.get(url, {"q": term})
        assert found.status_code == 200, f"{model.__name__} search for {term!r}: HTTP {found.status_code}"
        assert _rows(found) >= 1, f"{model.__name__}: searching {term!r} finds none of its rows"
        nothing = client.get(url, {"q": NOTHING_MATCHES})
        assert nothing.status_code == 200
        assert _rows(nothing) == 0, f"{model.__name__}: a search that matches nothing still lists rows"
        checked.append(model.__name__)
    assert {"Team", "Question", "QuestionBank", "Certification", "Product"} <= set(checked)


def test_team_search_matches_inside_a_word_of_its_region(client_for, enablement_admin, rep, judge, hub):
    _one_of_each(enablement_admin, rep, judge)
    response = client_for(enablement_admin).get(reverse("wagtailsnippets_certify_team:list"), {"q": "candinav"})
    assert [team.name for team in response.context["object_list"]] == ["Northern lights"]
