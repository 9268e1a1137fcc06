"""Importing closed-won deals from a CRM export: the file, the column mapping and the date format."""

from django import forms

from ..importers import (
    COLUMNS,
    CURRENCY_CODE,
    DATE_FORMATS,
    DEFAULT_CURRENCY,
    DEFAULT_DATE_FORMAT,
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    TOO_BIG,
)


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

    def __init__(self, *args, kept=None, **kwargs):
        """`kept`: the file checked last (a dry run), imported when no other file is chosen."""
        super().__init__(*args, **kwargs)
        self.kept = kept
        if kept is not None:
            self.fields["file"].required = False
            self.fields["file"].help_text = (
                f"Leave empty to use “{kept.name}”, the file you checked. " + self.fields["file"].help_text
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
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
