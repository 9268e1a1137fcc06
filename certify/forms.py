import re

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html

from .models import CertificationLevel, Role, Team, User


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Type it again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "The two passwords are not the same.")
        return cleaned


class TipForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title", help_text="One line: what to do, e.g. “Ask for the forecast review, not a demo”.")
    body = forms.CharField(
        max_length=5000,
        label="Your tip",
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="What you did and why it worked. Plain text with **bold**, *italic* and lines starting with “- ”.",
    )
    product = forms.ModelChoiceField(queryset=None, empty_label="Choose a product")
    stage = forms.ModelChoiceField(queryset=None, empty_label="Choose a stage or situation", label="Buying stage or situation")
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from content.models import BuyingStage, Product

        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.active()
        self.fields["stage"].queryset = BuyingStage.objects.all()


class TipFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search tips")
    product = forms.ModelChoiceField(queryset=None, required=False, empty_label="All products", to_field_name="code")
    stage = forms.ModelChoiceField(queryset=None, required=False, empty_label="All stages", to_field_name="slug")
    sort = forms.ChoiceField(required=False, choices=[], label="Sort by")
    verified = forms.BooleanField(required=False, label="Verified only")

    def __init__(self, *args, **kwargs):
        from content.models import BuyingStage, Product

        from .selectors import TIP_SORTS

        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.active()
        self.fields["stage"].queryset = BuyingStage.objects.all()
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in TIP_SORTS.items()]


class TipReplyForm(forms.Form):
    body = forms.CharField(max_length=2000, label="Reply", widget=forms.Textarea(attrs={"rows": 3}))


class TipModerationForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", "Hide"), ("show", "Show again"), ("verify", "Verify"), ("unverify", "Remove verification")])
    reason = forms.CharField(required=False, max_length=1000, label="Reason (shown to the author)")


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
