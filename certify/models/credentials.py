"""Who issues the credentials a rep carries outside the platform (a site setting, edited in the Wagtail admin)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="tick-inverse")
class IssuerSettings(BaseGenericSetting):
    """The issuer named on every certificate, verification page and Open Badges credential."""

    name = models.CharField(
        "issuer name", max_length=120, default="Certifiable", help_text="The organisation that certifies its reps."
    )
    url = models.URLField("issuer website", blank=True, help_text="The organisation's public website.")
    email = models.EmailField("contact email", blank=True)
    description = models.CharField(max_length=300, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Printed on certificates (PNG or JPEG).",
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("email"), FieldPanel("description"), FieldPanel("logo")]

    class Meta:
        verbose_name = "credential issuer"

    def __str__(self):
        return self.name
