"""What a personal access token may do: its scopes and its expiry.

The token itself is Wagtail's `APIToken` (only an HMAC digest of the secret is stored; the secret is shown once, when
issued; revoking and last use are recorded there). Each token Certifiable issues has a grant beside it: a token
without one is refused everywhere. The token acts as its person and sees exactly what they see, within its scopes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_NAME_MAX = 100
TOKEN_LIFETIME_MAX_DAYS = 366


class ApiScope(models.TextChoices):
    PEOPLE_READ = "people:read", "People: read"
    TEAMS_READ = "teams:read", "Teams: read"
    CERTIFICATIONS_READ = "certifications:read", "Certifications and levels: read"
    ASSIGNMENTS_READ = "assignments:read", "Assignments: read"
    ASSIGNMENTS_WRITE = "assignments:write", "Assignments: write"
    AWARDS_READ = "awards:read", "Awards: read"
    TIERS_READ = "tiers:read", "Tiers and tier changes: read"
    EVALUATIONS_READ = "evaluations:read", "Released evaluation summaries: read"
    DEALS_READ = "deals:read", "Deals: read"
    DEALS_WRITE = "deals:write", "Deals: write"
    SCIM = "scim", "SCIM provisioning (people and groups)"


class ApiTokenGrant(models.Model):
    token = models.OneToOneField("wagtailcore.APIToken", on_delete=models.CASCADE, related_name="grant")
    scopes = models.JSONField(default=list, help_text="Values of ApiScope.")
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-token__created", "-pk"]

    def __str__(self):
        return str(self.token)

    def has_scope(self, scope) -> bool:
        return str(scope) in self.scopes

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.token.revoked_at is None and self.expires_at > now and self.token.user.is_active

    def scope_labels(self) -> list:
        return [label for value, label in ApiScope.choices if value in self.scopes]
