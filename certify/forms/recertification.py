"""Asking the holders of a level whose content changed to recertify by a date."""

from django import forms

from ..models import NOTE_MAX, RECERTIFY_LATEST_DAYS, CertificationLevel


class LevelChangeForm(forms.Form):
    level = forms.ModelChoiceField(
        queryset=CertificationLevel.objects.filter(certification__active=True)
        .select_related("certification")
        .order_by("certification__title", "number"),
        label="Certification level",
        help_text="The level whose quiz, guide or study material changed materially.",
    )
    recertify_by = forms.DateField(
        label="Holders recertify by", widget=forms.DateInput(attrs={"type": "date"}),
        help_text=f"From 7 days to a year ahead ({RECERTIFY_LATEST_DAYS} days). Awards stay valid until the end of this day.",
    )  # fmt: skip
    note = forms.CharField(
        label="What changed", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences, in the email holders receive (at most 300 characters).",
    )  # fmt: skip
