"""Issuing, revoking and checking personal access tokens (the REST API's and SCIM's credentials)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import APIToken

from ..exceptions import DomainError, PermissionRefused
from ..models import User
from ..models.api_tokens import TOKEN_LIFETIME_MAX_DAYS, TOKEN_NAME_MAX, ApiScope, ApiTokenGrant
from ..permissions import can_manage_api_tokens

SECRET_LENGTH_MAX = 100


def _token_clean(*, user, name: str, scopes, expires_at, now) -> tuple:
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the token a name that says what it is for.")
    if len(name) > TOKEN_NAME_MAX:
        raise DomainError(f"Keep the name to {TOKEN_NAME_MAX} characters.")
    if user is None or not user.is_active:
        raise DomainError("Choose an active person for the token to act as.")
    wanted = {str(scope) for scope in scopes or ()}
    unknown = wanted - set(ApiScope.values)
    if unknown:
        raise DomainError(f"Unknown scope: {', '.join(sorted(unknown))}.")
    if not wanted:
        raise DomainError("Choose at least one scope.")
    if expires_at is None:
        raise DomainError("Choose when the token expires.")
    if expires_at <= now:
        raise DomainError("The expiry must be in the future.")
    if expires_at > now + timedelta(days=TOKEN_LIFETIME_MAX_DAYS):
        raise DomainError(f"A token lasts at most {TOKEN_LIFETIME_MAX_DAYS} days.")
    return name, [value for value in ApiScope.values if value in wanted]


@transaction.atomic
def api_token_issue(*, actor: User, user: User, name: str, scopes, expires_at, now=None) -> tuple:
    """A new token acting as `user`. Returns (grant, secret): the secret is never stored and cannot be shown again."""
    if not can_manage_api_tokens(actor):
        raise PermissionRefused("Only enablement admins can issue API tokens.")
    now = now or timezone.now()
    name, scopes = _token_clean(user=user, name=name, scopes=scopes, expires_at=expires_at, now=now)
    token, secret = APIToken.create_token(user=user, name=name)
    grant = ApiTokenGrant.objects.create(token=token, scopes=scopes, expires_at=expires_at, created_by=actor)
    return grant, secret


@transaction.atomic
def api_token_revoke(*, actor: User, grant_id, now=None) -> ApiTokenGrant:
    """Stop a token working, at once. Its record (and its last use) stays."""
    if not can_manage_api_tokens(actor):
        raise PermissionRefused("Only enablement admins can revoke API tokens.")
    grant = ApiTokenGrant.objects.select_for_update().select_related("token").filter(pk=grant_id).first()
    if grant is None:
        raise DomainError("No such token.")
    if grant.token.revoked_at is None:
        APIToken.objects.filter(pk=grant.token_id).update(revoked_at=now or timezone.now())
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_by"])
        grant.token.refresh_from_db()
    return grant


def api_token_authenticate(secret: str, *, now=None) -> ApiTokenGrant | None:
    """The usable grant this secret belongs to (token not revoked, grant not expired, person active), or None.

    Records the token's last use, at most once per WAGTAILAPI_TOKEN_LAST_USED_INTERVAL seconds (a minute by default),
    so a busy integration does not write on every request.
    """
    if not secret or len(secret) > SECRET_LENGTH_MAX or not APIToken.validate_token_format(secret):
        return None
    now = now or timezone.now()
    grant = (
        ApiTokenGrant.objects.select_related("token__user")
        .filter(
            token__key_hash__in=APIToken.candidate_key_hashes(secret), token__revoked_at__isnull=True,
            expires_at__gt=now, token__user__is_active=True,
        )  # fmt: skip
        .first()
    )
    if grant is None:
        return None
    interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
    token = grant.token
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= interval:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return grant
