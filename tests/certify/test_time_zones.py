"""Each person reads times in their own zone: the field, the page where they choose it, the browser's zone at the
first sign-in, the middleware that activates it, and the filter that writes a moment with its zone named."""

import re
import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from certify.exceptions import PermissionRefused
from certify.middleware import TimeZoneMiddleware
from certify.permissions import can_change_settings_of
from certify.services import invitation_send, user_time_zone_default, user_time_zone_set
from content.time_zones import moment_html, moment_text, time_zone_choices
from tests.factories.certify import PASSWORD, TOTP_SECRET, EnablementAdminFactory, RepFactory
from tests.helpers import assert_error_linked

pytestmark = pytest.mark.django_db

URL = reverse("certify:time_zone")
WINTER = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 2, 13, 0, tzinfo=UTC)


# --- The field -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", ""])
def test_a_time_zone_is_an_iana_name_or_blank_for_the_sites(rep, value):
    rep.time_zone = value
    rep.full_clean()


@pytest.mark.parametrize("value", ["Mars/Olympus", "europe/berlin", "CET ", "localtime", "<script>"])
def test_a_time_zone_that_is_not_an_iana_name_is_refused(rep, value):
    rep.time_zone = value
    with pytest.raises(ValidationError) as error:
        rep.full_clean()
    assert "not a time zone" in str(error.value)


def test_a_person_who_chose_no_zone_reads_the_sites(rep):
    assert rep.time_zone == ""
    assert rep.time_zone_name == settings.TIME_ZONE
    rep.time_zone = "Asia/Tokyo"
    assert rep.zone == ZoneInfo("Asia/Tokyo")


# --- The settings page -----------------------------------------------------------------------------


def test_the_time_zone_page_shows_the_chosen_zone_selected_and_the_time_there(client_for):
    rep = RepFactory(time_zone="America/New_York")
    content = client_for(rep).get(URL).content.decode()
    assert '<label for="id_time_zone"' in content and "Your time zone" in content
    assert re.search(r'<option value="America/New_York"[^>]*selected>', content)
    assert '<optgroup label="Europe">' in content and '<option value="Pacific/Auckland">' in content
    now = re.search(r'id="time-zone-now">It is now <strong><time datetime="[^"]+Z" title="America/New_York">'
                    r"\d\d:\d\d E[SD]T</time></strong> on \w+ \d+ \w+ \d{4} in America/New_York\.", content)
    assert now, content


def test_a_person_without_a_zone_is_told_the_site_zone_applies(client_for, rep):
    content = client_for(rep).get(URL).content.decode()
    assert f"in {settings.TIME_ZONE}, the site's time zone: choose yours below." in content
    assert re.search(rf'<option value="{settings.TIME_ZONE}"[^>]*selected>', content)


def test_the_account_menu_links_to_the_time_zone_page(client_for, rep):
    assert f'<a href="{URL}">Time zone</a>' in client_for(rep).get(reverse("certify:home")).content.decode()


def test_choosing_a_time_zone_saves_it_and_the_admin_follows(client_for, rep):
    client = client_for(rep)
    response = client.post(URL, {"time_zone": "Asia/Kolkata"})
    assert response.status_code == 302 and response.url == URL
    rep.refresh_from_db()
    assert rep.time_zone == "Asia/Kolkata"
    assert UserProfile.get_for_user(rep).get_current_time_zone() == "Asia/Kolkata"
    page = client.get(URL).content.decode()
    assert "Your time zone is Asia/Kolkata" in page and re.search(r"\d\d:\d\d IST", page)


@pytest.mark.parametrize("value", ["Mars/Olympus", "", "Europe/" + "x" * 5000, "localtime"])
def test_a_zone_that_is_not_one_is_refused_with_a_clear_message_and_nothing_changes(client_for, value):
    rep = RepFactory(time_zone="Europe/Paris")
    response = client_for(rep).post(URL, {"time_zone": value})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your time zone was not changed." in content
    expected = "Choose your time zone." if value == "" else "That is not a time zone: choose one from the list"
    assert_error_linked(content, "id_time_zone", expected)
    rep.refresh_from_db()
    assert rep.time_zone == "Europe/Paris"


def test_only_the_person_may_change_their_own_time_zone(rep, other_rep):
    assert can_change_settings_of(rep, rep)
    assert not can_change_settings_of(other_rep, rep)
    with pytest.raises(PermissionRefused):
        user_time_zone_set(actor=other_rep, user=rep, time_zone="Asia/Tokyo")
    rep.refresh_from_db()
    assert rep.time_zone == ""


def test_every_iana_zone_is_offered_once_under_its_region():
    offered = [name for _group, options in time_zone_choices()[1:] for name, _label in options]
    assert len(offered) == len(set(offered)) and {"Europe/Berlin", "Etc/GMT+5", "US/Eastern"} <= set(offered)
    assert "localtime" not in offered and "Factory" not in offered


# --- The browser's zone at the first sign-in ------------------------------------------------------


def _sign_in(client, person, **extra):
    return client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD, **extra})


def test_the_sign_in_page_carries_the_browser_zone_field_and_its_script(client):
    content = client.get(reverse("account_login")).content.decode()
    assert '<input type="hidden" name="time_zone" value="" data-browser-time-zone>' in content
    assert re.search(r'<script src="/static/certify/time-zone\.js" defer></script>', content)


def test_signing_in_takes_the_browsers_zone_when_the_person_has_none(client, rep):
    response = _sign_in(client, rep, time_zone="Europe/Berlin")
    assert response.status_code == 302 and response.url == reverse("certify:home")
    rep.refresh_from_db()
    assert rep.time_zone == "Europe/Berlin"


def test_signing_in_never_replaces_a_zone_the_person_chose(client):
    rep = RepFactory(time_zone="Asia/Tokyo")
    _sign_in(client, rep, time_zone="Europe/Berlin")
    rep.refresh_from_db()
    assert rep.time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("value", ["Mars/Olympus", "<script>alert(1)</script>", "x" * 10_000, "localtime", ""])
def test_signing_in_ignores_a_browser_zone_that_is_not_one(client, rep, value):
    response = _sign_in(client, rep, time_zone=value)
    assert response.status_code == 302 and response.url == reverse("certify:home")  # signed in all the same
    rep.refresh_from_db()
    assert rep.time_zone == ""


def test_the_browsers_zone_waits_for_the_second_factor(client):
    admin = EnablementAdminFactory()
    response = _sign_in(client, admin, time_zone="America/Chicago")
    assert response.url == reverse("mfa_authenticate")
    admin.refresh_from_db()
    assert admin.time_zone == ""  # a password alone changes nothing
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    admin.refresh_from_db()
    assert admin.time_zone == "America/Chicago"


def test_accepting_an_invitation_takes_the_browsers_zone(client, enablement_admin, django_capture_on_commit_callbacks):
    person = RepFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=enablement_admin, user=person)
    link = re.search(r"http://testserver(/invite/[^\s\"]+/)", mail.outbox[-1].body).group(1)
    page = client.get(link).content.decode()
    assert 'name="time_zone"' in page and "data-browser-time-zone" in page and "certify/time-zone.js" in page
    password = "Blue-harbour-lantern-42"
    response = client.post(link, {"password1": password, "password2": password, "time_zone": "Australia/Sydney"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.time_zone == "Australia/Sydney"


def test_the_browser_default_is_saved_only_once(rep):
    assert user_time_zone_default(user=rep, time_zone="Europe/Rome")
    assert not user_time_zone_default(user=rep, time_zone="Europe/Oslo")
    rep.refresh_from_db()
    assert rep.time_zone == "Europe/Rome"


# --- The middleware ---------------------------------------------------------------------------------


def _zone_seen(user):
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    TimeZoneMiddleware(view)(request)
    return seen["zone"]


def test_each_request_runs_in_the_signed_in_persons_zone_and_only_during_it():
    from django.contrib.auth.models import AnonymousUser

    assert _zone_seen(RepFactory(time_zone="Pacific/Auckland")) == "Pacific/Auckland"
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE
    assert _zone_seen(RepFactory()) == settings.TIME_ZONE
    assert _zone_seen(AnonymousUser()) == settings.TIME_ZONE


def test_a_form_reads_a_typed_time_in_the_readers_zone_and_says_so():
    from certify.forms import ObservationCallForm

    with timezone.override("Europe/Berlin"):
        form = ObservationCallForm({"account": "Acme", "call_at": "2026-12-10T09:30", "call_kind": "discovery"},
                                   now=datetime(2026, 12, 2, tzinfo=UTC))
        assert form.is_valid(), form.errors
        assert "Times are in Europe/Berlin — <a href=\"/settings/time-zone/\">change" in str(form["call_at"].help_text)
    assert form.cleaned_data["call_at"] == datetime(2026, 12, 10, 8, 30, tzinfo=UTC)


# --- The filter ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone, moment, text",
    [
        ("Europe/Berlin", WINTER, "2 Dec 2026, 14:00 CET"),
        ("Europe/Berlin", SUMMER, "2 Jul 2026, 15:00 CEST"),
        ("America/New_York", WINTER, "2 Dec 2026, 08:00 EST"),
        ("Asia/Kolkata", WINTER, "2 Dec 2026, 18:30 IST"),
        ("America/Sao_Paulo", WINTER, "2 Dec 2026, 10:00 UTC-03"),
        ("Asia/Kathmandu", WINTER, "2 Dec 2026, 18:45 UTC+05:45"),
        ("UTC", WINTER, "2 Dec 2026, 13:00 UTC"),
    ],
)
def test_a_moment_is_written_in_the_active_zone_with_the_zone_named(zone, moment, text):
    with timezone.override(zone):
        assert moment_text(moment) == text
        assert moment_html(moment) == f'<time datetime="2026-{moment:%m}-02T13:00:00Z" title="{zone}">{text}</time>'


def test_the_moment_filters_take_a_format_and_leave_nothing_and_dates_as_they_are():
    template = Template(
        '{% load moments %}[{{ at|moment:"l j F, H:i" }}][{{ at|moment_text:"H:i" }}][{{ none|moment|default:"not set" }}]'
        "[{{ day|moment }}]"
    )
    with timezone.override("Europe/London"):
        out = template.render(Context({"at": SUMMER, "none": None, "day": date(2026, 12, 2)}))
    assert out == (
        '[<time datetime="2026-07-02T13:00:00Z" title="Europe/London">Thursday 2 July, 14:00 BST</time>]'
        "[14:00 BST][not set][2 Dec 2026]"
    )
