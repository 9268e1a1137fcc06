import pytest
from django.urls import reverse

from tests.factories.content import BuyingStageFactory, ProductFactory, article, case_study, index_page, playbook
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def test_listing_shows_every_type_below_the_index(client_for, rep, hub):
    section = index_page(hub, title="Articles")
    article(section, title="Pricing conversations")
    case_study(hub, title="How Northwind cut forecast error")
    playbook(hub, title="Displacing the incumbent")
    response = client_for(rep).get(hub.url)
    for title in (b"Pricing conversations", b"How Northwind cut forecast error", b"Displacing the incumbent"):
        assert title in response.content


def test_listing_filters_by_type_product_and_stage(client_for, rep, hub):
    pulse = ProductFactory(name="Pulse", code="pulse")
    discovery = BuyingStageFactory(name="Discovery", slug="discovery")
    article(hub, title="Pulse discovery", products=[pulse], stages=[discovery])
    article(hub, title="Generic article")
    case_study(hub, title="Pulse win", products=[pulse])
    client = client_for(rep)

    by_product = client.get(hub.url, {"product": "pulse"}).content
    assert b"Pulse discovery" in by_product and b"Pulse win" in by_product and b"Generic article" not in by_product

    by_type = client.get(hub.url, {"type": "casestudypage"}).content
    assert b"Pulse win" in by_type and b"Pulse discovery" not in by_type

    by_stage = client.get(hub.url, {"stage": "discovery"}).content
    assert b"Pulse discovery" in by_stage and b"Pulse win" not in by_stage


def test_unknown_filter_value_gets_a_message_not_an_error(client_for, rep, hub):
    article(hub, title="Still listed")
    response = client_for(rep).get(hub.url, {"product": "no-such-product"})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert b"Still listed" in response.content


def test_listing_paginates(client_for, rep, hub):
    for n in range(15):
        article(hub, title=f"Numbered article {n:02d}")
    client = client_for(rep)
    first = client.get(hub.url).content
    second = client.get(hub.url, {"page": 2}).content
    assert first.count(b"Numbered article") == 12
    assert second.count(b"Numbered article") == 3


def test_listing_query_count_does_not_grow_with_pages(client_for, rep, hub):
    product = ProductFactory()
    stage = BuyingStageFactory()
    article(hub, products=[product], stages=[stage])
    client = client_for(rep)
    client.get(hub.url)  # warm caches (site root paths, content types)
    one = queries_for(client, hub.url)
    for _ in range(19):
        article(hub, products=[product, ProductFactory()], stages=[stage])
    case_study(hub, products=[product])
    twenty = queries_for(client, hub.url)
    # session, user, roles (navigation), page lookup, site, filter choices,
    # count, page rows, products and stages prefetch, child sections, view restrictions
    assert twenty == one


def test_search_finds_pages_by_words_in_their_body_and_shows_a_snippet(client_for, rep, hub):
    article(
        hub,
        title="Handling the budget objection",
        summary="What to say when the buyer says there is no budget this year.",
        body=[("paragraph", "<p>Reframe the conversation around the cost of inaction.</p>")],
    )
    article(hub, title="Unrelated primer", summary="Something else.")
    response = client_for(rep).get(reverse("content:search"), {"q": "budget"})
    assert b"Handling the budget objection" in response.content
    assert b"Unrelated primer" not in response.content
    assert b"<mark>budget</mark>" in response.content


def test_search_filters_by_product_and_type(client_for, rep, hub):
    pulse = ProductFactory(name="Pulse", code="pulse")
    article(hub, title="Forecast article pulse", summary="forecast accuracy", products=[pulse])
    article(hub, title="Forecast article other", summary="forecast accuracy")
    case_study(hub, title="Forecast case pulse", summary="forecast accuracy", products=[pulse])
    client = client_for(rep)
    content = client.get(reverse("content:search"), {"q": "forecast", "product": "pulse"}).content
    assert b"Forecast article pulse" in content and b"Forecast case pulse" in content
    assert b"Forecast article other" not in content
    content = client.get(reverse("content:search"), {"q": "forecast", "product": "pulse", "type": "articlepage"}).content
    assert b"Forecast article pulse" in content and b"Forecast case pulse" not in content


def test_search_does_not_show_unpublished_pages(client_for, rep, hub):
    page = article(hub, title="Draft secret plan", summary="secret plan")
    page.unpublish()
    content = client_for(rep).get(reverse("content:search"), {"q": "secret"}).content
    assert b"Draft secret plan" not in content


def test_search_query_count_does_not_grow_with_results(client_for, rep, hub):
    product = ProductFactory()
    article(hub, title="Objection one", summary="objection handling", products=[product])
    client = client_for(rep)
    url = reverse("content:search") + "?q=objection"
    client.get(url)
    one = queries_for(client, url)
    for n in range(19):
        article(hub, title=f"Objection {n}", summary="objection handling", products=[product, ProductFactory()])
    twenty = queries_for(client, url)
    assert twenty == one


def test_case_study_page_shows_how_the_deal_was_won_and_the_video_link(client_for, rep, hub):
    page = case_study(hub, title="Harbor Freight", how_won="<p>We mapped every stakeholder.</p>", model_video_url="https://vimeo.com/123456789")
    content = client_for(rep).get(page.url).content
    assert b"How the deal was won" in content
    assert b"We mapped every stakeholder." in content
    assert b"https://vimeo.com/123456789" in content


def test_playbook_page_lists_steps_in_order_with_sales_aids(client_for, rep, hub):
    page = playbook(hub, title="Expansion motion")
    content = client_for(rep).get(page.url).content.decode()
    assert content.index("Open the call") < content.index("Discover")
    assert "Agenda template" in content
