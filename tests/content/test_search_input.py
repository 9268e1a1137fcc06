"""Any text a person types is a valid search: nothing in it is read as the search backend's own syntax."""

import pytest
from django.urls import reverse

from content.selectors import search_terms
from tests.factories.content import article

pytestmark = pytest.mark.django_db

NASTY = ['"', "'", '"forecast', "forecast'", "*", "forecast*", "AND", "OR", "NOT", "forecast AND", "OR forecast",
         "-", "-forecast", "(", ")", "(forecast", ":", "forecast:", "title:forecast", "^", "~", "!", "&", "|", "\\",
         "NEAR(a b)", "a + b", "%", "_", "ü", "Prüfung", "予測", "🙂", "' OR 1=1 --", "\t", "   "]


@pytest.mark.parametrize("query", NASTY)
def test_any_typed_text_is_a_valid_search(client_for, rep, hub, query):
    article(hub, title="Forecast review", body=[("paragraph", "<p>Ask for the forecast review.</p>")])
    response = client_for(rep).get(reverse("content:search"), {"q": query})
    assert response.status_code == 200


def test_words_around_the_syntax_still_find_the_page(client_for, rep, hub):
    article(hub, title="Forecast review", body=[("paragraph", "<p>Ask for the forecast review.</p>")])
    client = client_for(rep)
    for query in ['"forecast"', "forecast:", "(forecast)", "forecast*", "forecast -"]:
        assert b"Forecast review" in client.get(reverse("content:search"), {"q": query}).content, query


def test_search_keeps_the_words_and_drops_the_syntax():
    assert search_terms('"forecast" AND (review):') == "forecast AND review"
    assert search_terms("Prüfung 予測") == "Prüfung 予測"
    assert search_terms("'\\\"*:()") == ""


def test_a_search_longer_than_the_box_takes_says_so_and_searches_nothing(client_for, rep, hub):
    article(hub, title="Forecast review", body=[("paragraph", "<p>Ask for the forecast review.</p>")])
    response = client_for(rep).get(reverse("content:search"), {"q": "forecast " * 1200})
    assert response.status_code == 200
    assert b"Search with fewer words: up to 200 characters" in response.content
    assert b"Forecast review" not in response.content
