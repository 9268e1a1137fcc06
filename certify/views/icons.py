"""The site's icon, for browsers that ask for /favicon.ico whatever the page links."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def favicon(request):
    # Not permanent: the static file's hashed name changes with each release.
    return redirect(static("certify/favicon.svg"))
