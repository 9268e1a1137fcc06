"""The impact pages' filters: which team, which certification, over which window of time."""

from django import forms

from ..models import Certification
from ..selectors.impact import (
    DEFAULT_WINDOW_MONTHS,
    STALLED_DAYS_DEFAULT,
    STALLED_DAYS_MAX,
    STALLED_DAYS_MIN,
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
