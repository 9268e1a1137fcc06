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


class EvaluationModerationForm(forms.Form):
    """A final score per criterion (required where the judges disagreed) and the reason for them.

    A field observation flagged because the second observer disagreed has no criterion the judges split on:
    every final score is optional there, and only the reason is required."""

    reason = forms.CharField(
        label="Why these final scores",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The panel and the rep's manager read this.",
        error_messages={"required": "Write the reason for the final scores."},
    )

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = {}
        whose = "the observer's score" if panel.evaluation.is_field_observation else "the panel's combined score"
        for row in panel.criteria:
            name = f"final_{row.key}"
            self.keys[name] = row.key
            empty = "Choose the final score" if row.flagged else f"Keep {whose} ({row.combined:.2f})"
            self.fields[name] = forms.TypedChoiceField(
                label=row.name,
                choices=[("", empty)] + [(level["score"], f"{level['score']} — {level['label']}") for level in row.levels],
                coerce=int,
                empty_value=None,
                required=row.flagged,
                help_text=(
                    f"The judges' scores are {row.spread} apart here: set the final score."
                    if row.flagged
                    else f"Optional: leave it to keep {whose}."
                ),
                error_messages={"required": "The judges disagreed here: choose the final score."},
            )
        self.order_fields([*self.keys, "reason"])

    def final_scores(self) -> dict:
        return {key: self.cleaned_data[name] for name, key in self.keys.items() if self.cleaned_data.get(name) is not None}
