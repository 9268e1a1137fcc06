"""Admin forms shared by our snippets: a slug the author may leave empty fills in from the title."""

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput


def title_and_slug_panels(title="title", slug="slug"):
    """The title, whose typing fills the slug in (Wagtail's own title-to-slug sync), and the slug."""
    return [TitleFieldPanel(title, targets=[slug], placeholder=False), FieldPanel(slug, widget=SlugInput)]


class SlugFromTitleForm(WagtailAdminModelForm):
    """Without JavaScript too: a slug left empty is made from the title (a taken one is refused as usual)."""

    title_field, slug_field = "title", "slug"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.slug_field in self.fields:
            self.fields[self.slug_field].required = False
            self.fields[self.slug_field].help_text = (
                (self.fields[self.slug_field].help_text or "") + " Left empty, it is made from the "
                + self._meta.model._meta.get_field(self.title_field).verbose_name + "."
            ).strip()

    def clean(self):
        cleaned = super().clean()
        if self.slug_field in self.fields and not cleaned.get(self.slug_field) and cleaned.get(self.title_field):
            max_length = self._meta.model._meta.get_field(self.slug_field).max_length
            cleaned[self.slug_field] = slugify(cleaned[self.title_field])[:max_length].strip("-")
            if not cleaned[self.slug_field]:
                self.add_error(self.slug_field, "Type a slug: the title has no letters or digits to make one from.")
        return cleaned
