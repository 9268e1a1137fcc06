"""The readiness grid's filter."""

from django import forms


class ReadinessFilterForm(forms.Form):
    certification = forms.ChoiceField(
        label="Certification",
        required=False,
        error_messages={"invalid_choice": "That certification is not one this team works on: choose one from the list."},
    )

    def __init__(self, *args, certifications, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_slug = {certification.slug: certification for certification in certifications}
        self.fields["certification"].choices = [("", "All certifications")] + [
            (certification.slug, certification.title) for certification in certifications
        ]

    def chosen(self):
        """The certification filtered on, or None for all of them (and for a value not on the list)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.by_slug.get(self.cleaned_data["certification"])
