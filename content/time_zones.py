"""Time zones: which names a person may choose, and how a moment reads in the zone that is active.

Every page, email and calendar file gives a time in its reader's zone (certify activates the zone for each
request and each email) and names the zone: "2 Dec 2026, 14:00 CET". This lives in content, the lowest app, so
that every app's code and templates (the `moments` template tags) share one way of writing a moment.
"""

import zoneinfo
from datetime import UTC, date, datetime
from functools import cache

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html

# What zoneinfo lists that is not a place's zone: the machine's own setting, and tzdata's placeholder.
NOT_A_PLACE = frozenset({"localtime", "Factory"})
# The longest IANA name is 32 characters; the column leaves room.
TIME_ZONE_MAX_LENGTH = 64
# The zones most people pick, offered first.
COMMON_TIME_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Warsaw",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)
REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
DEFAULT_MOMENT_FORMAT = "j M Y, H:i"


@cache
def time_zone_names() -> frozenset:
    """Every IANA zone a person may choose."""
    return frozenset(zoneinfo.available_timezones()) - NOT_A_PLACE


def is_time_zone(name) -> bool:
    return isinstance(name, str) and name in time_zone_names()


def validate_time_zone(value) -> None:
    """A model and form validator: the value must be an IANA zone name (it is not repeated back: it may be long)."""
    if not is_time_zone(value):
        raise ValidationError(
            "That is not a time zone: choose one from the list, such as Europe/Berlin.", code="invalid_time_zone"
        )


def time_zone_label(name: str) -> str:
    return name.replace("_", " ")


@cache
def time_zone_choices() -> tuple:
    """Choices for a select: the common zones first, then every zone under its region; old and fixed-offset
    names (US/Eastern, Etc/GMT+5) under Other."""
    names = time_zone_names()
    groups = {region: [] for region in REGIONS}
    other = []
    for name in sorted(names):
        region = name.split("/", 1)[0]
        (groups[region] if region in groups and "/" in name else other).append((name, time_zone_label(name)))
    common = [(name, time_zone_label(name)) for name in COMMON_TIME_ZONES if name in names]
    return (("Common", common), *((region, groups[region]) for region in REGIONS if groups[region]), ("Other", other))


def zone_abbreviation(moment: datetime) -> str:
    """The zone's short name at that moment (CET, EDT, GMT), or its offset from UTC where tzdata has no letters
    for it ("UTC-03", "UTC+05:30")."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-":
        return name
    minutes = int(moment.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours:02d}" + (f":{rest:02d}" if rest else "")


def _local(value: datetime) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return timezone.localtime(value)


def _day(value: date, format: str) -> str:
    try:
        return formats.date_format(value, format)
    except TypeError:  # the format asks for a time, which a date has not
        return formats.date_format(value, "j M Y")


def moment_text(value, format: str = DEFAULT_MOMENT_FORMAT) -> str:
    """`value` in the active time zone with the zone named, as plain text: "2 Dec 2026, 14:00 CET".

    `format` is a Django date format (or a named one such as "DATETIME_FORMAT"). A date alone is given as a
    date (it has no zone); nothing gives "".
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return _day(value, format) if isinstance(value, date) else str(value)
    local = _local(value)
    return f"{formats.date_format(local, format)} {zone_abbreviation(local)}"


def moment_html(value, format: str = DEFAULT_MOMENT_FORMAT) -> str:
    """The same as a <time> element: its datetime attribute in UTC, its title the zone's full name."""
    if not isinstance(value, datetime):
        return moment_text(value, format)
    local = _local(value)
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        timezone.get_current_timezone_name(),
        moment_text(local, format),
    )
