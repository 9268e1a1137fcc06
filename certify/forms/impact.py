"""The impact pages' filters: which team, which certification, over which window of time."""

from django import forms

from ..models import Certification
from ..selectors.impact import COHORTS, DEFAULT_COHORT, DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, impact_scope


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


class RampFilterForm(ImpactFilterForm):
    """Time to certify and ramp: the team, the window (by start date) and how reps are grouped into hire cohorts.
    Tiers and deals are not per certification, so there is no certification to choose."""

    cohort = forms.ChoiceField(label="Hire cohorts by", choices=COHORTS, required=False, initial=DEFAULT_COHORT)
    field_order = ["team", "months", "cohort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["certification"]

    def cohort_chosen(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("cohort") or DEFAULT_COHORT
