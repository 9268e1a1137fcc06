"""Tips flagged for moderation: reps flag someone else's tip, admins see flagged tips first and resolve the flags;
who may edit, delete and flag; the tip lists' query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import DomainError, PermissionRefused
from certify.models import TipFlag, TipFlagOutcome, TipFlagReason
from certify.permissions import can_delete_tip, can_edit_tip, can_flag_tip
from certify.services import tip_delete, tip_edit, tip_flag, tip_flags_resolve, tip_hide
from tests.factories.certify import RepFactory
from tests.factories.tips import TipFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

ADMIN_TIPS = "/admin/snippets/certify/tip/"
NEW_BODY = "Ask for the forecast review first, then demo only what they flagged in it."
LISTED = "Before the call:\n- ask for the export\n- load it into the sandbox\nThen:\n1. show their numbers\n2. ask who owns them"


# --- Flag -------------------------------------------------------------------------------------------


def test_rep_flags_someone_elses_tip_with_a_reason_and_is_told_it_was_sent(
    client_for, rep, other_rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    tip = TipFactory(author=rep, title="Share the customer's contract")
    client = client_for(other_rep)
    form = client.get(reverse("certify:tip_flag", args=[tip.pk])).content.decode()
    assert "Confidential customer information" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certify:tip_flag", args=[tip.pk]), {"reason": "confidential", "note": "Names Carrow Freight's terms."},
            follow=True,
        )  # fmt: skip
    assert "Your flag was sent to enablement" in response.content.decode()
    assert "You flagged this tip." in response.content.decode()
    flag = TipFlag.objects.get()
    assert (flag.tip, flag.flagged_by, flag.reason, flag.note) == (tip, other_rep, "confidential", "Names Carrow Freight's terms.")
    [email] = mailoutbox
    assert email.to == [enablement_admin.email] and "Share the customer's contract" in email.subject
    assert "Confidential customer information" in email.body and "Names Carrow Freight's terms." in email.body
    assert reverse("certify:tip_detail", args=[tip.pk]) in email.body


def test_one_open_flag_per_person_per_tip(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.INACCURATE)
    with pytest.raises(DomainError, match="already flagged"):
        tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.OFF_TOPIC)
    assert TipFlag.objects.count() == 1
    tip_flag(actor=RepFactory(), tip=tip, reason=TipFlagReason.OFF_TOPIC)  # someone else may
    tip_flags_resolve(actor=enablement_admin, tip=tip)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.INACCURATE)  # once resolved, again
    assert TipFlag.objects.filter(flagged_by=other_rep).count() == 2


def test_a_second_flag_from_the_page_says_it_was_already_sent(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.INACCURATE)
    response = client_for(other_rep).post(reverse("certify:tip_flag", args=[tip.pk]), {"reason": "other", "note": "x"}, follow=True)
    assert "You have already flagged this tip" in response.content.decode()
    assert TipFlag.objects.count() == 1


def test_nobody_flags_their_own_tip(client_for, rep):
    tip = TipFactory(author=rep)
    assert client_for(rep).get(reverse("certify:tip_flag", args=[tip.pk])).status_code == 404
    with pytest.raises(PermissionRefused):
        tip_flag(actor=rep, tip=tip, reason=TipFlagReason.INACCURATE)
    assert not TipFlag.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "This field is required."),
        ({"reason": "spam"}, "Select a valid choice."),
        ({"reason": "other"}, "Say in a few words what is wrong with the tip."),
        ({"reason": "inaccurate", "note": "x" * 501}, "Keep the note to 500 characters (it has 501)."),
        ({"reason": "inaccurate", "note": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_flag_needs_a_known_reason_and_a_bounded_note_else_nothing_is_sent(client_for, rep, other_rep, mailoutbox, data, message):
    tip = TipFactory(author=rep)
    response = client_for(other_rep).post(reverse("certify:tip_flag", args=[tip.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert 'class="form-errors"' in response.content.decode()
    assert not TipFlag.objects.exists() and not mailoutbox


def test_flagged_first_in_the_admin_list_with_the_number_of_open_flags_and_reasons(client_for, rep, enablement_admin, hub):
    TipFactory(title="Newest and unflagged")
    once = TipFactory(title="Flagged once", created_at=timezone.now() - timezone.timedelta(days=3))
    twice = TipFactory(title="Flagged twice", created_at=timezone.now() - timezone.timedelta(days=9))
    settled = TipFactory(title="Flag resolved", created_at=timezone.now() - timezone.timedelta(days=1))
    tip_flag(actor=rep, tip=once, reason=TipFlagReason.OFF_TOPIC)
    tip_flag(actor=rep, tip=twice, reason=TipFlagReason.INACCURATE)
    tip_flag(actor=RepFactory(), tip=twice, reason=TipFlagReason.DISRESPECTFUL)
    tip_flag(actor=rep, tip=settled, reason=TipFlagReason.OTHER, note="Duplicate of another tip.")
    tip_flags_resolve(actor=enablement_admin, tip=settled)
    content = client_for(enablement_admin).get(ADMIN_TIPS).content.decode()
    order = [content.index(title) for title in ("Flagged twice", "Flagged once", "Flag resolved", "Newest and unflagged")]
    assert order[:2] == sorted(order[:2]) and max(order[:2]) < min(order[2:])
    assert "<strong>2</strong>: Disrespectful, Inaccurate or out of date" in content
    assert "<strong>1</strong>: Off-topic" in content


def test_resolve_records_who_and_when_and_keeps_the_tip(client_for, rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.INACCURATE, note="Old price list.")
    client = client_for(enablement_admin)
    page = client.get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()
    assert "1 open flag" in page and "Old price list." in page
    before = timezone.now()
    response = client.post(reverse("certify:tip_moderate", args=[tip.pk]), {"action": "resolve"}, follow=True)
    assert "Flags resolved; the tip stays as it is." in response.content.decode()
    flag = TipFlag.objects.get()
    assert (flag.resolved_by, flag.outcome) == (enablement_admin, TipFlagOutcome.KEPT) and flag.resolved_at >= before
    tip.refresh_from_db()
    assert not tip.is_hidden and not tip.is_deleted
    with pytest.raises(DomainError, match="no open flags"):
        tip_flags_resolve(actor=enablement_admin, tip=tip)


def test_hiding_a_flagged_tip_resolves_its_flags_as_hidden(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.CONFIDENTIAL)
    tip_hide(actor=enablement_admin, tip=tip, reason="Names a customer's terms.")
    flag = TipFlag.objects.get()
    assert (flag.outcome, flag.resolved_by) == (TipFlagOutcome.HIDDEN, enablement_admin) and flag.resolved_at


def test_reps_cannot_resolve_flags_nor_see_them(client_for, rep, other_rep):
    tip = TipFactory(author=rep)
    tip_flag(actor=other_rep, tip=tip, reason=TipFlagReason.INACCURATE, note="Old price list.")
    with pytest.raises(PermissionRefused):
        tip_flags_resolve(actor=other_rep, tip=tip)
    assert client_for(other_rep).post(reverse("certify:tip_moderate", args=[tip.pk]), {"action": "resolve"}).status_code == 404
    assert "Old price list." not in client_for(rep).get(reverse("certify:tip_detail", args=[tip.pk])).content.decode()
    assert TipFlag.objects.get().is_open


# --- Who may: each predicate allows and denies -----------------------------------------------------------


def test_can_edit_tip_allows_its_author_only(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    assert can_edit_tip(rep, tip)
    assert not can_edit_tip(other_rep, tip) and not can_edit_tip(enablement_admin, tip)


def test_can_delete_tip_allows_its_author_and_moderators(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    assert can_delete_tip(rep, tip) and can_delete_tip(enablement_admin, tip)
    assert not can_delete_tip(other_rep, tip)
    tip_delete(actor=rep, tip=tip)
    tip.refresh_from_db()
    assert not can_delete_tip(rep, tip) and not can_edit_tip(rep, tip)


def test_can_flag_tip_allows_others_on_a_tip_reps_can_see(rep, other_rep, enablement_admin):
    tip = TipFactory(author=rep)
    assert can_flag_tip(other_rep, tip)
    assert not can_flag_tip(rep, tip)
    tip_hide(actor=enablement_admin, tip=tip, reason="Off topic.")
    tip.refresh_from_db()
    assert not can_flag_tip(other_rep, tip)


# --- Queries -------------------------------------------------------------------------------------------


def test_tip_list_query_count_constant_with_more_tips_flags_and_edits(client_for, rep):
    client = client_for(rep)
    url = reverse("certify:tip_list")
    TipFactory(body=LISTED)
    client.get(url)
    one = queries_for(client, url)
    for _ in range(19):
        tip = TipFactory(author=RepFactory(), body=LISTED)
        tip_flag(actor=rep, tip=tip, reason=TipFlagReason.INACCURATE)
        tip_edit(actor=tip.author, tip=tip, title=tip.title, body=NEW_BODY)
        tip_delete(actor=tip.author, tip=TipFactory(author=tip.author))
    assert queries_for(client, url) == one


def test_admin_tip_list_query_count_constant_with_more_tips_and_flags(client_for, rep, enablement_admin, hub):
    client = client_for(enablement_admin)
    TipFactory()
    client.get(ADMIN_TIPS)
    one = queries_for(client, ADMIN_TIPS)
    for _ in range(19):
        tip = TipFactory(author=RepFactory())
        tip_flag(actor=rep, tip=tip, reason=TipFlagReason.INACCURATE)
        tip_flag(actor=RepFactory(), tip=tip, reason=TipFlagReason.OTHER, note="Duplicate.")
        tip_delete(actor=tip.author, tip=TipFactory(author=tip.author))
    # The same queries: the session and user, the tips counted and listed, their open flags with who raised them
    # (one prefetch), and the admin's own menus.
    assert queries_for(client, ADMIN_TIPS) == one
