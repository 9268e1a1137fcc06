"""StreamField blocks for the content hub; each renders with its own template."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Section heading"), ("h3", "Sub-heading")], default="h2")

    class Meta:
        icon = "title"
        template = "content/blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("warning", "Watch out"), ("key", "Key point")],
        default="key",
    )
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "content/blocks/callout_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A link to the video (YouTube, Vimeo, Loom…)")
    caption = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "media"
        template = "content/blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/document_block.html"


RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol", "h3", "h4", "blockquote"]


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    video = VideoBlock()
    document = DocumentBlock()


class SalesAidBlock(blocks.StructBlock):
    """One sales aid used in a playbook step: a document, a page of the hub or an outside link."""

    title = blocks.CharBlock(max_length=120)
    document = DocumentChooserBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="Link")

    class Meta:
        icon = "link"
        template = "content/blocks/sales_aid_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        given = [name for name in ("document", "page", "url") if value.get(name)]
        if len(given) != 1:
            raise StructBlockValidationError(
                block_errors={"title": ValidationError("Choose exactly one of: a document, a page or a link.")}
            )
        return value


class PlaybookStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    guidance = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    aids = blocks.ListBlock(SalesAidBlock(), required=False, label="Sales aids", default=[])

    class Meta:
        icon = "list-ol"
        template = "content/blocks/playbook_step_block.html"


class PlaybookStreamBlock(blocks.StreamBlock):
    step = PlaybookStepBlock()
