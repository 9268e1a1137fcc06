"""The impact pages' filters: which team, which certification, over which window of time."""

from django import forms

from ..models import Certification
from ..selectors.impact import (
    BEFORE_AFTER_DAYS,
    DEFAULT_BEFORE_AFTER_DAYS,
    DEFAULT_WINDOW_MONTHS,
    WINDOW_MONTHS,
    impact_scope,
)


class ImpactFilterForm(forms.Form):
    team = forms.ModelChoiceField(queryset=None, required=False, empty_label="All your teams")
    certification = forms.ModelChoiceField(queryset=None, required=False, empty_label="Every certification")
    months = forms.TypedChoiceField(
        label="Over the last",
        coerce=int,
        required=False,
        empty_value=DEFAULT_WINDOW_MONTHS,
        choices=[(months, f"{months} months") for months in WINDOW_MONTHS],
    )

    def __init__(self, *args, teams, certifications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams.order_by("name")
        self.fields["certification"].queryset = (
            certifications if certifications is not None else Certification.objects.filter(active=True)
        ).order_by("title")
        self.fields["months"].initial = DEFAULT_WINDOW_MONTHS

    def scope(self, viewer, **kwargs):
        """The scope the form chose; what does not validate falls back to every team, certification and a year."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return impact_scope(
            viewer=viewer,
            team=data.get("team"),
            certification=data.get("certification"),
            months=data.get("months") or DEFAULT_WINDOW_MONTHS,
            **kwargs,
        )


class CertifiedFilterForm(ImpactFilterForm):
    """Certified versus not: the shared filters, and how many days before and after a first award to compare."""

    days = forms.TypedChoiceField(
        label="Days before and after certifying",
        coerce=int,
        required=False,
        empty_value=DEFAULT_BEFORE_AFTER_DAYS,
        choices=[(days, f"{days} days") for days in BEFORE_AFTER_DAYS],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = DEFAULT_BEFORE_AFTER_DAYS

    def days_around(self) -> int:
        """The days chosen; what does not validate falls back to the default."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("days") or DEFAULT_BEFORE_AFTER_DAYS
