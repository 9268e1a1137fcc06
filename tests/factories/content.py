import factory
from factory.django import DjangoModelFactory

from content.models import ArticlePage, BuyingStage, CaseStudyPage, ContentIndexPage, PlaybookPage, Product


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    code = factory.Sequence(lambda n: f"prod-{n}")
    description = "An offering reps sell."
    is_core = True


class BuyingStageFactory(DjangoModelFactory):
    class Meta:
        model = BuyingStage

    name = factory.Sequence(lambda n: f"Stage {n}")
    slug = factory.Sequence(lambda n: f"stage-{n}")


_counter = iter(range(1, 10**9))


def _publish(parent, page, products=(), stages=()):
    parent.add_child(instance=page)
    if products:
        page.products.set(products)
    if stages:
        page.stages.set(stages)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def index_page(parent, title="Section", **fields):
    n = next(_counter)
    return _publish(parent, ContentIndexPage(title=title, slug=f"section-{n}", **fields))


def article(parent, title=None, summary="A short summary of the article.", products=(), stages=(), body=None, **fields):
    n = next(_counter)
    body = body if body is not None else [("paragraph", f"<p>Article body {n} about discovery questions.</p>")]
    page = ArticlePage(title=title or f"Article {n}", slug=f"article-{n}", summary=summary, body=body, **fields)
    return _publish(parent, page, products, stages)


def playbook(parent, title=None, products=(), stages=(), steps=None, **fields):
    n = next(_counter)
    steps = steps if steps is not None else [
        ("step", {"title": "Open the call", "guidance": "<p>Set the agenda.</p>", "aids": [{"title": "Agenda template", "url": "https://example.com/agenda", "page": None, "document": None}]}),
        ("step", {"title": "Discover", "guidance": "<p>Ask about the forecast process.</p>", "aids": []}),
    ]
    page = PlaybookPage(title=title or f"Playbook {n}", slug=f"playbook-{n}", summary="A repeatable motion.", steps=steps, **fields)
    return _publish(parent, page, products, stages)


def case_study(parent, title=None, products=(), stages=(), **fields):
    n = next(_counter)
    defaults = dict(
        summary="How we won a logistics customer.",
        customer=f"Customer {n}",
        industry="Logistics",
        deal_size_band="100k-500k",
        challenge="<p>Forecasts were wrong by 30%.</p>",
        approach="<p>We ran a two-week pilot.</p>",
        result="<p>Forecast accuracy rose to 95%.</p>",
        how_won="<p>We found the economic buyer early.</p>",
        model_video_url="",
    )
    defaults.update(fields)
    page = CaseStudyPage(title=title or f"Case study {n}", slug=f"case-study-{n}", **defaults)
    return _publish(parent, page, products, stages)
