"""Personal access tokens: issued by enablement admins, stored hashed, shown once, bounded, revocable, expiring."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from certify.exceptions import DomainError, PermissionRefused
from certify.models import ApiScope
from certify.services import api_token_authenticate, api_token_issue, api_token_revoke

pytestmark = pytest.mark.django_db


def _issue(actor, user, **overrides):
    values = {"name": "CRM sync", "scopes": [ApiScope.PEOPLE_READ], "expires_at": timezone.now() + timedelta(days=30)}
    values.update(overrides)
    return api_token_issue(actor=actor, user=user, **values)


def test_a_token_is_stored_only_as_a_digest_and_its_secret_authenticates(enablement_admin, manager):
    grant, secret = _issue(enablement_admin, manager)
    stored = APIToken.objects.get(pk=grant.token_id)
    assert secret not in (stored.key_hash, stored.prefix, stored.name)
    assert len(stored.key_hash) == 64
    found = api_token_authenticate(secret)
    assert found.pk == grant.pk and found.token.user == manager
    assert found.scopes == ["people:read"]


def test_only_enablement_admins_issue_and_revoke_tokens(manager, rep):
    with pytest.raises(PermissionRefused):
        _issue(manager, manager)
    assert APIToken.objects.count() == 0


def test_a_token_without_a_name_scope_or_a_bounded_expiry_is_refused(enablement_admin, rep):
    now = timezone.now()
    for overrides, message in [
        ({"name": " "}, "Give the token a name"),
        ({"name": "x" * 101}, "100 characters"),
        ({"scopes": []}, "at least one scope"),
        ({"scopes": ["people:delete"]}, "Unknown scope: people:delete"),
        ({"expires_at": now - timedelta(minutes=1)}, "in the future"),
        ({"expires_at": now + timedelta(days=367)}, "at most 366 days"),
    ]:
        with pytest.raises(DomainError, match=message):
            _issue(enablement_admin, rep, **overrides)
    assert APIToken.objects.count() == 0


def test_a_revoked_expired_or_deactivated_token_no_longer_authenticates(enablement_admin, rep, manager, judge):
    revoked, revoked_secret = _issue(enablement_admin, rep)
    api_token_revoke(actor=enablement_admin, grant_id=revoked.pk)
    assert api_token_authenticate(revoked_secret) is None
    expiring, expiring_secret = _issue(enablement_admin, manager, expires_at=timezone.now() + timedelta(hours=1))
    assert api_token_authenticate(expiring_secret, now=timezone.now() + timedelta(hours=2)) is None
    _, judge_secret = _issue(enablement_admin, judge)
    judge.is_active = False
    judge.save()
    assert api_token_authenticate(judge_secret) is None
    assert api_token_authenticate("wagtail_notatoken") is None
    assert api_token_authenticate("") is None


def test_last_use_is_recorded_at_most_once_a_minute(enablement_admin, rep):
    grant, secret = _issue(enablement_admin, rep)
    first = timezone.now()
    api_token_authenticate(secret, now=first)
    api_token_authenticate(secret, now=first + timedelta(seconds=30))
    assert APIToken.objects.get(pk=grant.token_id).last_used_at == first
    later = first + timedelta(seconds=61)
    api_token_authenticate(secret, now=later)
    assert APIToken.objects.get(pk=grant.token_id).last_used_at == later
