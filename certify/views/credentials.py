"""Credentials: the public verification page of an award, the holder's "My credentials" page and their downloads
(certificate PDF, Open Badges 3.0 credential as JSON and as a signed VC-JWT), and the public documents a verifier
reads (the issuer's profile, its public keys, the revocation status list)."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from ..certificates import certificate_pdf
from ..exceptions import DomainError
from ..permissions import award_get_for_holder
from ..ratelimits import over_limit
from ..selectors.credentials import award_credential, issuer_profile, my_credentials, verification_for
from ..services.credentials import award_verification_set, public_key_set, status_list_credential, vc_jwt


def _no_cache(response):
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@login_not_required
@require_safe
def verification_view(request, token):
    """Open to anyone with the address: the award's holder, certification, level, dates and status. An award that
    does not exist and one whose holder switched verification off get the same "not available" page."""
    if over_limit(request, action="verification", per_minute=settings.VERIFICATION_RATE_LIMIT):
        response = render(request, "certify/verification_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    verification = verification_for(token=token)
    if verification is None:
        return _no_cache(render(request, "certify/verification_unavailable.html", status=404))
    return _no_cache(render(request, "certify/verification.html", {"verification": verification}))


@require_safe
def my_credentials_view(request):
    return render(request, "certify/my_credentials.html", {"rows": my_credentials(user=request.user)})


@require_POST
def credential_visibility_view(request, pk):
    """The holder switches the public verification of one of their awards on or off."""
    award = award_get_for_holder(request.user, pk)
    choice = request.POST.get("public", "")
    if choice not in ("on", "off"):
        messages.error(request, "Choose whether anyone with the address may verify this award.")
        return redirect("certify:my_credentials")
    try:
        award = award_verification_set(actor=request.user, award_id=award.pk, public=choice == "on")
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("certify:my_credentials")
    if award.verification_public:
        messages.success(request, "Public verification is on: anyone with the address can check this award.")
    else:
        messages.success(request, "Public verification is off: the address now says the award is not available.")
    return redirect("certify:my_credentials")


def _filename(award, extension):
    return f"{award.certification.slug}-level-{award.level.number}-{award.pk}.{extension}"


@require_safe
def certificate_view(request, pk):
    award = award_get_for_holder(request.user, pk)
    response = HttpResponse(certificate_pdf(award), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(award, "pdf")}"'
    return response


@require_safe
def credential_json_view(request, pk):
    """The award's Open Badges 3.0 credential as JSON (the same document the VC-JWT signs)."""
    award = award_get_for_holder(request.user, pk)
    body = json.dumps(award_credential(award), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(award, "json")}"'
    return response


@require_safe
def credential_jwt_view(request, pk):
    """The award's Open Badges 3.0 credential signed as a VC-JWT, for a wallet or a verifier."""
    award = award_get_for_holder(request.user, pk)
    response = HttpResponse(vc_jwt(award_credential(award)), content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{_filename(award, "jwt")}"'
    return response


@login_not_required
@require_safe
def issuer_view(request):
    return JsonResponse(issuer_profile(), json_dumps_params={"indent": 2})


@login_not_required
@require_safe
def keys_view(request):
    """The issuer's public keys (a JWK Set): every key that ever signed, so old credentials still verify."""
    return _no_cache(JsonResponse(public_key_set(), json_dumps_params={"indent": 2}))


@login_not_required
@require_safe
def status_list_view(request):
    """The revocation status list as a signed VC-JWT, worked out on each request so a revocation shows at once."""
    return _no_cache(HttpResponse(vc_jwt(status_list_credential()), content_type="application/vc+jwt"))
