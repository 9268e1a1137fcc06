"""Demo credentials: the issuer named on certificates and Open Badges, and one award whose holder switched its
public verification off, so "My credentials" shows both states."""

from ..models import Award, IssuerSettings

ISSUER = {
    "name": "Certifiable Sales Enablement",
    "url": "https://example.com/enablement",
    "email": "enablement@example.com",
    "description": "The sales enablement team that certifies our reps.",
}


def load() -> int:
    """Fill in the issuer once (an admin's edit is kept); returns how many awards carry credentials."""
    issuer = IssuerSettings.load()
    first_load = issuer.name == IssuerSettings._meta.get_field("name").default and not issuer.url
    if first_load:
        for field, value in ISSUER.items():
            setattr(issuer, field, value)
        issuer.save()
        # Only on the first load: a holder who switches it back on keeps their choice.
        first = Award.objects.filter(user__email="rep2@example.com").order_by("awarded_at", "pk").first()
        if first is not None:
            Award.objects.filter(pk=first.pk).update(verification_public=False)
    return Award.objects.count()
