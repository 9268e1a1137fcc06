"""Each person's home page, fitted to their roles."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..selectors import home_for


@require_safe
def home(request):
    return render(request, "certify/home.html", {"home": home_for(request.user)})
