"""The window every date a person enters must fall in, and what to tell them when it does not.

One rule for every form and import (pure: no database). A date outside its window is refused with its
bounds; nothing downstream then meets the year 9999 or the year 1, which overflow the arithmetic of due
dates, calendar invitations and tier windows.
"""

from datetime import date, datetime, timedelta

# The windows, in days before and after today.
BOOKING_FUTURE_DAYS = 365  # a role-play session, or a field call to observe: within a year
SESSION_PAST_DAYS = 30  # an enablement admin may record that a session took place up to a month ago
ASSIGNMENT_FUTURE_DAYS = 3 * 365 + 1  # a due date within three years
DEAL_PAST_DAYS = 20 * 365 + 5  # a closed-won deal closed within the last twenty years ...
DEAL_FUTURE_DAYS = 31  # ... and not more than a month ahead (a CRM's time zone, a deal closed today)


def _day(moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def date_window_problem(value, *, past_days: int | None, future_days: int, today: date) -> str | None:
    """Why `value` (a date, or a datetime read as its own local date) is outside the window of `past_days`
    before `today` to `future_days` after it; None when it is inside. `past_days=None` leaves the past to the
    caller (a booking says "that time has passed" in its own words)."""
    if value is None:
        return None
    day = _day(value)
    latest = today + timedelta(days=future_days)
    if day > latest:
        return f"{day:%-d %B %Y} is too far ahead: choose a date up to {latest:%-d %B %Y}."
    if past_days is None:
        return None
    earliest = today - timedelta(days=past_days)
    if day < earliest:
        return f"{day:%-d %B %Y} is too long ago: choose a date from {earliest:%-d %B %Y}."
    return None
