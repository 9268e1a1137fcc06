import re

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html

from .deal_import import (
    CURRENCY_CODE,
    COLUMNS,
    DATE_FORMATS,
    DEFAULT_CURRENCY,
    DEFAULT_DATE_FORMAT,
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    TOO_BIG,
)
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


def _column_field(name: str, label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        initial=COLUMNS[name],
        max_length=200,
        required=name not in OPTIONAL_COLUMNS,
        help_text=help_text,
    )


class DealImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file from the CRM",
        help_text="In Salesforce: run an opportunity report, then Export → Details only → CSV. "
        "Up to 10 MB. Importing the same file again changes nothing.",
    )
    date_format = forms.ChoiceField(
        label="Dates in the file look like",
        choices=DATE_FORMATS,
        initial=DEFAULT_DATE_FORMAT,
        help_text="A time after the date, if any, is left out.",
    )
    default_currency = forms.CharField(
        label="Currency when the file has none",
        initial=DEFAULT_CURRENCY,
        max_length=3,
        help_text="A three-letter code such as USD or EUR, for files without a currency column.",
    )
    column_external_id = _column_field(
        "external_id", "Column with the CRM id", "The deal's id in the CRM: importing it again updates that deal."
    )
    column_rep_email = _column_field(
        "rep_email",
        "Column with the rep's email",
        "The deal's owner; they must be an active rep here, with the same email.",
    )
    column_account = _column_field("account", "Column with the account", "The customer's name.")
    column_amount = _column_field(
        "amount", "Column with the amount", "Like 12500, 12,500.00, $12,500.00 or USD 12,500.00."
    )
    column_currency = _column_field(
        "currency", "Column with the currency", "Optional: without this column, the currency above applies."
    )
    column_close_date = _column_field("close_date", "Column with the close date", "In the format chosen above.")
    column_stage = _column_field(
        "stage",
        "Column with the stage",
        "Optional: if the file has it, only rows at “Closed Won” (or “Won”) come in; "
        "the others are counted as skipped.",
    )
    dry_run = forms.BooleanField(
        label="Check only — show what would change without importing",
        required=False,
        help_text="Every row is checked as for an import, and nothing is saved.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"That file {TOO_BIG}")
        return upload

    def clean_default_currency(self):
        currency = self.cleaned_data["default_currency"].strip().upper()
        if not CURRENCY_CODE.fullmatch(currency):
            raise forms.ValidationError("Enter a three-letter code such as USD.")
        return currency

    def mapping(self) -> dict:
        return {name: self.cleaned_data[f"column_{name}"] for name in COLUMNS}
