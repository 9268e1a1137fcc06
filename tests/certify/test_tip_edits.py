"""Tips after they are shared: their authors edit them (moderators read the history) and delete them; a title and
text have minimum lengths."""

from datetime import UTC

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import DomainError, PermissionRefused
from certify.models import Tip, TipFlag, TipFlagOutcome, TipFlagReason, TipReply, TipRevision
from certify.selectors import top_contributors
from certify.services import (
    tip_create,
    tip_delete,
    tip_edit,
    tip_flag,
    tip_hide,
    tip_reply,
    tip_reply_edit,
)
from tests.factories.content import BuyingStageFactory, ProductFactory, article
from tests.factories.tips import HelpfulMarkFactory, TipFactory

pytestmark = pytest.mark.django_db

ADMIN_TIPS = "/admin/snippets/certify/tip/"
NEW_BODY = "Ask for the forecast review first, then demo only what they flagged in it."


def _inspect(tip):
    return f"{ADMIN_TIPS}inspect/{tip.pk}/"


# --- Edit -------------------------------------------------------------------------------------------


def test_edit_by_author_changes_the_tip_and_the_page_and_cards_show_edited(client_for, rep):
    tip = TipFactory(author=rep, title="Ask about the forecast")
    client = client_for(rep)
    response = client.post(reverse("certify:tip_edit", args=[tip.pk]), {"title": "Ask for the forecast review", "body": NEW_BODY})
    assert response.status_code == 302 and response.url == reverse("certify:tip_detail", args=[tip.pk])
    tip.refresh_from_db()
    assert (tip.title, tip.body) == ("Ask for the forecast review", NEW_BODY) and tip.edited_at is not None
    page = client.get(response.url).content.decode()
    stamp = f'edited <time datetime="{tip.edited_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"'
    assert stamp in page and "Your tip is updated." in page
    assert stamp in client.get(reverse("certify:tip_list")).content.decode()


def test_a_tip_never_edited_shows_no_edited_marker(client_for, rep):
    tip = TipFactory(author=rep)
    assert "edited <time" not in client_for(rep).get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()


@pytest.mark.parametrize("who", ["other_rep", "enablement_admin"])
def test_edit_by_author_only_anyone_else_finds_nothing_and_nothing_changes(request, client_for, rep, who):
    person = request.getfixturevalue(who)
    tip = TipFactory(author=rep, title="Ask about the forecast")
    client = client_for(person)
    url = reverse("certify:tip_edit", args=[tip.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Taken over by someone", "body": NEW_BODY}).status_code == 404
    with pytest.raises(PermissionRefused):
        tip_edit(actor=person, tip=tip, title="Taken over by someone", body=NEW_BODY)
    tip.refresh_from_db()
    assert tip.title == "Ask about the forecast" and tip.edited_at is None and not TipRevision.objects.exists()


def test_the_tip_page_offers_edit_and_delete_to_its_author_and_flag_to_others(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    url = reverse("certify:tip_detail", args=[tip.pk])
    own = client_for(rep).get(url).content.decode()
    assert reverse("certify:tip_edit", args=[tip.pk]) in own and reverse("certify:tip_delete", args=[tip.pk]) in own
    assert reverse("certify:tip_flag", args=[tip.pk]) not in own
    other = client_for(other_rep).get(url).content.decode()
    assert reverse("certify:tip_edit", args=[tip.pk]) not in other and reverse("certify:tip_delete", args=[tip.pk]) not in other
    assert reverse("certify:tip_flag", args=[tip.pk]) in other


def test_each_edit_keeps_the_version_it_replaced_as_history(rep):
    tip = TipFactory(author=rep, title="First title here", body="First version of the text, long enough to count.")
    created = tip.created_at
    tip_edit(actor=rep, tip=tip, title="Second title here", body=NEW_BODY)
    first_edit = Tip.objects.get(pk=tip.pk).edited_at
    tip_edit(actor=rep, tip=tip, title="Third title here", body=NEW_BODY)
    older, newer = TipRevision.objects.order_by("replaced_at", "pk")
    assert (older.title, older.body, older.written_at, older.replaced_by) == (
        "First title here", "First version of the text, long enough to count.", created, rep,
    )  # fmt: skip
    assert (newer.title, newer.body, newer.written_at) == ("Second title here", NEW_BODY, first_edit)
    assert Tip.objects.get(pk=tip.pk).title == "Third title here"


def test_an_edit_that_changes_nothing_is_refused_and_records_nothing(client_for, rep):
    tip = TipFactory(author=rep, body=NEW_BODY)
    response = client_for(rep).post(reverse("certify:tip_edit", args=[tip.pk]), {"title": tip.title, "body": f"  {NEW_BODY}  "})
    assert response.status_code == 200 and "Nothing changed: the tip is as it was." in response.content.decode()
    tip.refresh_from_db()
    assert tip.edited_at is None and not TipRevision.objects.exists()


def test_history_kept_and_visible_to_moderators_only(client_for, rep, other_rep, enablement_admin, hub):
    tip = TipFactory(author=rep, title="The original title", body="The original wording that was later changed by its author.")
    tip_edit(actor=rep, tip=tip, title="The better title", body=NEW_BODY)
    admin_page = client_for(enablement_admin).get(_inspect(tip))
    assert admin_page.status_code == 200
    content = admin_page.content.decode()
    assert "The original wording that was later changed by its author." in content and "The original title" in content
    for person in (rep, other_rep):
        client = client_for(person)
        page = client.get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()
        assert "The original wording" not in page and "The original title" not in page
        assert client.get(_inspect(tip)).status_code in (302, 403)


def test_edit_by_author_of_a_reply_keeps_its_history_and_shows_edited(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    reply = tip_reply(author=other_rep, tip=tip, body="Worked for me in retail.")
    url = reverse("certify:tip_reply_edit", args=[tip.pk, reply.pk])
    assert client_for(rep).get(url).status_code == 404  # the tip's author does not edit someone else's reply
    client = client_for(other_rep)
    response = client.post(url, {"body": "Worked for me in retail and in logistics."})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Worked for me in retail and in logistics." and reply.edited_at is not None
    revision = TipRevision.objects.get()
    assert (revision.reply, revision.body, revision.title) == (reply, "Worked for me in retail.", "")
    page = client.get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()
    assert f'edited <time datetime="{reply.edited_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"' in page
    with pytest.raises(PermissionRefused):
        tip_reply_edit(actor=rep, reply=reply, body="Rewritten by someone else.")


def test_a_reply_edit_with_bad_input_gets_a_message_and_nothing_is_saved(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    reply = tip_reply(author=other_rep, tip=tip, body="Worked for me in retail.")
    response = client_for(other_rep).post(reverse("certify:tip_reply_edit", args=[tip.pk, reply.pk]), {"body": "<b>x</b>"})
    assert response.status_code == 200 and "Replies are plain text" in response.content.decode()
    reply.refresh_from_db()
    assert reply.body == "Worked for me in retail." and not TipRevision.objects.exists()


def test_a_reply_cannot_be_edited_once_its_tip_is_hidden(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    reply = tip_reply(author=other_rep, tip=tip, body="Worked for me in retail.")
    tip_hide(actor=enablement_admin, tip=tip, reason="Off topic.")
    with pytest.raises(DomainError, match="replies are closed"):
        tip_reply_edit(actor=other_rep, reply=reply, body="Changed my mind about it.")
    assert TipReply.objects.get().body == "Worked for me in retail."


# --- Delete -----------------------------------------------------------------------------------------


def test_delete_asks_to_confirm_first_and_changes_nothing_until_confirmed(client_for, rep):
    tip = TipFactory(author=rep)
    response = client_for(rep).post(reverse("certify:tip_delete", args=[tip.pk]))
    content = response.content.decode()
    assert response.status_code == 200 and "This cannot be undone." in content
    assert 'name="confirm" value="yes"' in content
    tip.refresh_from_db()
    assert not tip.is_deleted


def test_delete_by_author_after_confirming_keeps_the_record(client_for, rep):
    tip = TipFactory(author=rep)
    response = client_for(rep).post(reverse("certify:tip_delete", args=[tip.pk]), {"confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("certify:tip_list")
    assert "Your tip is deleted." in response.content.decode()
    tip.refresh_from_db()
    assert tip.is_deleted and tip.deleted_by == rep


@pytest.mark.parametrize("who", ["other_rep", "manager"])
def test_delete_of_someone_elses_tip_is_not_found_and_refused(request, client_for, rep, who):
    person = request.getfixturevalue(who)
    tip = TipFactory(author=rep)
    assert client_for(person).post(reverse("certify:tip_delete", args=[tip.pk]), {"confirm": "yes"}).status_code == 404
    with pytest.raises(PermissionRefused):
        tip_delete(actor=person, tip=tip)
    tip.refresh_from_db()
    assert not tip.is_deleted


def test_delete_gone_from_lists_search_counts_and_pages_404(client_for, rep, other_rep, enablement_admin, hub):
    product = ProductFactory(code="GONE")
    page = article(hub, products=[product])
    tip = TipFactory(author=rep, title="Procurement champion mapping", product=product, page=page)
    HelpfulMarkFactory(tip=tip, user=other_rep)
    tip_delete(actor=rep, tip=tip)
    for person in (other_rep, rep, enablement_admin):
        client = client_for(person)
        assert client.get(reverse("certify:tip_detail", args=[tip.pk])).status_code == 404
        for url, query in (
            (reverse("certify:tip_list"), {}),
            (reverse("certify:tip_list"), {"q": "procurement"}),
            (reverse("content:search"), {"q": "procurement"}),
            (reverse("certify:product", args=["GONE"]), {}),
            (reverse("certify:person", args=[rep.pk]), {}),
            (page.url, {}),
        ):
            response = client.get(url, query)
            assert response.status_code == 200 and "Procurement champion mapping" not in response.content.decode(), url
    listing = client_for(other_rep).get(reverse("certify:tip_list")).content.decode()
    assert "0 tips" in listing
    profile = client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()
    assert '<span class="stat">0</span> helpful marks received' in profile
    assert rep.pk not in [person.pk for person in top_contributors()]
    assert client_for(other_rep).post(reverse("certify:tip_flag", args=[tip.pk]), {"reason": "other"}).status_code == 404
    assert client_for(rep).get(reverse("certify:tip_edit", args=[tip.pk])).status_code == 404


def test_deleted_tip_kept_with_its_history_for_moderators_and_marked_deleted_in_the_admin(client_for, rep, enablement_admin, hub):
    tip = TipFactory(author=rep, title="Deleted but on record", body="The wording before its author edited it, kept.")
    tip_edit(actor=rep, tip=tip, title="Deleted but on record", body=NEW_BODY)
    tip_delete(actor=rep, tip=tip)
    client = client_for(enablement_admin)
    listing = client.get(ADMIN_TIPS).content.decode()
    assert "Deleted but on record" in listing and "Deleted</span>" in listing
    assert reverse("certify:tip_detail", args=[tip.pk]) not in listing
    inspect = client.get(_inspect(tip)).content.decode()
    assert "<strong>Deleted</strong>" in inspect and "The wording before its author edited it, kept." in inspect


def test_moderator_deletes_a_tip_and_its_open_flags_are_resolved_as_deleted(client_for, rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.CONFIDENTIAL)
    client_for(enablement_admin).post(reverse("certify:tip_delete", args=[tip.pk]), {"confirm": "yes"})
    tip.refresh_from_db()
    flag = TipFlag.objects.get()
    assert tip.deleted_by == enablement_admin
    assert (flag.outcome, flag.resolved_by) == (TipFlagOutcome.DELETED, enablement_admin) and flag.resolved_at


# --- Minimum lengths --------------------------------------------------------------------------------


def _form(product, stage, **overrides):
    data = {"title": "Ask for the forecast review", "body": NEW_BODY, "product": product.pk, "stage": stage.pk}
    return {**data, **overrides}


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": "Ask it"}, "Make the title at least 8 characters (it has 6)"),
        ({"title": "  Ask        it  "}, "Make the title at least 8 characters (it has 6)"),
        ({"body": "Ask early."}, "a tip needs at least 40 characters (it has 10)"),
        ({"body": "Ask\n\n\n\n          early.                                          "}, "(it has 10)"),
    ],
)
def test_minimum_lengths_refused_with_message_and_nothing_saved(client_for, rep, overrides, message):
    product, stage = ProductFactory(), BuyingStageFactory()
    response = client_for(rep).post(reverse("certify:tip_create"), _form(product, stage, **overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Tip.objects.exists()


def test_minimum_lengths_hold_for_edits_too_and_nothing_is_saved(client_for, rep):
    tip = TipFactory(author=rep)
    before = (tip.title, tip.body)
    response = client_for(rep).post(reverse("certify:tip_edit", args=[tip.pk]), {"title": tip.title, "body": "Too short."})
    assert response.status_code == 200 and "a tip needs at least 40 characters" in response.content.decode()
    tip.refresh_from_db()
    assert (tip.title, tip.body) == before and tip.edited_at is None and not TipRevision.objects.exists()


def test_minimum_lengths_are_checked_by_the_service_and_stated_in_the_form(client_for, rep):
    with pytest.raises(ValidationError) as error:
        tip_create(author=rep, title="Short", body="x " * 19, product=ProductFactory(), stage=BuyingStageFactory())
    assert set(error.value.message_dict) == {"title", "body"}
    assert not Tip.objects.exists()
    form = client_for(rep).get(reverse("certify:tip_create")).content.decode()
    assert "At least 8 and at most 120 characters" in form and "At least 40 and at most 2000 characters" in form
