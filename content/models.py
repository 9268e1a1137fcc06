"""The content hub: products, buying stages, the pages reps learn from, and who viewed what."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpResponseNotAllowed
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .admin_forms import SlugFromTitleForm, title_and_slug_panels
from .blocks import RICH_TEXT_FEATURES, ArticleStreamBlock, PlaybookStreamBlock


class ProductQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def core(self):
        return self.active().filter(is_core=True)


class Product(index.Indexed, models.Model):
    """An offering reps are certified on."""

    name = models.CharField(max_length=120)
    code = models.SlugField(
        max_length=40,
        unique=True,
        help_text="A short, unique code, as used in the CRM (for example 'PULSE').",
    )
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Inactive products are hidden from reps.")
    is_core = models.BooleanField(
        "core product",
        default=False,
        help_text="Every rep must know the core products (bronze tier needs level 1 on each).",
    )

    objects = ProductQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("active"),
        FieldPanel("is_core"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("code"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="product_name_unique_ci")]

    def __str__(self):
        return self.name


class BuyingStageForm(SlugFromTitleForm):
    title_field = "name"


class BuyingStage(models.Model):
    """A stage of the buying journey or a selling situation content is tagged with."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [*title_and_slug_panels("name"), FieldPanel("description"), FieldPanel("sort_order")]
    base_form_class = BuyingStageForm

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ReadOnlyPageMixin:
    """Content pages are read, never posted to: other methods get 405."""

    def serve(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().serve(request, *args, **kwargs)


class ContentPage(ReadOnlyPageMixin, Page):
    """What every piece of learning content shares: a summary and its products and stages.

    Never created on its own; articles, playbooks and case studies extend it, so
    listings, search and reach work across all of them with one table.
    """

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences shown in listings and search results.",
    )
    products = ParentalManyToManyField(Product, blank=True, related_name="pages")
    stages = ParentalManyToManyField(BuyingStage, blank=True, related_name="pages", verbose_name="buying stages")

    is_creatable = False
    parent_page_types = ["content.ContentIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("products", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Tagging",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("products", [index.SearchField("name"), index.SearchField("code")]),
        index.RelatedFields("stages", [index.SearchField("name")]),
    ]

    @property
    def type_label(self):
        return self.specific_class._meta.verbose_name if self.specific_class else "Page"


class ContentIndexPage(ReadOnlyPageMixin, Page):
    """A section of the learning hub: lists the content below it, with filters."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    subpage_types = ["content.ContentIndexPage", "content.ArticlePage", "content.PlaybookPage", "content.CaseStudyPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    page_size = 12

    class Meta:
        verbose_name = "content index"

    def get_context(self, request, *args, **kwargs):
        from .selectors import content_filter_options, content_list

        context = super().get_context(request, *args, **kwargs)
        filters = content_filter_options(request.GET)
        pages = content_list(within=self, **filters.cleaned)
        context["filters"] = filters
        context["page_obj"] = Paginator(pages, self.page_size).get_page(request.GET.get("page"))
        context["sections"] = self.get_children().live().type(ContentIndexPage).specific()
        return context


class ArticlePage(ContentPage):
    body = StreamField(ArticleStreamBlock(), use_json_field=True)

    content_panels = ContentPage.content_panels + [FieldPanel("body")]
    search_fields = ContentPage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "article"


class PlaybookPage(ContentPage):
    """A repeatable sales motion: ordered steps, each with the sales aids to use."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    steps = StreamField(PlaybookStreamBlock(), use_json_field=True)

    content_panels = ContentPage.content_panels + [FieldPanel("intro"), FieldPanel("steps")]
    search_fields = ContentPage.search_fields + [index.SearchField("intro"), index.SearchField("steps")]

    class Meta:
        verbose_name = "playbook"


class DealSizeBand(models.TextChoices):
    UNDER_25K = "lt25k", "Under $25k"
    FROM_25K = "25k-100k", "$25k – $100k"
    FROM_100K = "100k-500k", "$100k – $500k"
    OVER_500K = "gt500k", "Over $500k"


class CaseStudyPage(ContentPage):
    """How a deal was won, told so that other reps can repeat it."""

    customer = models.CharField(max_length=120)
    industry = models.CharField(max_length=80)
    deal_size_band = models.CharField(max_length=12, choices=DealSizeBand.choices)
    challenge = RichTextField(features=RICH_TEXT_FEATURES, help_text="What the customer was up against.")
    approach = RichTextField(features=RICH_TEXT_FEATURES, help_text="What the account team did.")
    result = RichTextField(features=RICH_TEXT_FEATURES, help_text="What changed for the customer, with numbers.")
    how_won = RichTextField(
        "how the deal was won", features=RICH_TEXT_FEATURES, help_text="The moves other reps can reuse."
    )
    model_video_url = models.URLField(
        "model video",
        blank=True,
        help_text="A recording of the winning pitch or a debrief (YouTube, Vimeo, Loom…).",
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("customer"), FieldPanel("industry"), FieldPanel("deal_size_band")],
            heading="The deal",
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("result"),
        FieldPanel("how_won"),
        FieldPanel("model_video_url"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("customer", boost=2),
        index.SearchField("industry"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("result"),
        index.SearchField("how_won"),
    ]

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"


CONTENT_PAGE_TYPES = (ArticlePage, PlaybookPage, CaseStudyPage)


class PageView(models.Model):
    """One person's views of one content page: who, which page, first and last seen, how often."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="page_views")
    page = models.ForeignKey(ContentPage, on_delete=models.CASCADE, related_name="views")
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="page_view_one_row_per_user_page")]
        indexes = [
            models.Index(fields=["page", "user"], name="page_view_page_user"),
            # Covers the reach report's per-page totals (views, last viewed) without reading rows.
            models.Index(fields=["page", "last_seen", "count"], name="page_view_page_reach"),
        ]

    def __str__(self):
        return f"{self.user_id} viewed {self.page_id} ×{self.count}"
