from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.exceptions import ImportRefused
from assessments.forms import format_for
from assessments.models import QuestionBank
from assessments.services import questions_import


class Command(BaseCommand):
    help = "Import single-answer, multiple-answer and true/false questions from a GIFT or Moodle XML file into a bank."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The GIFT (.txt, .gift) or Moodle XML (.xml) file.")
        parser.add_argument("--bank", required=True, help="The question bank's name.")
        parser.add_argument("--format", choices=["gift", "xml"], help="Default: .xml is Moodle XML, anything else GIFT.")
        parser.add_argument("--create-bank", action="store_true", help="Create the bank if there is none of that name.")

    def handle(self, *args, path, bank, format=None, create_bank=False, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        if create_bank:
            question_bank, _ = QuestionBank.objects.get_or_create(name=bank)
        else:
            question_bank = QuestionBank.objects.filter(name=bank).first()
            if question_bank is None:
                raise CommandError(f"No question bank is called “{bank}”. Add --create-bank to create it.")
        try:
            summary = questions_import(
                actor=None,
                bank=question_bank,
                file_name=file.name,
                data=file.read_bytes(),
                file_format=format or format_for(file.name),
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{file.name} into “{question_bank}”: {summary.created} new, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped."
        )
        for item in summary.skipped:
            where = f"line {item['line']}" if item["line"] else f"position {item['position']}"
            self.stdout.write(f"  skipped {item['kind']} “{item['name']}” ({where})")
        for item in summary.dropped:
            where = f"line {item['line']}" if item["line"] else f"position {item['position']}"
            self.stdout.write(f"  left out of “{item['name']}” ({where}): {', '.join(item['dropped'])}")
        for item in summary.shortened:
            where = f"line {item['line']}" if item["line"] else f"position {item['position']}"
            self.stdout.write(
                f"  shortened the {item['field']} of “{item['name']}” ({where}) from {item['length']} to {item['kept']} characters"
            )
