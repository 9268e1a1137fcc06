"""The level editor shows each level only the fields it uses: a quiz for level 1, a guide and role-plays for
level 2, a guide and a second observer for level 3.

Fields for the other levels are rendered hidden (so a level-1-only certification shows none of them) and
Wagtail's rules controller (w-rules) shows them as soon as the level's number is changed, in new levels too.
"""

import json

from wagtail.admin.panels import MultiFieldPanel


class LevelPanel(MultiFieldPanel):
    """One level's fields; changing its number shows and hides the ForLevels panels inside."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        @property
        def attrs(self):
            return {**self.panel.attrs, "data-controller": "w-rules", "data-action": "change->w-rules#resolve"}


class ForLevels(MultiFieldPanel):
    """Fields that only levels `numbers` use."""

    def __init__(self, children=(), *args, numbers=(), **kwargs):
        self.numbers = tuple(numbers)
        super().__init__(children, *args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "numbers": self.numbers}

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def level_number(self):
            field = self.form["number"]
            value = field.value()
            return str(value) if value not in (None, "") else ""

        @property
        def attrs(self):
            attrs = {
                **self.panel.attrs,
                "data-w-rules-target": "show",
                "data-w-rules": json.dumps({self.form.add_prefix("number"): [str(n) for n in self.panel.numbers]}),
            }
            if self.level_number() not in {str(n) for n in self.panel.numbers}:
                attrs["hidden"] = ""
            return attrs
