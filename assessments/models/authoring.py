"""The admin forms authors fill in for questions and quizzes, and the rules they check before saving.

A choice's mark is stored as a share of the question's mark (-1 to 1, as grading and past attempts
read it) and always shown and typed as a percentage (-100 to 100, as Moodle authors write it).
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

HUNDRED = Decimal(100)


def validate_choices(kind: str, fractions: list) -> None:
    """A question can be graded only if some choice earns the mark (fractions are shares, -1 to 1)."""
    from .quizzes import QuestionKind

    if len(fractions) < 2:
        raise ValidationError("A question needs at least two choices.")
    positive = [fraction for fraction in fractions if fraction > 0]
    if kind == QuestionKind.TRUE_FALSE:
        if len(fractions) != 2 or sorted(fractions) != [Decimal(0), Decimal(1)]:
            raise ValidationError("A true-or-false question has two choices: one marked 100 %, the other 0 %.")
    elif kind == QuestionKind.SINGLE:
        if max(fractions) != 1:
            raise ValidationError("A single-answer question needs one choice marked 100 %.")
    elif not positive:
        raise ValidationError("A multiple-answer question needs at least one choice with a positive mark.")
    elif sum(positive) != 1 and abs(sum(positive) - 1) > Decimal("0.01"):
        raise ValidationError("The marks of the right choices must add up to 100 %.")


def percent(fraction) -> Decimal:
    """A stored share (0.5) as the percentage people read (50), without trailing zeros."""
    value = (Decimal(str(fraction)) * HUNDRED).quantize(Decimal("0.01"))
    return value.to_integral() if value == value.to_integral() else value.normalize()


class PercentMarkField(forms.DecimalField):
    """Shows and takes a percentage from -100 to 100; cleans to the share the model stores."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", -HUNDRED)
        kwargs.setdefault("max_value", HUNDRED)
        kwargs.setdefault("label", "Mark (%)")
        kwargs.setdefault("help_text", "From -100 to 100 % of the question's mark: 100 for the right answer.")
        kwargs.setdefault("widget", forms.NumberInput(attrs={"step": "any", "min": "-100", "max": "100"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # Bound data comes back as the text the author typed (already a percentage); stored values are shares.
        if value is None or value == "" or isinstance(value, str):
            return value
        return percent(value)

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else value / HUNDRED

    def has_changed(self, initial, data):
        return super().has_changed(None if initial is None else percent(initial), data)


class ChoiceForm(WagtailAdminModelForm):
    fraction = PercentMarkField()


class ChoicesPanel(InlinePanel):
    """The question's choices, each mark typed as a percentage."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = ChoiceForm
        return options


class QuestionForm(WagtailAdminModelForm):
    """Refuses a question that could not be graded: the choices' marks must fit its kind."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return cleaned
        fractions = [
            form.cleaned_data["fraction"]
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("fraction") is not None
        ]
        try:
            validate_choices(cleaned.get("kind"), fractions)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class QuizForm(WagtailAdminModelForm):
    """Refuses a draw the banks cannot serve: each section draws at most the active questions its bank has
    left (two sections on one bank share its questions, as the draw does)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("sections") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return cleaned
        from ..selectors import active_question_counts

        sections = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("bank")
        ]
        left = active_question_counts([form.cleaned_data["bank"].pk for form in sections])
        seen = set()
        for form in sections:
            bank, count = form.cleaned_data["bank"], form.cleaned_data.get("count") or 0
            available = left.get(bank.pk, 0)
            if count > available:
                questions = f"{available} active question{'' if available == 1 else 's'}"
                has = f"“{bank}” has {questions}" + (" left after the sections above" if bank.pk in seen else "")
                form.add_error("count", f"{has}: draw at most {available}, or add questions to the bank first.")
            left[bank.pk] = max(available - count, 0)
            seen.add(bank.pk)
        return cleaned
