"""A time travels between people in different zones: a rep in New York books a role-play, it is kept in UTC, and
the judge in London reads it in theirs — on the site, in the email and in the calendar invitation, each naming
the zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from assessments.models import Evaluation
from certify.services import award_grant, evaluation_panel_assign
from content.time_zones import moment_html, moment_text
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.evaluations import level2_certification, level2_evaluation

pytestmark = pytest.mark.django_db

NEW_YORK, LONDON = "America/New_York", "Europe/London"


@pytest.fixture
def rep_in_new_york(db):
    return RepFactory(time_zone=NEW_YORK)


@pytest.fixture
def judge_in_london(db):
    return JudgeFactory(time_zone=LONDON)


def _in(zone, render, *args):
    with timezone.override(zone):
        return render(*args)


def test_a_booking_typed_in_new_york_is_kept_in_utc_and_shown_to_a_london_judge_in_theirs(
    client_for, rep_in_new_york, judge_in_london, enablement_admin
):
    certification = level2_certification()
    award_grant(user=rep_in_new_york, level=certification.levels.get(number=1))
    day = (timezone.now() + timedelta(days=20)).date()
    form_page = client_for(rep_in_new_york).get(reverse("certify:level_assessment", args=[certification.slug, 2]))
    assert f'Times are in {NEW_YORK} — <a href="{reverse("certify:time_zone")}">change' in form_page.content.decode()
    response = client_for(rep_in_new_york).post(
        reverse("certify:level_assessment", args=[certification.slug, 2]),
        {
            "scenario": certification.levels.get(number=2).scenarios.get().pk,
            "mode": "live",
            "scheduled_at": f"{day:%Y-%m-%d}T10:00",
            "location": "Room 4",
        },
    )
    assert response.status_code == 302
    typed = datetime.combine(day, time(10, 0), tzinfo=ZoneInfo(NEW_YORK))
    [stored] = Evaluation.objects.values_list("scheduled_at", flat=True)
    assert stored == typed and stored.utcoffset() == timedelta(0)  # ten in New York, kept as the UTC instant
    assert stored.hour == typed.astimezone(UTC).hour != 10

    evaluation = Evaluation.objects.get()
    evaluation_panel_assign(actor=enablement_admin, evaluation=evaluation, judges=[judge_in_london])
    judge_page = client_for(judge_in_london).get(reverse("certify:scorecard", args=[evaluation.pk])).content.decode()
    in_london = typed.astimezone(ZoneInfo(LONDON))
    assert in_london.hour == 15  # New York is five hours behind London in winter and summer alike
    assert _in(LONDON, moment_html, stored, "l j F, H:i") in judge_page
    assert f'title="{LONDON}">{in_london:%A} {in_london.day} {in_london:%B, 15:00 %Z}</time>' in judge_page
    rep_page = client_for(rep_in_new_york).get(reverse("certify:evaluation", args=[evaluation.pk])).content.decode()
    assert f"{typed:%B %Y}, 10:00 {typed:%Z}</time>" in rep_page


def _ics(message):
    [(name, content, mimetype)] = message.attachments
    assert name == "assessment.ics" and mimetype.startswith("text/calendar")
    return content.decode() if isinstance(content, bytes) else content


def test_each_recipient_gets_the_email_and_calendar_invitation_in_their_own_zone(
    rep_in_new_york, judge_in_london, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = level2_evaluation(rep=rep_in_new_york, admin=enablement_admin, judges=[judge_in_london], started=False)
    booked = next(message for message in mailoutbox if message.to == [rep_in_new_york.email])
    panel = next(message for message in mailoutbox if message.to == [judge_in_london.email])
    when_in_new_york = _in(NEW_YORK, moment_text, evaluation.scheduled_at, "l j F Y, H:i")
    when_in_london = _in(LONDON, moment_text, evaluation.scheduled_at, "l j F Y, H:i")
    assert when_in_new_york.endswith(("EST", "EDT")) and when_in_london.endswith(("GMT", "BST"))
    assert f"When:  {when_in_new_york} (" in booked.body and when_in_london not in booked.body
    assert f"When:  {when_in_london} (" in panel.body and when_in_new_york not in panel.body

    calendars = {}
    for message, zone in ((booked, NEW_YORK), (panel, LONDON)):
        text = _ics(message)
        local = evaluation.scheduled_at.astimezone(ZoneInfo(zone))
        assert f"DTSTART;TZID={zone}:{local:%Y%m%dT%H%M%S}\r\n" in text
        assert f"BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n" in text and text.count("BEGIN:VTIMEZONE") == 1
        calendar = Calendar.from_ical(text)
        [event] = calendar.walk("VEVENT")
        start, end = (moment.replace(microsecond=0) for moment in (evaluation.scheduled_at, evaluation.ends_at))
        assert event.decoded("dtstart") == start and event.decoded("dtend") == end  # the same instants
        calendars[zone] = (str(calendar["method"]), str(event["uid"]), int(event["sequence"]))
    assert calendars[NEW_YORK] == calendars[LONDON]  # one event, whoever reads it
    assert calendars[NEW_YORK][0] == "REQUEST"


def test_a_cancelled_session_leaves_each_calendar_in_its_own_zone(
    rep_in_new_york, judge_in_london, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    from assessments.services import evaluation_cancel

    evaluation = level2_evaluation(rep=rep_in_new_york, admin=enablement_admin, judges=[judge_in_london], started=False)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_cancel(actor=enablement_admin, evaluation_id=evaluation.pk, reason="The judge is away.")
    for person, zone in ((rep_in_new_york, NEW_YORK), (judge_in_london, LONDON)):
        message = next(message for message in mailoutbox if message.to == [person.email])
        text = _ics(message)
        assert "METHOD:CANCEL" in text and f"DTSTART;TZID={zone}:" in text
        assert _in(zone, moment_text, evaluation.scheduled_at, "l j F Y, H:i") in message.body


def test_a_reader_without_a_zone_gets_the_sites_named(enablement_admin, mailoutbox, django_capture_on_commit_callbacks):
    rep = RepFactory()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[JudgeFactory()], started=False)
    booked = next(message for message in mailoutbox if message.to == [rep.email])
    assert f"When:  {_in('UTC', moment_text, evaluation.scheduled_at, 'l j F Y, H:i')} (" in booked.body
    assert " UTC (" in booked.body
    text = _ics(booked)
    assert f"DTSTART:{evaluation.scheduled_at.astimezone(UTC):%Y%m%dT%H%M%S}Z" in text and "VTIMEZONE" not in text


def test_the_admin_reads_and_types_a_sessions_time_in_their_own_zone(client_for, rep_in_new_york):
    from tests.factories.certify import EnablementAdminFactory

    admin = EnablementAdminFactory(time_zone="Asia/Tokyo")  # Wagtail's profile follows the person's zone
    evaluation = level2_evaluation(rep=rep_in_new_york, admin=admin, started=False)
    page = client_for(admin).get(reverse("certify_admin:evaluation_panel", args=[evaluation.pk])).content.decode()
    assert f'Times are in Asia/Tokyo — <a href="{reverse("certify:time_zone")}">change' in page
    assert _in("Asia/Tokyo", moment_html, evaluation.scheduled_at, "l j F Y, H:i") in page
    in_tokyo = evaluation.scheduled_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f'value="{in_tokyo:%Y-%m-%dT%H:%M}"' in page  # the time to move is offered in Tokyo's
