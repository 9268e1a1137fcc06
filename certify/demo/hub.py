"""The demo learning hub: the catalogue, the hub as the default site's root, its sections and their pages."""

from wagtail.models import Page, Site

from content.models import ArticlePage, BuyingStage, CaseStudyPage, ContentIndexPage, ContentPage, PlaybookPage, Product

from .data.articles import ARTICLES
from .data.case_studies import CASE_STUDIES
from .data.catalogue import PRODUCTS, STAGES
from .data.playbooks import PLAYBOOKS

SECTIONS = [
    ("articles", "Articles", "<p>Product primers, selling skills and how we position against the competition.</p>"),
    ("playbooks", "Playbooks", "<p>Step-by-step motions that work, with the sales aids for each step.</p>"),
    ("case-studies", "Case studies", "<p>How deals were won, told so that you can win the next one.</p>"),
]


def products() -> dict:
    """The demo products by code, created where missing."""
    products = {}
    for item in PRODUCTS:
        product, _ = Product.objects.get_or_create(
            code=item["code"],
            defaults={"name": item["name"], "description": item["description"], "is_core": item["is_core"]},
        )
        products[item["code"]] = product
    return products


def stages() -> dict:
    """The buying stages by slug, created where missing."""
    stages = {}
    for order, item in enumerate(STAGES):
        stage, _ = BuyingStage.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "description": item["description"], "sort_order": order},
        )
        stages[item["slug"]] = stage
    return stages


def hub_page():
    """The learning hub is the default site's root page, with one section per kind of content."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = Page.get_first_root_node()
    hub = ContentIndexPage.objects.filter(depth=2).first()
    if hub is None:
        hub = ContentIndexPage(
            title="Learning hub",
            slug="learning-hub",
            intro="<p>Everything you need to sell Helix: primers, playbooks and the stories of deals we won.</p>",
        )
        root.add_child(instance=hub)
        hub.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=hub, is_default_site=True, site_name="Certifiable")
    elif site.root_page_id != hub.pk:
        old_root = site.root_page
        site.root_page = hub
        site.site_name = site.site_name or "Certifiable"
        site.save()
        # Wagtail's placeholder welcome page goes once it no longer roots the site.
        if old_root.specific_class is Page and old_root.slug == "home" and not old_root.get_children().exists():
            old_root.delete()
    for slug, title, intro in SECTIONS:
        if not hub.get_children().filter(slug=slug).exists():
            section = ContentIndexPage(title=title, slug=slug, intro=intro)
            hub.add_child(instance=section)
            section.save_revision().publish()
    return hub


def section(hub, slug):
    """One of the hub's sections (articles, playbooks, case-studies)."""
    return hub.get_children().get(slug=slug).specific


def _publish(parent, page, products, stages, item):
    parent.add_child(instance=page)
    page.products.set([products[code] for code in item["products"]])
    page.stages.set([stages[slug] for slug in item["stages"]])
    page.save_revision().publish()


def content(hub, products, stages):
    """The demo articles, case studies and playbooks, each published once."""
    existing = set(Page.objects.descendant_of(hub).values_list("slug", flat=True))
    articles = section(hub, "articles")
    for item in ARTICLES:
        if item["slug"] in existing:
            continue
        page = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=[(kind, value) for kind, value in item["body"]],
        )
        _publish(articles, page, products, stages, item)
    cases = section(hub, "case-studies")
    for item in CASE_STUDIES:
        if item["slug"] in existing:
            continue
        page = CaseStudyPage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            customer=item["customer"],
            industry=item["industry"],
            deal_size_band=item["deal_size_band"],
            challenge=item["challenge"],
            approach=item["approach"],
            result=item["result"],
            how_won=item["how_won"],
            model_video_url=item.get("model_video_url", ""),
        )
        _publish(cases, page, products, stages, item)
    playbooks = section(hub, "playbooks")
    pages_by_slug = {page.slug: page for page in Page.objects.descendant_of(hub)}
    for item in PLAYBOOKS:
        if item["slug"] in existing:
            continue
        steps = []
        for step in item["steps"]:
            aids = []
            for aid in step.get("aids", []):
                aids.append(
                    {
                        "title": aid["title"],
                        "document": None,
                        "page": pages_by_slug.get(aid["page"]) if aid.get("page") else None,
                        "url": aid.get("url", ""),
                    }
                )
            steps.append(("step", {"title": step["title"], "guidance": step["guidance"], "aids": aids}))
        page = PlaybookPage(
            title=item["title"], slug=item["slug"], summary=item["summary"], intro=item["intro"], steps=steps
        )
        _publish(playbooks, page, products, stages, item)


def count_pages(hub):
    return ContentPage.objects.descendant_of(hub).count()
