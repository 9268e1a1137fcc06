"""The rich text editor every admin form uses (settings.WAGTAILADMIN_RICH_TEXT_EDITORS)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail editor, named by its field's label for screen readers.

    The label points at a hidden input, so the editable area itself had no accessible name; Wagtail gives the
    label the id "<input id>-label" and Draftail takes `ariaLabelledBy` from the widget's options.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field_id = (attrs or {}).get("id")
        if field_id:
            options = {**self.options, "ariaLabelledBy": f"{field_id}-label"}
            context["widget"]["attrs"]["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
