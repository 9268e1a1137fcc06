"""Every notice lands in its reader's notification list (the bell), and reaches them by email at once, in a daily
digest, or not at all, as they chose for its kind, else as the site's default says."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import certify
from certify.exceptions import DomainError
from certify.models import NoticeChannel, NoticeKind, Notification, NotificationDefault, NotificationPreference
from certify.schedules import SCHEDULES
from certify.services import (
    assignment_create,
    notice_link,
    notice_send,
    notification_defaults_set,
    notification_digests_send,
    notification_preferences_set,
)
from tests.factories.certify import CertificationFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

LIST, SETTINGS = reverse("certify:notifications"), reverse("certify:notification_settings")


def _notice(person, *, kind=NoticeKind.RESULT, subject="Your result is ready", path="/evaluations/7/"):
    return notice_send(
        to=person.email, reader=person, subject=subject, template="certify/emails/evaluation_result.txt", kind=kind,
        context={"evaluation": {"performer": {"first_name": person.first_name}, "subject": "Acme"},
                 "url": settings.SITE_URL + path},
    )  # fmt: skip


def test_a_notice_lands_in_its_readers_list_with_where_to_act_and_is_emailed_by_default(rep):
    assert _notice(rep) == 1
    [item] = Notification.objects.filter(user=rep)
    assert (item.kind, item.subject, item.link, item.read_at, item.digest_due) == (
        "result", "Your result is ready", "/evaluations/7/", None, False,
    )  # fmt: skip
    assert item.emailed_at is not None and [message.to for message in mail.outbox] == [[rep.email]]


@pytest.mark.parametrize(
    "url, link",
    [
        ("/path/", "/path/"),
        ("https://evil.example/steal/", ""),
        ("//evil.example/x", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_a_notification_only_ever_leads_to_a_page_of_this_site(url, link):
    assert notice_link(url) == link
    assert notice_link(settings.SITE_URL + "/learn/?q=1") == "/learn/?q=1"


def test_an_invitation_goes_by_email_only_and_never_into_a_list(rep):
    notice_send(
        to=rep.email, reader=rep, subject="Join Certifiable", template="certify/emails/invitation.txt",
        html_template="certify/emails/invitation.html", kind=NoticeKind.INVITATION,
        context={"user": rep, "accept_url": "http://x/invite/t/"},
    )  # fmt: skip
    assert len(mail.outbox) == 1 and not Notification.objects.exists()


def test_a_person_who_takes_a_kind_in_the_product_only_gets_no_email_for_it(rep):
    NotificationPreference.objects.create(user=rep, kind=NoticeKind.RESULT, channel=NoticeChannel.PRODUCT)
    assert _notice(rep) == 0
    assert mail.outbox == [] and Notification.objects.filter(user=rep, emailed_at=None, digest_due=False).count() == 1
    assert _notice(rep, kind=NoticeKind.NUDGE) == 1  # another kind still by email


def test_the_sites_default_applies_until_the_person_chooses_for_themselves(rep):
    NotificationDefault.objects.create(kind=NoticeKind.RESULT, channel=NoticeChannel.DIGEST)
    assert _notice(rep) == 0 and Notification.objects.get().digest_due
    NotificationPreference.objects.create(user=rep, kind=NoticeKind.RESULT, channel=NoticeChannel.EMAIL)
    assert _notice(rep) == 1


def test_the_daily_digest_sends_each_person_one_email_with_everything_waiting_and_never_twice(rep, other_rep):
    for person in (rep, other_rep):
        NotificationPreference.objects.create(user=person, kind=NoticeKind.RESULT, channel=NoticeChannel.DIGEST)
    _notice(rep, subject="First result", path="/a/")
    _notice(rep, subject="Second result", path="/b/")
    _notice(other_rep, subject="Their result")
    assert mail.outbox == []
    assert notification_digests_send() == 2
    mine = next(message for message in mail.outbox if message.to == [rep.email])
    assert mine.subject == "Certifiable: 2 new notices"
    assert mine.body.index("Second result") < mine.body.index("First result")  # newest first
    assert f"{settings.SITE_URL}/a/" in mine.body and f"{settings.SITE_URL}/notifications/settings/" in mine.body
    assert notification_digests_send() == 0 and len(mail.outbox) == 2  # a second run finds nothing waiting
    assert not Notification.objects.filter(digest_due=True).exists()


def test_the_digest_runs_daily_on_a_schedule():
    assert ("certify.tasks.notification_digests_send", "daily") in [(func, every) for _name, func, every in SCHEDULES]


def test_a_real_event_lands_in_the_list_an_assignment_to_a_team_for_each_member(enablement_admin, team, rep, django_capture_on_commit_callbacks):
    level = CertificationFactory(title="Pulse").levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(actor=enablement_admin, level=level, teams=[team], due_date=timezone.localdate() + timedelta(days=20))
    [item] = Notification.objects.filter(user=rep)
    assert item.kind == NoticeKind.ASSIGNMENT and item.link == "/certifications/" + level.certification.slug + "/"


def test_every_notice_the_platform_sends_names_its_kind():
    package = Path(certify.__file__).parent
    calls = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "notice_send":
                calls.append((str(path.relative_to(package)), node.lineno, any(k.arg == "kind" for k in node.keywords)))
    assert len(calls) >= 14 and [call for call in calls if not call[2]] == []


# --- The bell and the list --------------------------------------------------------------------------------------


def test_the_bell_counts_unread_notifications_and_the_list_shows_them_newest_first(client_for, rep, other_rep):
    _notice(rep, subject="Older")
    _notice(rep, subject="Newer")
    _notice(other_rep, subject="Not yours")
    page = client_for(rep).get(LIST)
    html = page.content.decode()
    assert '<span class="nav-count bell-count">2<span class="visually-hidden"> unread</span></span>' in html
    assert [item.subject for item in page.context["page_obj"]] == ["Newer", "Older"]
    assert "Not yours" not in html


def test_opening_a_notification_marks_it_read_and_leads_where_to_act(client_for, rep):
    _notice(rep, path="/evaluations/7/")
    item = Notification.objects.get()
    response = client_for(rep).get(reverse("certify:notification_open", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == "/evaluations/7/"
    item.refresh_from_db()
    assert item.read_at is not None
    assert "bell-count" not in client_for(rep).get(LIST).content.decode()


def test_mark_one_read_and_mark_all_read(client_for, rep):
    for n in range(3):
        _notice(rep, subject=f"Notice {n}")
    client = client_for(rep)
    first = Notification.objects.order_by("pk").first()
    assert client.post(reverse("certify:notification_read", args=[first.pk]), {"next": LIST}).status_code == 302
    assert Notification.objects.filter(user=rep, read_at__isnull=True).count() == 2
    response = client.post(reverse("certify:notifications_read_all"), follow=True)
    assert "2 notifications marked read." in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found_and_stays_unread(client_for, rep, other_rep):
    _notice(other_rep)
    theirs = Notification.objects.get()
    client = client_for(rep)
    assert client.post(reverse("certify:notification_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("certify:notification_open", args=[theirs.pk])).status_code == 404
    client.post(reverse("certify:notifications_read_all"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_only_comes_back_to_a_page_of_the_list(client_for, rep):
    _notice(rep)
    item = Notification.objects.get()
    response = client_for(rep).post(reverse("certify:notification_read", args=[item.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == LIST


def test_the_list_and_the_bell_query_count_does_not_grow_with_notifications(client_for, rep):
    """Session, user, roles, the page's count and its rows, the bell's unread count: 6, for 1 or 40."""
    _notice(rep)
    client = client_for(rep)
    before = queries_for(client, LIST)
    for n in range(40):
        _notice(rep, subject=f"More {n}")
    assert queries_for(client, LIST) == before == 6
    assert len(client.get(LIST).context["page_obj"].object_list) == 25


def test_an_empty_list_says_what_will_appear(client_for, rep):
    assert "Nothing yet." in client_for(rep).get(LIST).content.decode()


# --- Choosing how notices reach you ---------------------------------------------------------------------------


def test_settings_offer_only_the_kinds_that_can_reach_the_person(client_for, rep, enablement_admin):
    rep_kinds = list(client_for(rep).get(SETTINGS).context["form"].fields)
    assert "assignment" in rep_kinds and "result" in rep_kinds
    assert "panel_to_choose" not in rep_kinds and "invitation" not in rep_kinds
    assert "panel_to_choose" in client_for(enablement_admin).get(SETTINGS).context["form"].fields


def test_saving_settings_keeps_each_choice_and_the_next_notice_follows_it(client_for, rep):
    client = client_for(rep)
    data = {name: field.initial for name, field in client.get(SETTINGS).context["form"].fields.items()}
    data["result"] = NoticeChannel.PRODUCT
    response = client.post(SETTINGS, data, follow=True)
    assert "Saved: each kind of notice now reaches you as you chose." in response.content.decode()
    assert NotificationPreference.objects.get(user=rep, kind="result").channel == "product"
    assert _notice(rep) == 0 and mail.outbox == []


def test_a_setting_outside_the_choices_is_refused_with_a_message_and_nothing_changes(client_for, rep):
    client = client_for(rep)
    data = {name: field.initial for name, field in client.get(SETTINGS).context["form"].fields.items()}
    data["result"] = "carrier-pigeon"
    page = client.post(SETTINGS, data)
    assert page.status_code == 200 and "Choose one of the ways offered." in page.content.decode()
    assert 'id="error-summary"' in page.content.decode() and not NotificationPreference.objects.exists()


def test_the_service_refuses_a_kind_that_cannot_reach_the_person(rep):
    with pytest.raises(DomainError):
        notification_preferences_set(actor=rep, channels={"panel_to_choose": NoticeChannel.PRODUCT})
    assert not NotificationPreference.objects.exists()


def test_enablement_admins_set_the_sites_defaults_and_nobody_else(client_for, enablement_admin, rep):
    url = reverse("certify_admin:notification_defaults")
    client = client_for(enablement_admin)
    data = {name: field.initial for name, field in client.get(url).context["form"].fields.items()}
    assert "invitation" not in data
    data["reminder_due"] = NoticeChannel.DIGEST
    assert client.post(url, data).status_code == 302
    assert NotificationDefault.objects.get(kind="reminder_due").channel == "digest"
    with pytest.raises(DomainError):
        notification_defaults_set(actor=rep, channels={"result": NoticeChannel.PRODUCT})
    assert client_for(rep).get(url).status_code in (302, 403)


def test_an_unknown_channel_in_the_defaults_form_is_refused_with_a_message_and_nothing_is_saved(client_for, enablement_admin):
    url = reverse("certify_admin:notification_defaults")
    client = client_for(enablement_admin)
    data = {name: field.initial for name, field in client.get(url).context["form"].fields.items()}
    data["reminder_due"] = "carrier-pigeon"
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"reminder_due": ["Choose one of the ways offered."]}
    assert "Choose one of the ways offered." in response.content.decode()
    del data["reminder_due"]
    assert client.post(url, data).context["form"].errors == {"reminder_due": ["Choose how this kind of notice reaches you."]}
    assert not NotificationDefault.objects.exists()


def test_a_level_awarded_lands_in_the_reps_list_and_comes_by_email_only_if_they_chose_it(rep, other_rep, django_capture_on_commit_callbacks):
    from certify.services import award_grant

    level = CertificationFactory(title="Pulse").levels.get(number=1)
    NotificationPreference.objects.create(user=other_rep, kind=NoticeKind.AWARD, channel=NoticeChannel.EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(user=rep, level=level)
        award_grant(user=other_rep, level=level)
    mine = Notification.objects.get(user=rep)
    assert (mine.kind, mine.subject, mine.link) == ("award", "You hold Pulse, level 1 — content mastery", "/credentials/")
    assert [message.to for message in mail.outbox] == [[other_rep.email]]  # the default for awards: the list only
