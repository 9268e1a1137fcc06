import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from certify.exceptions import DomainError, PermissionRefused
from certify.formatting import render_tip_body, render_tip_excerpt
from certify.models import Tip, TipHelpfulMark, TipReply
from certify.selectors import top_contributors
from certify.services import tip_create, tip_hide, tip_mark_helpful, tip_reply, tip_set_verified
from tests.factories.certify import RepFactory
from tests.factories.content import BuyingStageFactory, ProductFactory, article
from tests.factories.tips import HelpfulMarkFactory, TipFactory
from tests.helpers import assert_error_linked
from tests.helpers import queries_for as _queries

pytestmark = pytest.mark.django_db


def _form(product, stage, **overrides):
    body = "It **works**: the review puts their own numbers on the table."
    data = {"title": "Ask for the forecast review", "body": body, "product": product.pk, "stage": stage.pk}
    data.update(overrides)
    return data


def test_rep_shares_a_tip_tied_to_a_page(client_for, rep, hub):
    product, stage = ProductFactory(), BuyingStageFactory()
    page = article(hub, products=[product])
    response = client_for(rep).post(f"{reverse('certify:tip_create')}?page={page.pk}", _form(product, stage, page=page.pk))
    tip = Tip.objects.get()
    assert response.status_code == 302 and response.url == reverse("certify:tip_detail", args=[tip.pk])
    assert (tip.author, tip.page_id, tip.product, tip.stage) == (rep, page.pk, product, stage)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "This field is required."),
        ({"body": "   "}, "This field is required."),
        ({"body": "x" * 2001}, "Keep a tip to 2000 characters (it has 2001)"),
        ({"title": "y" * 121}, "Keep the title to 120 characters (it has 121)"),
        ({"body": "Try this <script>alert(1)</script>"}, "Tips are plain text; remove the markup &lt;script&gt;"),
        ({"title": "<b>Bold</b> claim"}, "remove the markup &lt;b&gt;"),
    ],
)
def test_bad_tip_gets_a_clear_message_and_nothing_is_saved(client_for, rep, overrides, message):
    product, stage = ProductFactory(), BuyingStageFactory()
    response = client_for(rep).post(reverse("certify:tip_create"), _form(product, stage, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Tip.objects.exists()


def test_plain_text_with_angle_brackets_is_a_tip_stored_as_typed_and_shown_escaped(client_for, rep):
    product, stage = ProductFactory(), BuyingStageFactory()
    client = client_for(rep)
    body = "Price a < b > c, and say why before they ask."
    response = client.post(reverse("certify:tip_create"), _form(product, stage, title="When a < b > c", body=body))
    tip = Tip.objects.get()
    assert response.status_code == 302 and (tip.title, tip.body) == ("When a < b > c", body)
    page = client.get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()
    assert "Price a &lt; b &gt; c" in page and "When a &lt; b &gt; c" in page and "a < b" not in page


def test_a_tips_page_is_headed_by_its_title_once_and_lists_show_tips_under_their_own_heading(client_for, rep):
    tip = TipFactory(author=rep, title="Open with the last quarter's number")
    page = BeautifulSoup(client_for(rep).get(reverse("certify:tip_detail", args=[tip.pk])).content, "html.parser")
    assert [h1.get_text(strip=True) for h1 in page.find_all("h1")] == ["Open with the last quarter's number"]
    listing = BeautifulSoup(client_for(rep).get(reverse("certify:tip_list")).content, "html.parser")
    assert [h1.get_text(strip=True) for h1 in listing.find_all("h1")] == ["Tips from the field"]
    assert "Open with the last quarter's number" in [h3.get_text(strip=True) for h3 in listing.find_all("h3")]


def test_a_reply_with_angle_brackets_is_plain_text_too(rep, other_rep):
    tip = TipFactory(author=rep)
    assert tip_reply(author=other_rep, tip=tip, body="Yes, if 2 < 3 > 1").body == "Yes, if 2 < 3 > 1"
    with pytest.raises(ValidationError, match="remove the markup <b>"):
        tip_reply(author=other_rep, tip=tip, body="<b>Yes</b>")


def test_a_field_error_is_linked_to_its_input_with_its_help_text(client_for, rep):
    product, stage = ProductFactory(), BuyingStageFactory()
    response = client_for(rep).post(reverse("certify:tip_create"), _form(product, stage, title=""))
    content = response.content.decode()
    assert_error_linked(content, "id_title", "This field is required.")
    assert 'aria-describedby="id_title_helptext id_title_error"' in content
    assert 'id="id_title_helptext">One line: what to do' in content


def test_a_tip_form_without_errors_marks_no_input_invalid(client_for, rep):
    content = client_for(rep).get(reverse("certify:tip_create")).content.decode()
    assert 'aria-describedby="id_title_helptext"' in content
    assert "aria-invalid" not in content and "form-errors" not in content


def test_tip_body_formatting_is_escaped_then_applied():
    html = render_tip_body('Say **"no"** & *pause*\n- ask\n- listen\n<img src=x onerror=alert(1)>')
    assert '<strong>"no"</strong> &amp; <em>pause</em>' in html
    assert "<ul><li>ask</li><li>listen</li></ul>" in html
    assert "<img" not in html and "&lt;img" in html


def test_hidden_tip_is_seen_only_by_its_author_and_admins(client_for, rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep, hidden=True, hidden_reason="Names a customer.")
    url = reverse("certify:tip_detail", args=[tip.pk])
    assert client_for(other_rep).get(url).status_code == 404
    author_view = client_for(rep).get(url)
    assert author_view.status_code == 200 and b"Names a customer." in author_view.content
    assert client_for(enablement_admin).get(url).status_code == 200
    assert tip.title.encode() not in client_for(other_rep).get(reverse("certify:tip_list")).content


def test_one_helpful_mark_per_person(rep, other_rep):
    tip = TipFactory(author=rep)
    tip_mark_helpful(user=other_rep, tip=tip)
    with pytest.raises(DomainError, match="already marked"):
        tip_mark_helpful(user=other_rep, tip=tip)
    assert TipHelpfulMark.objects.count() == 1


def test_nobody_marks_their_own_tip_helpful(client_for, rep):
    tip = TipFactory(author=rep)
    response = client_for(rep).post(reverse("certify:tip_helpful", args=[tip.pk]), follow=True)
    assert b"can&#x27;t mark your own tip" in response.content
    assert not TipHelpfulMark.objects.exists()


def test_marking_helpful_from_the_list_returns_to_the_list(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    response = client_for(other_rep).post(reverse("certify:tip_helpful", args=[tip.pk]), {"next": "/tips/?sort=newest"})
    assert response.url == "/tips/?sort=newest"
    assert TipHelpfulMark.objects.filter(tip=tip, user=other_rep).exists()


def test_helpful_redirect_never_leaves_the_site(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    response = client_for(other_rep).post(reverse("certify:tip_helpful", args=[tip.pk]), {"next": "//evil.example.com/"})
    assert response.url == reverse("certify:tip_detail", args=[tip.pk])


def test_empty_tip_is_refused_by_the_service_too(rep):
    with pytest.raises(ValidationError, match="Write the tip itself"):
        tip_create(author=rep, title="Title", body="  ", product=ProductFactory(), stage=BuyingStageFactory())
    assert not Tip.objects.exists()


def test_replies_are_plain_text_and_short(rep, other_rep):
    tip = TipFactory(author=rep)
    tip_reply(author=other_rep, tip=tip, body="Tried it, worked.")
    for body in ("", "x" * 501, "<a href=x>link</a>"):
        with pytest.raises(ValidationError):
            tip_reply(author=other_rep, tip=tip, body=body)
    assert TipReply.objects.count() == 1


def test_hiding_needs_a_reason_and_an_enablement_admin(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    with pytest.raises(PermissionRefused):
        tip_hide(actor=other_rep, tip=tip, reason="Nope")
    with pytest.raises(ValidationError):
        tip_hide(actor=enablement_admin, tip=tip, reason=" ")
    tip.refresh_from_db()
    assert not tip.is_hidden
    tip_hide(actor=enablement_admin, tip=tip, reason="Shares pricing we do not publish.")
    tip.refresh_from_db()
    assert tip.is_hidden and tip.hidden_by == enablement_admin


def test_admin_verifies_a_tip_from_its_page(client_for, rep, enablement_admin):
    tip = TipFactory(author=rep)
    client_for(enablement_admin).post(reverse("certify:tip_moderate", args=[tip.pk]), {"action": "verify"})
    tip.refresh_from_db()
    assert tip.is_verified and tip.verified_by == enablement_admin


def test_reps_cannot_moderate(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    assert client_for(other_rep).post(reverse("certify:tip_moderate", args=[tip.pk]), {"action": "verify"}).status_code == 404
    with pytest.raises(PermissionRefused):
        tip_set_verified(actor=other_rep, tip=tip, verified=True)


def test_list_sorts_by_most_helpful_and_filters_verified(client_for, rep):
    product = ProductFactory()
    quiet = TipFactory(title="Quiet tip", product=product)
    loud = TipFactory(title="Loud tip", product=product, verified=True)
    HelpfulMarkFactory.create_batch(3, tip=loud)
    content = client_for(rep).get(reverse("certify:tip_list"), {"sort": "helpful"}).content.decode()
    assert content.index("Loud tip") < content.index("Quiet tip")
    verified = client_for(rep).get(reverse("certify:tip_list"), {"verified": "on"}).content.decode()
    assert "Loud tip" in verified and "Quiet tip" not in verified


def test_top_contributors_counts_helpful_marks_on_visible_tips_this_quarter(rep, other_rep):
    TipFactory(author=rep)
    HelpfulMarkFactory.create_batch(2, tip=TipFactory(author=other_rep))
    HelpfulMarkFactory.create_batch(5, tip=TipFactory(author=rep, hidden=True))
    leaders = top_contributors()
    assert [person.pk for person in leaders][:2] == [other_rep.pk, rep.pk]
    assert leaders[0].helpful_received == 2 and leaders[1].helpful_received == 0


def test_profile_shows_tips_and_helpful_marks_received(client_for, rep, other_rep):
    HelpfulMarkFactory.create_batch(2, tip=TipFactory(author=rep, title="Rep's visible tip"))
    TipFactory(author=rep, title="Rep's hidden tip", hidden=True)
    content = client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()
    assert "Rep&#x27;s visible tip" in content and "hidden tip" not in content
    assert '<span class="stat">2</span> helpful marks received' in content


def test_content_page_shows_its_tips(client_for, rep, hub):
    page = article(hub)
    TipFactory(title="Tied to the page", page=page)
    TipFactory(title="Somewhere else")
    content = client_for(rep).get(page.url).content.decode()
    assert "Tied to the page" in content and "Somewhere else" not in content


def test_site_search_finds_tips(client_for, rep, hub):
    TipFactory(title="Champion mapping in procurement", body="Find the real buyer.")
    content = client_for(rep).get(reverse("content:search"), {"q": "procurement"}).content.decode()
    assert "Champion mapping in procurement" in content


def test_tip_list_query_count_does_not_grow_with_tips(client_for, rep):
    client = client_for(rep)
    HelpfulMarkFactory(tip=TipFactory(), user=rep)
    client.get(reverse("certify:tip_list"))
    one = _queries(client, reverse("certify:tip_list"))
    for _ in range(19):
        tip = TipFactory(author=RepFactory())
        HelpfulMarkFactory(tip=tip, user=rep)
        tip_reply(author=rep, tip=tip, body="Thanks")
    assert _queries(client, reverse("certify:tip_list")) == one


def test_content_page_query_count_does_not_grow_with_its_tips(client_for, rep, hub):
    page = article(hub)
    client = client_for(rep)
    TipFactory(page=page)
    client.get(page.url)
    one = _queries(client, page.url)
    for _ in range(19):
        HelpfulMarkFactory(tip=TipFactory(page=page, author=RepFactory()))
    assert _queries(client, page.url) == one


def test_product_page_shows_its_content_and_tips(client_for, rep, hub):
    pulse, other = ProductFactory(name="Pulse", code="PULSE"), ProductFactory()
    article(hub, title="Pulse primer", products=[pulse])
    article(hub, title="Other primer", products=[other])
    TipFactory(title="Pulse tip", product=pulse)
    TipFactory(title="Other tip", product=other)
    content = client_for(rep).get(reverse("certify:product", args=["PULSE"])).content.decode()
    assert "Pulse primer" in content and "Pulse tip" in content
    assert "Other primer" not in content and "Other tip" not in content


def test_inactive_or_unknown_product_is_not_found(client_for, rep):
    ProductFactory(code="OLD", active=False)
    assert client_for(rep).get(reverse("certify:product", args=["OLD"])).status_code == 404
    assert client_for(rep).get(reverse("certify:product", args=["NOPE"])).status_code == 404


def test_product_page_query_count_does_not_grow(client_for, rep, hub):
    product = ProductFactory(code="GROW")
    article(hub, products=[product])
    TipFactory(product=product)
    client = client_for(rep)
    url = reverse("certify:product", args=["GROW"])
    client.get(url)
    one = _queries(client, url)
    for _ in range(19):
        article(hub, products=[product, ProductFactory()])
        HelpfulMarkFactory(tip=TipFactory(product=product, author=RepFactory()))
    assert _queries(client, url) == one


def test_reply_from_the_tip_page_appears_under_it(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    client = client_for(other_rep)
    response = client.post(reverse("certify:tip_reply", args=[tip.pk]), {"body": "Worked for me in retail."}, follow=True)
    assert b"Worked for me in retail." in response.content
    bad = client.post(reverse("certify:tip_reply", args=[tip.pk]), {"body": "<i>hi</i>"})
    assert bad.status_code == 400 and b"Replies are plain text" in bad.content
    assert TipReply.objects.count() == 1


def test_admin_tip_listing_shows_hidden_tips_with_a_link_to_moderate(client_for, enablement_admin, hub):
    tip = TipFactory(title="Hidden from reps", hidden=True)
    response = client_for(enablement_admin).get("/admin/snippets/certify/tip/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hidden from reps" in content
    assert reverse("certify:tip_detail", args=[tip.pk]) in content
    # View only: tips change through their own page, where a reason is recorded. Wagtail sends someone
    # without the change permission back to the dashboard.
    edit = client_for(enablement_admin).get(f"/admin/snippets/certify/tip/edit/{tip.pk}/")
    assert (edit.status_code, edit["Location"]) == (302, reverse("wagtailadmin_home"))


def test_profile_query_count_does_not_grow_with_tips(client_for, rep, other_rep):
    TipFactory(author=rep)
    client = client_for(other_rep)
    url = reverse("certify:person", args=[rep.pk])
    client.get(url)
    one = _queries(client, url)
    for _ in range(19):
        HelpfulMarkFactory(tip=TipFactory(author=rep))
    assert _queries(client, url) == one


def test_unknown_or_inactive_person_is_not_found(client_for, rep, other_rep):
    other_rep.is_active = False
    other_rep.save()
    assert client_for(rep).get(reverse("certify:person", args=[other_rep.pk])).status_code == 404
    assert client_for(rep).get(reverse("certify:person", args=[999999])).status_code == 404


# --- Lists in cards ---------------------------------------------------------------------------------------


LISTED = "Before the call:\n- ask for the export\n- load it into the sandbox\nThen:\n1. show their numbers\n2. ask who owns them"


def test_list_markup_renders_as_lists_in_cards_and_on_the_tip_page(client_for, rep, hub):
    tip = TipFactory(title="Lists stay lists", body=LISTED)
    client = client_for(rep)
    lists = "<ul><li>ask for the export</li><li>load it into the sandbox</li></ul>"
    numbered = "<ol><li>show their numbers</li><li>ask who owns them</li></ol>"
    card = client.get(reverse("certify:tip_list")).content.decode()
    assert lists in card and numbered in card
    assert lists in client.get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()
    assert lists in client.get(reverse("certify:person", args=[tip.author_id])).content.decode()


def test_a_long_tip_is_cut_in_its_card_at_a_word_keeping_lists_and_escaping():
    body = "Open with <their> numbers.\n- " + "ask about the forecast " * 12 + "\n- never shown"
    html = render_tip_excerpt(body)
    assert html.startswith("<p>Open with &lt;their&gt; numbers.</p><ul><li>ask about the forecast")
    assert html.endswith("…</li></ul>") and "never shown" not in html and "<their>" not in html
    assert len(html) < 260


def test_a_cut_through_bold_leaves_no_stray_marks():
    html = render_tip_excerpt("Say **" + "word " * 50 + "** then stop.")
    assert "**" not in html and "…" in html
