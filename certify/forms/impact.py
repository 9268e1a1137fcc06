"""The impact pages' filters: which team, which certification, over which window of time."""

from django import forms

from ..models import PENALTY_MAX, WEIGHT_MAX, Certification
from ..selectors.impact import (
    BEFORE_AFTER_DAYS,
    COHORTS,
    DEFAULT_BEFORE_AFTER_DAYS,
    DEFAULT_COHORT,
    DEFAULT_WINDOW_MONTHS,
    STALLED_DAYS_DEFAULT,
    STALLED_DAYS_MAX,
    STALLED_DAYS_MIN,
    WINDOW_MONTHS,
    impact_scope,
)
from .fields import ListSelect


class ImpactFilterForm(forms.Form):
    team = forms.ModelChoiceField(queryset=None, required=False, empty_label="All your teams", widget=ListSelect)
    certification = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Every certification",
        widget=ListSelect,
    )
    months = forms.TypedChoiceField(
        label="Over the last",
        coerce=int,
        required=False,
        empty_value=DEFAULT_WINDOW_MONTHS,
        choices=[(months, f"{months} months") for months in WINDOW_MONTHS],
        widget=ListSelect,
    )

    def __init__(self, *args, teams, certifications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams.only("pk", "name").order_by("name")  # a team is named by its name
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


def _formula_number(label, *, maximum, help_text):
    return forms.DecimalField(
        label=label, min_value=0, max_value=maximum, max_digits=5, decimal_places=2, help_text=help_text,
        error_messages={
            "min_value": f"Enter a number from 0 to {maximum}.",
            "max_value": f"Enter a number from 0 to {maximum}.",
            "max_decimal_places": "Use at most two decimal places.",
            "required": "Enter a number (0 leaves this part out).",
        },
    )  # fmt: skip


class ReadinessFormulaForm(forms.Form):
    """New weights for the readiness index: each level 0–10, each penalty 0–100 points; at least one level weighs."""

    weight_level_1 = _formula_number("Weight of level 1", maximum=WEIGHT_MAX, help_text="Content mastery (0–10).")
    weight_level_2 = _formula_number("Weight of level 2", maximum=WEIGHT_MAX, help_text="Application (0–10).")
    weight_level_3 = _formula_number("Weight of level 3", maximum=WEIGHT_MAX, help_text="Field execution (0–10).")
    overdue_penalty = _formula_number(
        "Points off per overdue level",
        maximum=PENALTY_MAX,
        help_text="A required level not held by its due date (0–100).",
    )
    expiring_penalty = _formula_number(
        "Points off per level expiring soon",
        maximum=PENALTY_MAX,
        help_text="A required level held, whose award ends within the warning days (0–100).",
    )

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(name) for name in ("weight_level_1", "weight_level_2", "weight_level_3")]
        if all(weight is not None for weight in weights) and not any(weights):
            raise forms.ValidationError("At least one level must weigh more than 0, or no rep could have an index.")
        return cleaned


class StrugglingFilterForm(ImpactFilterForm):
    """The shared filters, and how many days in a level before a rep with the next level assigned counts as stalled."""

    stalled_days = forms.IntegerField(
        label="Stalled after (days)",
        required=False,
        min_value=STALLED_DAYS_MIN,
        max_value=STALLED_DAYS_MAX,
        help_text=f"Holding a level this long with the next one assigned and not held ({STALLED_DAYS_MIN}–{STALLED_DAYS_MAX}).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stalled_days"].initial = STALLED_DAYS_DEFAULT
        self.fields["stalled_days"].widget.attrs.update({"min": STALLED_DAYS_MIN, "max": STALLED_DAYS_MAX})

    def stalled_days_chosen(self) -> int:
        """The threshold chosen; what does not validate falls back to the default."""
        if self.is_bound and self.is_valid() and self.cleaned_data.get("stalled_days") is not None:
            return self.cleaned_data["stalled_days"]
        return STALLED_DAYS_DEFAULT


class NudgeForm(forms.Form):
    """Which of the rep's overdue levels the nudge is about (only those are offered)."""

    level = forms.TypedChoiceField(label="Overdue level", coerce=int, choices=())

    def __init__(self, *args, overdue_levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.overdue_levels = {item.level.pk: item for item in overdue_levels}
        self.fields["level"].choices = [(pk, item.text) for pk, item in self.overdue_levels.items()]
        self.fields["level"].error_messages["invalid_choice"] = "Choose one of the rep's overdue levels."
        self.fields["level"].error_messages["required"] = "Choose which overdue level the nudge is about."

    def chosen(self):
        """The OverdueLevel chosen (after is_valid)."""
        return self.overdue_levels[self.cleaned_data["level"]]


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
