"""Trends: the last 52 weeks of readiness, tiers, pass rates, levels held and revenue by tier, from the weekly
snapshots; as line charts and as a CSV of every week."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...charts import line_chart, money, percent_text
from ...models import LevelNumber
from ...selectors.impact import impact_trends
from ..csv_export import csv_response
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
    """The six line charts, each with its data table and a sentence comparing the first and last weeks shown."""
    labels = [week_label(week) for week in trends.weeks]
    points = [trends.points.get(week) for week in trends.weeks]
    readiness = [point.readiness if point else None for point in points]
    pass_rate = [point.pass_rate if point else None for point in points]
    evaluation_rate = [point.evaluation_pass_rate if point else None for point in points]
    currency = settings.IMPACT_CURRENCY
    revenue = [
        (name, [float(point.revenue.get(name, 0)) if point else None for point in points]) for name in trends.tier_names
    ]
    total = [float(point.revenue_total) if point else None for point in points]
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
        line_chart(
            id="trend-evaluation-pass-rate", title="Level 2 and 3 pass rate, week by week",
            summary=_summary("the level 2 and 3 pass rate", labels, evaluation_rate, percent_text),
            x_labels=labels, series=[("Pass rate", evaluation_rate)], value_label="Passed", fmt=percent_text, top=100,
        ),
        line_chart(
            id="trend-revenue", title=f"Revenue closed each week ({currency}), by the rep's tier at the week's end",
            summary=_summary(f"revenue closed in {currency}", labels, total, lambda amount: money(amount, currency)),
            x_labels=labels, series=revenue, value_label=f"Revenue ({currency})", fmt=lambda amount: money(amount, currency),
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
            currency=settings.IMPACT_CURRENCY,
        ),
    )


@require_safe
def trends_export(request):
    """Every one of the 52 weeks shown (those without a snapshot left blank), with every figure the charts draw."""
    _form, scope = impact_filters(request)
    trends = impact_trends(scope=scope)
    currency = settings.IMPACT_CURRENCY
    names, levels = trends.tier_names, LevelNumber.values
    heading = [
        "Week (Monday)", "Reps", "Readiness index", "Reps with an index", *[f"Reps: {name}" for name in names],
        "Level 1 quiz attempts", "Level 1 quiz attempts passed", "Level 1 pass rate (%)",
        "Level 2 and 3 evaluations", "Level 2 and 3 evaluations passed", "Level 2 and 3 pass rate (%)",
        *[f"Reps holding level {number}" for number in levels], "Deals closed",
        *[f"Revenue ({currency}): {name}" for name in names], f"Revenue ({currency})",
    ]  # fmt: skip

    def blank(value):
        return "" if value is None else value

    def rows():
        yield heading
        for week in trends.weeks:
            point = trends.points.get(week)
            if point is None:
                yield [week.isoformat()]
                continue
            yield [
                week.isoformat(), point.reps, blank(point.readiness), point.readiness_reps,
                *[point.tiers.get(name, 0) for name in names],
                point.quiz_attempts, point.quiz_passed, blank(point.pass_rate),
                point.evaluations, point.evaluations_passed, blank(point.evaluation_pass_rate),
                *[point.holding.get(str(number), 0) for number in levels], point.deals,
                *[f"{point.revenue.get(name, 0):.2f}" for name in names], f"{point.revenue_total:.2f}",
            ]  # fmt: skip

    return csv_response(rows(), filename="impact-trends.csv")
