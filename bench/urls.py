"""The app's URLs plus a bare view, so the floor goes through the same middleware stack."""

from django.http import HttpResponse
from django.urls import path

from certify.urls import urlpatterns as app_urlpatterns


def floor(request):
    return HttpResponse("ok")


# The floor goes first: the app's last pattern (Wagtail's catch-all under /learn/) never shadows it anyway.
urlpatterns = [path("__bench_floor__/", floor), *app_urlpatterns]
