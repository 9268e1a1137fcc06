"""Calendar invitations (.ics) for live assessment sessions."""

from datetime import date

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText


def session_invite(evaluation, *, url: str, reader, sequence: int = 0, cancel: bool = False) -> bytes:
    """An iCalendar request for a live session, for the rep and the panel alike (or its cancellation,
    which removes it from their calendars). It names the assessment, the time and the place; nothing
    of the buyer's script.

    Each reader gets their own copy: the start and end are in the reader's time zone (TZID, with the zone's
    VTIMEZONE), so a calendar shows the session in their zone and names it. The event is the same for
    everyone: one UID, and the SEQUENCE the caller gives.
    """
    zone = reader.zone
    start, end = evaluation.scheduled_at.astimezone(zone), evaluation.ends_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", "-//Certifiable//Assessments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "certifiable"
    event.add("uid", f"evaluation-{evaluation.pk}@{host}")
    event.add("sequence", sequence)
    if cancel:
        event.add("status", "CANCELLED")
    event.add("dtstamp", evaluation.requested_at)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Assessment: {evaluation.subject} — {evaluation.performer}")
    event.add("location", evaluation.location)
    event.add("description", f"Role-play assessment of {evaluation.performer}.\n{url}")
    event.add("url", url)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText("Certifiable")
    event["organizer"] = organizer
    people = [evaluation.performer] + [card.judge for card in evaluation.scorecards.all()]
    for person in people:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(str(person))
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    # The zone's rules for the years around the session (UTC needs none: its times end in Z).
    calendar.add_missing_timezones(first_date=date(start.year - 1, 1, 1), last_date=date(end.year + 2, 1, 1))
    return calendar.to_ical()
