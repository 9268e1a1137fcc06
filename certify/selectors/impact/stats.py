"""Statistics counted in the database that both SQLite and PostgreSQL can run: medians by group."""

from datetime import timedelta

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber


def medians_by(queryset, *, value, group_by=()) -> dict:
    """The median of `value` (an expression, e.g. a duration or a number) over `queryset`, per group of the
    `group_by` fields: {group values as a tuple: median}. Rows whose value is null are left out.

    One query: each row is numbered within its group in the order of its value and the group counted (window
    functions), and only the one or two middle rows of each group come back, whatever the size of the data.
    """
    partition = [F(name) for name in group_by] or None
    ranked = (
        queryset.annotate(_median_value=value)
        .exclude(_median_value__isnull=True)
        .annotate(
            _median_position=Window(RowNumber(), partition_by=partition, order_by=F("_median_value").asc()),
            _median_count=Window(Count("*"), partition_by=partition),
        )
    )
    # The middle rows: positions n/2 and n/2 + 1 for an even n, (n + 1)/2 for an odd one.
    middle = ranked.filter(_median_position__gte=F("_median_count") / 2.0, _median_position__lte=F("_median_count") / 2.0 + 1)
    found: dict = {}
    for row in middle.values(*group_by, "_median_value", "_median_position", "_median_count"):
        key = tuple(row[name] for name in group_by)
        found.setdefault(key, []).append(row["_median_value"])
    return {key: _middle(values) for key, values in found.items()}


def _middle(values):
    if len(values) == 1:
        return values[0]
    low, high = sorted(values)[:2]
    if isinstance(low, timedelta):
        return low + (high - low) / 2
    return (low + high) / 2


def days(duration) -> float | None:
    """A duration in days, to one decimal (None stays None)."""
    return None if duration is None else round(duration.total_seconds() / 86400, 1)


def histogram_median(counts: list):
    """The median of the values of [(value, how many), ...] in ascending order of value: for a field with few
    distinct values (a try number), the database returns the short histogram (GROUP BY value) rather than
    ordering every row, and the middle is found in it here."""
    total = sum(number for _value, number in counts)
    wanted = [(total + 1) // 2] if total % 2 else [total // 2, total // 2 + 1]  # 1-based positions
    found, seen = [], 0
    for value, number in counts:
        seen += number
        while wanted and wanted[0] <= seen:
            found.append(value)
            wanted.pop(0)
    return found[0] if len(found) == 1 else (found[0] + found[1]) / 2
