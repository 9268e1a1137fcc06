"""The tiers page's filters."""

from django import forms

NO_TIER = "none"


class TierFilterForm(forms.Form):
    team = forms.ModelChoiceField(queryset=None, required=False, empty_label="All your teams")
    tier = forms.ChoiceField(required=False)

    def __init__(self, *args, teams, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["tier"].choices = [("", "Any tier"), (NO_TIER, "No tier yet")] + [(str(t.pk), t.name) for t in tiers]

    @property
    def team_choices(self):
        return self.fields["team"].queryset.order_by("name").values_list("pk", "name")

    def filters(self, tiers) -> dict:
        if not self.is_valid():
            return {}
        value = self.cleaned_data["tier"]
        return {
            "team": self.cleaned_data["team"],
            "no_tier": value == NO_TIER,
            "tier": next((t for t in tiers if str(t.pk) == value), None),
        }
