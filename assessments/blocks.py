"""StreamField blocks for assessment guides: a criterion and the levels it is scored at."""

from django.core.exceptions import ValidationError
from wagtail.blocks import (
    BooleanBlock,
    CharBlock,
    IntegerBlock,
    ListBlock,
    PageChooserBlock,
    StructBlock,
    StructBlockValidationError,
    TextBlock,
)

DEFAULT_LEVELS = [
    {"score": 1, "label": "Below", "descriptor": ""},
    {"score": 2, "label": "Meets", "descriptor": ""},
    {"score": 3, "label": "Exceeds", "descriptor": ""},
]


class ScoreLevelBlock(StructBlock):
    score = IntegerBlock(min_value=0, max_value=10)
    label = CharBlock(max_length=40, help_text="A word or two, such as “Meets”.")
    descriptor = TextBlock(help_text="What a performance at this level looks like.")

    class Meta:
        icon = "order"
        label = "Level"


class CriterionBlock(StructBlock):
    name = CharBlock(max_length=120)
    good = TextBlock(label="What good looks like")
    weight = IntegerBlock(min_value=1, max_value=100, default=1, help_text="Its share of the combined score.")
    must_pass = BooleanBlock(
        required=False, help_text="A combined score below “meets” here fails the whole assessment."
    )
    levels = ListBlock(ScoreLevelBlock(), default=DEFAULT_LEVELS, min_num=2, max_num=6, label="Scored levels")
    study_pages = ListBlock(
        PageChooserBlock(target_model="content.ContentPage", label="Content page"),
        default=[],
        min_num=0,
        label="Study material",
        help_text="Suggested to reps who score low on this criterion.",
    )

    class Meta:
        icon = "list-ul"
        label = "Criterion"

    def clean(self, value):
        value = super().clean(value)
        scores = [level["score"] for level in value["levels"]]
        if len(set(scores)) != len(scores):
            raise StructBlockValidationError(
                block_errors={"levels": ValidationError("Each level needs its own score.")}
            )
        return value
