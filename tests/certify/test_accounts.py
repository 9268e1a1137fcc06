import re

import pytest
from django.core import mail
from django.urls import reverse

from certify.models import Role
from tests.factories.certify import PASSWORD, EnablementAdminFactory, RepFactory

pytestmark = pytest.mark.django_db


def test_people_sign_in_with_their_email_address(client, hub):
    RepFactory(email="riley@example.com")
    response = client.post(reverse("account_login"), {"login": "Riley@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("certify:home")


def test_wrong_password_is_refused_with_a_clear_message(client):
    RepFactory(email="riley@example.com")
    response = client.post(reverse("account_login"), {"login": "riley@example.com", "password": "nope"})
    assert response.status_code == 200
    assert b"not correct" in response.content


def test_there_is_no_open_sign_up(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "stranger@example.com", "password1": "Some-long-pass-77", "password2": "Some-long-pass-77"},
    )
    assert b"Sign Up Closed" in response.content or b"closed" in response.content.lower()
    from certify.models import User

    assert not User.objects.filter(email="stranger@example.com").exists()


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    person = RepFactory(email="forgetful@example.com")
    client.post(reverse("account_reset_password"), {"email": "forgetful@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "Completely-new-pass-31", "password2": "Completely-new-pass-31"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Completely-new-pass-31")


def test_adding_an_email_address_sends_a_verification_email(client_for, rep):
    client = client_for(rep)
    client.post(reverse("account_email"), {"email": "second@example.com", "action_add": ""})
    assert any("second@example.com" in message.to for message in mail.outbox)
    assert rep.emailaddress_set.get(email="second@example.com").verified is False


def test_enablement_admin_without_an_authenticator_is_sent_to_set_one_up(client_for, hub):
    admin = EnablementAdminFactory(totp=False)
    response = client_for(admin).get(reverse("certify:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_enablement_admin_with_an_authenticator_reaches_home(client_for, enablement_admin, hub):
    assert client_for(enablement_admin).get(reverse("certify:home")).status_code == 200


def test_reps_are_not_required_to_use_two_factor(client_for, rep, hub):
    assert client_for(rep).get(reverse("certify:home")).status_code == 200


def test_enablement_admin_signing_in_with_a_password_is_asked_for_the_code(client):
    EnablementAdminFactory(email="boss@example.com")
    response = client.post(reverse("account_login"), {"login": "boss@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")


def test_roles_come_from_groups(rep, enablement_admin):
    assert rep.roles == {Role.REP}
    assert rep.is_rep and not rep.is_enablement_admin
    assert enablement_admin.is_enablement_admin


def test_role_groups_exist_after_migrate_and_admins_may_author_pages(hub):
    from django.contrib.auth.models import Group
    from django.core.management.sql import emit_post_migrate_signal
    from wagtail.models import GroupPagePermission

    Group.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what every migrate ends with

    assert set(Group.objects.values_list("name", flat=True)) >= {role.label for role in Role}
    admins = Group.objects.get(name=Role.ENABLEMENT_ADMIN.label)
    assert admins.permissions.filter(codename="access_admin").exists()
    assert admins.permissions.filter(codename="add_team").exists()
    assert GroupPagePermission.objects.filter(group=admins, permission__codename="publish_page").exists()
    assert not Group.objects.get(name=Role.REP.label).permissions.exists()


def test_sign_in_page_offers_no_sign_up(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("account_signup") not in page
    assert "sign up" not in page.lower()
    assert reverse("account_reset_password") in page
