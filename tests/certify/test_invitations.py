import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import InvitationInvalid, PermissionRefused
from certify.models import Invitation, Role, User
from certify.services import invitation_accept, invitation_send
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Blue-harbour-lantern-42"


def _link_in(message):
    return re.search(r"http://testserver(/invite/[^\s\"]+/)", message.body).group(1)


def test_admin_adding_a_person_in_the_admin_sends_an_invitation(client_for, enablement_admin, django_capture_on_commit_callbacks):
    client = client_for(enablement_admin)
    rep_group_id = str(__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.get(name="Rep").pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailusers_users:add"),
            {"email": "new.rep@example.com", "first_name": "Nia", "last_name": "Reyes", "groups": [rep_group_id]},
        )
    assert response.status_code == 302, response.content[:2000]
    person = User.objects.get(email="new.rep@example.com")
    assert person.roles == {Role.REP}
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.rep@example.com"]
    assert "/invite/" in mail.outbox[0].body


def test_invitation_link_sets_the_password_verifies_the_email_and_signs_in(client, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(email="invitee@example.com", verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    link = _link_in(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert b"invitee@example.com" in page.content

    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("certify:home")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert EmailAddress.objects.get(user=person).verified
    assert client.get(reverse("certify:home")).status_code == 200
    assert Invitation.objects.get(user=person).accepted_at is not None


def test_invitation_link_cannot_be_used_twice(client, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    link = _link_in(mail.outbox[0])
    client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    assert b"already been used" in response.content


def test_a_new_invitation_replaces_the_old_link(client, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    old_link, new_link = _link_in(mail.outbox[0]), _link_in(mail.outbox[1])
    response = client.post(old_link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert b"replaced by a newer one" in response.content
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert client.get(new_link).status_code == 200


def test_expired_invitation_is_refused_and_changes_nothing(client, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(actor=enablement_admin, user=person)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(_link_in(mail.outbox[0]), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert b"expired" in response.content
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_tampered_invitation_link_is_refused(client):
    response = client.get("/invite/not-a-real-token/")
    assert response.status_code == 410
    assert b"not valid" in response.content


@pytest.mark.parametrize(
    "password1, password2, message",
    [
        (NEW_PASSWORD, "something-else-entirely", b"The two passwords are not the same."),
        ("short", "short", b"This password is too short."),
        ("", "", b"This field is required."),
    ],
)
def test_bad_password_on_invitation_says_why_and_changes_nothing(
    client, enablement_admin, django_capture_on_commit_callbacks, password1, password2, message
):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    response = client.post(_link_in(mail.outbox[0]), {"password1": password1, "password2": password2})
    assert response.status_code == 200
    assert message in response.content
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert Invitation.objects.get(user=person).accepted_at is None


def test_only_enablement_admins_can_invite(rep, other_rep):
    with pytest.raises(PermissionRefused):
        invitation_send(actor=rep, user=other_rep)
    assert not Invitation.objects.exists()


def test_people_who_already_joined_are_not_invited_again(enablement_admin, rep):
    rep.last_login = timezone.now()
    rep.save()
    with pytest.raises(InvitationInvalid):
        invitation_send(actor=enablement_admin, user=rep)


def test_accepting_twice_in_the_service_is_refused(enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    token = _link_in(mail.outbox[0]).split("/")[2]
    invitation_accept(token=token, password=NEW_PASSWORD)
    with pytest.raises(InvitationInvalid):
        invitation_accept(token=token, password="Another-strong-password-9")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_admin_can_resend_an_invitation_from_the_people_list(client_for, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    client = client_for(enablement_admin)
    url = reverse("certify_admin:invitation_resend", args=[person.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [person.email]
