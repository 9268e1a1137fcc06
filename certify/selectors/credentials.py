"""Reads for the credentials a rep carries outside the platform: the public verification of an award, the holder's
list of credentials, and each award as an Open Badges 3.0 credential (OpenBadgeCredential / AchievementCredential).

What leaves the platform here is what anyone may see: the holder's name, the certification and level, when it was
awarded, until when, and whether it is valid, expired or revoked (with the date, never the reason). Never a score,
an attempt or a failure.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..models import Award, IssuerSettings, LevelNumber

OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
STATUS_LIST_CONTEXT = ["https://www.w3.org/ns/credentials/v2"]
STATUS_PURPOSE = "revocation"
# A status list is at least this many entries long (16 KiB), so that no verifier learns much from its size.
STATUS_LIST_MIN_BITS = 131_072


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def verification_url(award: Award) -> str:
    return site_url(reverse("certify:verification", args=[award.verification_token]))


def issuer_id() -> str:
    return site_url(reverse("certify:credential_issuer"))


def jwks_url() -> str:
    return site_url(reverse("certify:credential_keys"))


def status_list_url() -> str:
    return site_url(reverse("certify:credential_status"))


def issuer() -> IssuerSettings:
    """The issuer's settings (name, website, logo): one query, the row created with its defaults on first use."""
    return IssuerSettings.load()


@dataclass(frozen=True)
class Verification:
    """What the public verification page says of one award."""

    holder: str
    certification: str
    level: str
    issued: datetime
    valid_until: datetime | None
    status: str  # "valid", "expired" or "revoked"
    revoked_on: datetime | None
    issuer: str
    url: str


def verification_for(*, token: str, now=None) -> Verification | None:
    """The verification of the award with this token, or None when no award has it or its holder has switched
    public verification off (the two look the same to the visitor). Two queries: the award, the issuer."""
    token = (token or "")[:64]
    award = (
        Award.objects.select_related("user", "level", "certification")
        .filter(verification_token=token, verification_public=True)
        .first()
    )
    if award is None:
        return None
    return Verification(
        holder=award.user.display_name,
        certification=award.certification.title,
        level=award.level.label,
        issued=award.awarded_at,
        valid_until=award.valid_until,
        status=award.status(now),
        revoked_on=award.revoked_at,
        issuer=issuer().name,
        url=verification_url(award),
    )


@dataclass
class CredentialRow:
    award: Award
    status: str
    verification_url: str
    linkedin_url: str


def my_credentials(*, user, now=None) -> list:
    """Every award the person has had, newest first, with its status and where to verify or share it.

    Two queries whatever the number of awards: the awards (with their levels and certifications), the issuer."""
    now = now or timezone.now()
    awards = list(
        Award.objects.filter(user=user)
        .select_related("level", "certification")
        .order_by("-awarded_at", "-pk")
    )
    name = issuer().name
    return [
        CredentialRow(
            award=award,
            status=award.status(now),
            verification_url=verification_url(award),
            linkedin_url=linkedin_add_url(award, issuer_name=name),
        )
        for award in awards
    ]


def linkedin_add_url(award: Award, *, issuer_name: str) -> str:
    """LinkedIn's "Add licence or certification" form, filled in with the award's fields."""
    issued = timezone.localtime(award.awarded_at)
    fields = {
        "startTask": "CERTIFICATION_NAME",
        "name": f"{award.certification.title} — {award.level.label}",
        "organizationName": issuer_name,
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": verification_url(award),
        "certId": award.verification_token,
    }
    if award.valid_until is not None:
        until = timezone.localtime(award.valid_until)
        fields.update(expirationYear=until.year, expirationMonth=until.month)
    return "https://www.linkedin.com/profile/add?" + urlencode(fields)


def timestamp(moment: datetime) -> str:
    """A date and time as the credentials write it: UTC, to the second, with a trailing Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile(settings_row: IssuerSettings | None = None) -> dict:
    """The issuer's Open Badges Profile, served at its own id."""
    row = settings_row or issuer()
    profile = {"id": issuer_id(), "type": ["Profile"], "name": row.name}
    if row.url:
        profile["url"] = row.url
    if row.email:
        profile["email"] = row.email
    if row.description:
        profile["description"] = row.description
    return profile


def _criteria(level) -> str:
    if level.number == LevelNumber.CONTENT and level.quiz_id:
        return f"Pass the {level.quiz.title} quiz with a score of {level.quiz.pass_mark}% or more."
    if level.number == LevelNumber.APPLICATION:
        return (
            "Meet the standard of the level's assessment guide in a simulated sale (a role-play or presentation) "
            "scored by a panel of judges."
        )
    if level.number == LevelNumber.FIELD:
        return (
            "Meet the standard of the level's field guide on a real customer call, observed and signed off by the "
            "rep's own sales manager."
        )
    return "Granted by the enablement team."


def _evidence(award: Award) -> dict:
    """The kind of assessment and its date: never a score."""
    if award.attempt_id:
        name, description = "Quiz", "A multiple-choice quiz, graded on the server."
    elif award.evaluation_id and award.level.number == LevelNumber.FIELD:
        name, description = "Field observation", "A real customer call observed and signed off by the rep's manager."
    elif award.evaluation_id:
        name, description = "Role-play", "A simulated sale scored by a panel of judges against an assessment guide."
    else:
        name, description = "Granted by enablement", "Granted by an enablement admin on the evidence they recorded."
    return {
        "type": ["Evidence"],
        "name": name,
        "description": f"{description} Passed on {timezone.localtime(award.awarded_at):%-d %B %Y}.",
    }


def _alignments(level) -> list:
    """The study material of the level, each page as an alignment to the content that teaches it."""
    alignments = []
    for block in level.study_material:
        page = block.value
        if page is None or not page.live:
            continue
        alignments.append({"type": ["Alignment"], "targetName": page.title, "targetUrl": page.full_url})
    return alignments


def _subject_identifiers(award: Award) -> list:
    email = award.user.email.strip().lower()
    salt = award.verification_token[:16]
    return [
        {"type": "IdentityObject", "hashed": False, "identityHash": award.user.display_name, "identityType": "name"},
        {
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest(),
            "identityType": "emailAddress",
            "salt": salt,
        },
    ]


def award_for_credential(award_id: int) -> Award:
    return Award.objects.select_related("user", "level__quiz", "certification").get(pk=award_id)


def award_credential(award: Award, *, settings_row: IssuerSettings | None = None) -> dict:
    """The award as an OpenBadgeCredential (unsigned): issuer, achievement, subject, dates, evidence and status."""
    level, certification = award.level, award.certification
    achievement = {
        "id": site_url(reverse("certify:certification_detail", args=[certification.slug])) + f"#level-{level.number}",
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": f"{certification.title} — {level.label}",
        "description": certification.description,
        "criteria": {"narrative": _criteria(level)},
        "humanCode": f"{certification.slug.upper()}-{level.number}",
    }
    alignments = _alignments(level)
    if alignments:
        achievement["alignment"] = alignments
    url = verification_url(award)
    credential = {
        "@context": list(OB_CONTEXT),
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"],
        "name": achievement["name"],
        "issuer": issuer_profile(settings_row),
        "validFrom": timestamp(award.awarded_at),
        "awardedDate": timestamp(award.awarded_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _subject_identifiers(award),
            "achievement": achievement,
        },
        "evidence": [_evidence(award)],
        "credentialStatus": {
            "id": f"{status_list_url()}#{award.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(award.pk),
            "statusListCredential": status_list_url(),
        },
    }
    if award.valid_until is not None:
        credential["validUntil"] = timestamp(award.valid_until)
    return credential


def revoked_indexes() -> list:
    """The status list index (the award's id) of every revoked award: one query."""
    return list(Award.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True))
