"""Enablement's certification forms: assigning a level, granting and revoking awards."""

import re

from django import forms

from ..dates import ASSIGNMENT_FUTURE_DAYS
from ..models import CertificationLevel, Role, Team, User
from .fields import date_in_window


class AssignmentForm(forms.Form):
    level = forms.ModelChoiceField(
        queryset=CertificationLevel.objects.filter(certification__active=True)
        .select_related("certification")
        .order_by("certification__title", "number"),
        label="Certification level",
    )
    users = forms.CharField(
        required=False,
        label="Reps",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Their email addresses, one per line or separated by commas (paste a column from a spreadsheet).",
    )
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.order_by("name"),
        required=False,
        label="Whole teams",
        help_text="Everyone on the team, including people who join later.",
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(label="Due by", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_due_date(self):
        # A date already past is refused by the service, with its own message.
        return date_in_window(self.cleaned_data["due_date"], past_days=None, future_days=ASSIGNMENT_FUTURE_DAYS)

    def clean_users(self):
        emails = {User.objects.normalize_email(part) for part in re.split(r"[\s,;]+", self.cleaned_data["users"])} - {""}
        reps = list(User.objects.filter(is_active=True, groups__name=Role.REP.label, email__in=emails))
        unknown = sorted(emails - {rep.email for rep in reps})
        if unknown:
            raise forms.ValidationError(f"No active rep has these addresses: {', '.join(unknown)}. Nothing was assigned.")
        return reps

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("users") and not cleaned.get("teams") and not self.errors:
            raise forms.ValidationError("Name at least one rep or choose a team.")
        return cleaned


class AwardRevokeForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The rep and their manager will read this.",
    )


class AwardGrantForm(forms.Form):
    user = forms.EmailField(label="Rep's email address")
    level = forms.ModelChoiceField(
        queryset=CertificationLevel.objects.select_related("certification").order_by("certification__title", "number"),
        label="Certification level",
    )
    note = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="On what grounds",
        help_text="For example: “Passed the equivalent certification at a previous employer, checked by …”.",
    )

    def clean_user(self):
        email = User.objects.normalize_email(self.cleaned_data["user"])
        rep = User.objects.filter(is_active=True, groups__name=Role.REP.label, email=email).first()
        if rep is None:
            raise forms.ValidationError(f"No active rep has the address {email}.")
        return rep
