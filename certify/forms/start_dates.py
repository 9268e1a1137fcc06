"""Importing people's start dates from a CSV file: the file, how its dates are written, check only or import."""

from django import forms

from ..start_date_import import (
    DEFAULT_DATE_FORMAT,
    MAX_FILE_BYTES,
    MAX_ROWS,
    START_DATE_FORMATS,
)


class StartDateImportForm(forms.Form):
    """Importing people's start dates: the file, how its dates are written, and whether only to check it."""

    file = forms.FileField(
        label="CSV file of start dates",
        help_text="Two columns with a header line: email,start_date — one person a row. Up to 2 MB and "
        f"{MAX_ROWS:,} rows. Importing the same file again changes nothing.",
    )
    date_format = forms.ChoiceField(
        label="Dates in the file look like", choices=START_DATE_FORMATS, initial=DEFAULT_DATE_FORMAT
    )
    dry_run = forms.BooleanField(
        label="Check only — show what would change without importing",
        required=False,
        initial=True,
        help_text="Every row is checked as for an import, and nothing is saved. Untick it to import.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("That file is over 2 MB: split it and import each part.")
        return upload
