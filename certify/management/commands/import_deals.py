from argparse import ArgumentTypeError
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certify.exceptions import DomainError
from certify.importers import COLUMNS, DATE_FORMAT_SHAPES, DEFAULT_CURRENCY, DEFAULT_DATE_FORMAT, DealImportRefused
from certify.services import deals_import

# --date-format takes the strftime format or its shape: "%d.%m.%Y" or "DD.MM.YYYY".
DATE_FORMAT_BY_SHAPE = {shape.casefold(): date_format for date_format, shape in DATE_FORMAT_SHAPES.items()}


def date_format_argument(value: str) -> str:
    if value in DATE_FORMAT_SHAPES:
        return value
    if value.casefold() in DATE_FORMAT_BY_SHAPE:
        return DATE_FORMAT_BY_SHAPE[value.casefold()]
    raise ArgumentTypeError(f"unknown date format “{value}”: use one of {', '.join(DATE_FORMAT_SHAPES.values())}.")


class Command(BaseCommand):
    help = (
        "Import closed-won deals from a CRM report exported as CSV (a Salesforce opportunity report as it is), "
        "all or nothing. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file.")
        parser.add_argument(
            "--map",
            action="append",
            dest="mappings",
            default=[],
            metavar="FIELD=HEADER",
            help="The file's header for a field, when it is not Salesforce's; repeat for each. Fields (and "
            "defaults): " + ", ".join(f"{name} ({header})" for name, header in COLUMNS.items()) + ".",
        )
        parser.add_argument(
            "--date-format",
            default=DEFAULT_DATE_FORMAT,
            type=date_format_argument,
            metavar="FORMAT",
            help="How close dates are written: " + ", ".join(DATE_FORMAT_SHAPES.values()) + " (default MM/DD/YYYY).",
        )
        parser.add_argument(
            "--currency",
            default=DEFAULT_CURRENCY,
            help=f"The currency of deals when the file has no currency column (default {DEFAULT_CURRENCY}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and show what would change, without importing."
        )

    def handle(self, *args, path, mappings, date_format, currency, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        mapping = {}
        for item in mappings:
            name, sep, header = item.partition("=")
            name, header = name.strip(), header.strip()
            if not sep or not header:
                raise CommandError(f"--map {item}: write it as FIELD=HEADER, e.g. --map 'rep_email=Deal owner email'.")
            if name not in COLUMNS:
                raise CommandError(f"--map {item}: no field is called {name}. The fields are: {', '.join(COLUMNS)}.")
            mapping[name] = header
        try:
            summary = deals_import(
                actor=None,
                file_name=file.name,
                data=file.read_bytes(),
                mapping=mapping,
                date_format=date_format,
                default_currency=currency,
                dry_run=dry_run,
            )
        except DealImportRefused as error:
            lines = [] if error.errors == [str(error)] else [f"  {line}" for line in error.errors]
            raise CommandError("\n".join([str(error), *lines])) from error
        except DomainError as error:
            raise CommandError(str(error)) from error
        if summary.dry_run:
            self.stdout.write(f"{file.name}, check only — nothing was imported. It would bring: {summary.counts}.")
        else:
            self.stdout.write(f"{file.name} imported: {summary.counts}.")
        for change in summary.changes:
            self.stdout.write(f"  {change}")
