"""Trends: the last 52 weeks of readiness, tiers, level 1 pass rate and levels held, from the weekly snapshots."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...charts import line_chart, percent_text
from ...models import LevelNumber
from ...selectors.impact import impact_trends
from . import impact_context, impact_filters
from .readiness import index_text


def week_label(week) -> str:
    return f"{week.day} {week:%b %Y}"


def _summary(what, labels, values, text) -> str:
    known = [(label, value) for label, value in zip(labels, values) if value is not None]
    if not known:
        return f"No weekly figures for {what} yet."
    (first_label, first), (last_label, last) = known[0], known[-1]
    if len(known) == 1:
        return f"{what.capitalize()}: {text(last)} in the week of {last_label}."
    return f"{what.capitalize()}: {text(first)} in the week of {first_label}, {text(last)} in the week of {last_label}."


def trend_charts(trends) -> list:
    """The four line charts, each with its data table and a sentence comparing the first and last weeks shown."""
    labels = [week_label(week) for week in trends.weeks]
    points = [trends.points.get(week) for week in trends.weeks]
    readiness = [point.readiness if point else None for point in points]
    pass_rate = [point.pass_rate if point else None for point in points]
    tiers = [(name, [point.tiers.get(name, 0) if point else None for point in points]) for name in trends.tier_names]
    levels = [
        (f"Level {number}", [point.holding.get(str(number), 0) if point else None for point in points])
        for number in LevelNumber.values
    ]

    def counts(series):
        return "; ".join(
            f"{name}: {values[-1] if values[-1] is not None else '—'}" for name, values in series
        )

    last_known = next((label for label, point in zip(reversed(labels), reversed(points)) if point), None)
    return [
        line_chart(
            id="trend-readiness", title="Readiness index, week by week",
            summary=_summary("the readiness index", labels, readiness, index_text),
            x_labels=labels, series=[("Readiness index", readiness)], value_label="Index (0–100)", fmt=index_text, top=100,
        ),
        line_chart(
            id="trend-tiers", title="Reps in each tier, week by week",
            summary=(f"In the week of {last_known} — " + counts([(n, [v for v, p in zip(vs, points) if p]) for n, vs in tiers]) + "."
                     if last_known else "No weekly figures for tiers yet."),
            x_labels=labels, series=tiers, value_label="Reps",
        ),
        line_chart(
            id="trend-pass-rate", title="Level 1 quiz pass rate, week by week",
            summary=_summary("the level 1 quiz pass rate", labels, pass_rate, percent_text),
            x_labels=labels, series=[("Pass rate", pass_rate)], value_label="Passed", fmt=percent_text, top=100,
        ),
        line_chart(
            id="trend-levels", title="Reps holding each level, week by week",
            summary=(f"In the week of {last_known} — " + counts([(n, [v for v, p in zip(vs, points) if p]) for n, vs in levels]) + "."
                     if last_known else "No weekly figures for levels held yet."),
            x_labels=labels, series=levels, value_label="Reps",
        ),
    ]  # fmt: skip


@require_safe
def trends_view(request):
    form, scope = impact_filters(request)
    trends = impact_trends(scope=scope)
    return render(
        request,
        "certify/impact/trends.html",
        impact_context(
            request,
            current="certify:impact_trends",
            form=form,
            scope=scope,
            trends=trends,
            charts=trend_charts(trends),
            weeks_with_figures=len(trends.points),
        ),
    )
