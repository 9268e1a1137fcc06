from django import forms

from .models import QuestionBank, Quiz

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def format_for(file_name: str) -> str:
    return "xml" if file_name.lower().endswith(".xml") else "gift"


class QuestionImportForm(forms.Form):
    bank = forms.ModelChoiceField(queryset=QuestionBank.objects.all(), label="Into the bank")
    file = forms.FileField(
        label="GIFT or Moodle XML file",
        help_text="Single-answer, multiple-answer and true/false questions come in; other types are listed as skipped. "
        "Importing the same file again updates the questions it brought in.",
    )
    file_format = forms.ChoiceField(
        label="Format",
        choices=[("", "From the file name (.xml is Moodle XML, anything else GIFT)"), ("gift", "GIFT"), ("xml", "Moodle XML")],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("That file is over 5 MB; split it into smaller files.")
        return upload

    def chosen_format(self) -> str:
        return self.cleaned_data["file_format"] or format_for(self.cleaned_data["file"].name)


class ItemAnalysisFilterForm(forms.Form):
    quiz = forms.ModelChoiceField(queryset=Quiz.objects.all(), required=False, empty_label="All quizzes")
    bank = forms.ModelChoiceField(queryset=QuestionBank.objects.all(), required=False, empty_label="All banks")
