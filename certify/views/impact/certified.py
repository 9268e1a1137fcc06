"""Certified versus not: reps holding each certification against reps who do not, and the same reps before and
after certifying — an association, never shown for groups too small to mean anything."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...charts import bar_chart, money
from ...forms import CertifiedFilterForm
from ...selectors.impact import certified_versus_not
from ..csv_export import csv_response
from . import impact_context, impact_filters

HOLDERS, OTHERS = "Holding it now", "Not holding it"


def _too_few(result) -> str:
    return f"Too few reps to compare (fewer than {result.min_group} in a group)."


def _number(value) -> str:
    return "—" if value is None else f"{value:g}"


def _comparison_chart(comparison, currency):
    title = comparison.certification.title
    holders, others = comparison.holders, comparison.others
    summary = (
        f"Reps holding {title} ({holders.reps}) closed {money(holders.revenue_per_rep, currency)} per rep in the window "
        f"and {_number(holders.deals_per_rep)} deals per rep; reps not holding it ({others.reps}) closed "
        f"{money(others.revenue_per_rep, currency)} per rep and {_number(others.deals_per_rep)} deals per rep."
    )
    rows = [
        (label, group.revenue_per_rep, group.reps, _number(group.deals_per_rep), money(group.average_deal, currency),
         _number(group.median_days_to_first_deal), group.reps_with_days)
        for label, group in ((HOLDERS, holders), (OTHERS, others))
    ]  # fmt: skip
    return bar_chart(
        id=f"certified-{comparison.certification.pk}",
        title=f"{title}: revenue per rep, holding it or not",
        summary=summary,
        rows=rows,
        value_label=f"Revenue per rep ({currency})",
        fmt=lambda amount: money(amount, currency),
        extra_columns=["Reps", "Deals per rep", "Average deal size", "Median days to first deal", "Reps in the median"],
    )


def _before_after_chart(comparison, currency, days_around):
    title = comparison.certification.title
    before, after = comparison.before, comparison.after
    summary = (
        f"The {comparison.before_after_reps} reps who first certified on {title} in the window closed "
        f"{money(before.revenue_per_rep, currency)} per rep in the {days_around} days before and "
        f"{money(after.revenue_per_rep, currency)} per rep in the {days_around} days after."
    )
    rows = [
        (f"{days_around} days before", before.revenue_per_rep, before.deals, _number(before.deals_per_rep)),
        (f"{days_around} days after", after.revenue_per_rep, after.deals, _number(after.deals_per_rep)),
    ]
    return bar_chart(
        id=f"before-after-{comparison.certification.pk}",
        title=f"{title}: the same reps before and after their first award",
        summary=summary,
        rows=rows,
        value_label=f"Revenue per rep ({currency})",
        fmt=lambda amount: money(amount, currency),
        extra_columns=["Deals", "Deals per rep"],
    )


@require_safe
def certified_view(request):
    form, scope = impact_filters(request, form_class=CertifiedFilterForm)
    result = certified_versus_not(scope=scope, days_around=form.days_around(), page_number=request.GET.get("page"))
    sections = [
        {
            "comparison": comparison,
            "chart": _comparison_chart(comparison, result.currency) if comparison.shown else None,
            "before_after": _before_after_chart(comparison, result.currency, result.days)
            if comparison.before_after_shown
            else None,
        }
        for comparison in result.comparisons
    ]
    return render(
        request,
        "certify/impact/certified.html",
        impact_context(
            request,
            current="certify:impact_certified",
            form=form,
            scope=scope,
            result=result,
            sections=sections,
            too_few=_too_few(result),
        ),
    )


@require_safe
def certified_export(request):
    form, scope = impact_filters(request, form_class=CertifiedFilterForm)
    result = certified_versus_not(scope=scope, days_around=form.days_around(), per_page=None)
    return csv_response(_csv_rows(result), filename="certified-versus-not.csv")


def _csv_rows(result):
    currency, too_few = result.currency, _too_few(result)
    yield [
        "Certification", "Group", "Reps", "Closed-won deals", "Deals per rep", f"Revenue ({currency})",
        f"Revenue per rep ({currency})", f"Average deal size ({currency})", "Median days to first deal",
        "Reps in the median", "Note",
    ]  # fmt: skip
    for comparison in result.comparisons:
        title = comparison.certification.title
        for label, group in ((HOLDERS, comparison.holders), (OTHERS, comparison.others)):
            if not comparison.shown:
                yield [title, label, "", "", "", "", "", "", "", "", too_few]
                continue
            yield [
                title, label, group.reps, group.deals, _cell(group.deals_per_rep), group.revenue,
                _cell(group.revenue_per_rep), _cell(group.average_deal), _cell(group.median_days_to_first_deal),
                group.reps_with_days, "",
            ]  # fmt: skip
        for label, period in ((f"{result.days} days before first award", comparison.before),
                              (f"{result.days} days after first award", comparison.after)):  # fmt: skip
            if not comparison.before_after_shown:
                yield [title, label, "", "", "", "", "", "", "", "", too_few]
                continue
            yield [
                title, label, comparison.before_after_reps, period.deals, _cell(period.deals_per_rep), period.revenue,
                _cell(period.revenue_per_rep), "", "", "", "",
            ]  # fmt: skip
    yield []
    yield [f"Deals in other currencies left out: {result.other_currency_deals}"]
    yield ["These figures show an association between holding a certification and sales, not that certifying caused it."]


def _cell(value):
    return "" if value is None else value
