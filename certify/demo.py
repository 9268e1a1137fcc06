"""Demo data: an invented company's products, content, teams and logins.

Everything is created only when missing, so loading twice changes nothing and
an edit made through the site is never overwritten.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from content.models import (
    ArticlePage,
    BuyingStage,
    CaseStudyPage,
    ContentIndexPage,
    ContentPage,
    PlaybookPage,
    Product,
)

from content.services import page_view_record

from . import demo_certifications, demo_content, demo_evaluations, demo_observations, demo_tiers
from .models import Certification, Role, Team, Tip, User
from .services import tip_create, tip_hide, tip_mark_helpful, tip_reply, tip_set_verified, user_set_roles

DEMO_PASSWORD = "certifiable-demo"
# The demo enablement admin's authenticator secret (base32), printed by `make demo`.
DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

PEOPLE = [
    # email, first, last, roles, team memberships, managed teams
    ("admin@example.com", "Alex", "Morgan", [Role.ENABLEMENT_ADMIN], [], []),
    ("manager@example.com", "Maria", "Santos", [Role.MANAGER, Role.JUDGE], [], ["East"]),
    ("judge@example.com", "Jordan", "Lee", [Role.JUDGE], [], []),
    ("rep@example.com", "Riley", "Chen", [Role.REP], ["East"], []),
    ("rep2@example.com", "Sam", "Okafor", [Role.REP], ["West"], []),
    ("west.manager@example.com", "Wendy", "Park", [Role.MANAGER], [], ["West"]),
    ("priya@example.com", "Priya", "Natarajan", [Role.REP], ["East"], []),
    ("diego@example.com", "Diego", "Alvarez", [Role.REP], ["East"], []),
    ("hannah@example.com", "Hannah", "Becker", [Role.REP], ["West"], []),
    ("tom@example.com", "Tom", "Kowalski", [Role.REP], ["West"], []),
]
TEAMS = [("East", "US East"), ("West", "US West")]
SECTIONS = [
    ("articles", "Articles", "<p>Product primers, selling skills and how we position against the competition.</p>"),
    ("playbooks", "Playbooks", "<p>Step-by-step motions that work, with the sales aids for each step.</p>"),
    ("case-studies", "Case studies", "<p>How deals were won, told so that you can win the next one.</p>"),
]


def load(stdout=None):
    def say(message):
        if stdout is not None:
            stdout.write(message)

    with transaction.atomic():
        products = _products()
        stages = _stages()
        hub = _hub()
        _content(hub, products, stages)
        people = _people()
        _teams(people)
        _reading(people, hub)
        _tips(people, hub)
        demo_certifications.load(people=people, admin=people["admin@example.com"])
        with_tier = demo_tiers.load(people=people, admin=people["admin@example.com"])
        evaluations = demo_evaluations.load(people=people, admin=people["admin@example.com"])
        observations = demo_observations.load(people=people, admin=people["admin@example.com"])
        certifications = Certification.objects.count()
    say(
        f"Demo data ready: {len(products)} products, {_count_pages(hub)} content pages, {len(people)} people, "
        f"{certifications} certifications, {with_tier} reps with a tier, {evaluations} role-play evaluations, {observations} field observations."
    )


def _products():
    products = {}
    for item in demo_content.PRODUCTS:
        product, _ = Product.objects.get_or_create(
            code=item["code"],
            defaults={"name": item["name"], "description": item["description"], "is_core": item["is_core"]},
        )
        products[item["code"]] = product
    return products


def _stages():
    stages = {}
    for order, item in enumerate(demo_content.STAGES):
        stage, _ = BuyingStage.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "description": item["description"], "sort_order": order},
        )
        stages[item["slug"]] = stage
    return stages


def _hub():
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


def _section(hub, slug):
    return hub.get_children().get(slug=slug).specific


def _publish(parent, page, products, stages, item):
    parent.add_child(instance=page)
    page.products.set([products[code] for code in item["products"]])
    page.stages.set([stages[slug] for slug in item["stages"]])
    page.save_revision().publish()


def _content(hub, products, stages):
    existing = set(Page.objects.descendant_of(hub).values_list("slug", flat=True))
    articles = _section(hub, "articles")
    for item in demo_content.ARTICLES:
        if item["slug"] in existing:
            continue
        page = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=[(kind, value) for kind, value in item["body"]],
        )
        _publish(articles, page, products, stages, item)
    cases = _section(hub, "case-studies")
    for item in demo_content.CASE_STUDIES:
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
    playbooks = _section(hub, "playbooks")
    pages_by_slug = {page.slug: page for page in Page.objects.descendant_of(hub)}
    for item in demo_content.PLAYBOOKS:
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


def _people():
    """The demo logins; returns {email: user} and marks which were created now."""
    people = {}
    for email, first, last, roles, _teams_in, _managed in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)
            user_set_roles(user=user, roles=roles)
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            if Role.ENABLEMENT_ADMIN in roles:
                _demo_mfa(user)
            user.created_now = True
        people[email] = user
    return people


def _demo_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
        RecoveryCodes.activate(user)


def _teams(people):
    teams = {}
    for name, region in TEAMS:
        teams[name], _ = Team.objects.get_or_create(name=name, defaults={"region": region})
    for email, _first, _last, _roles, member_of, manages in PEOPLE:
        if not getattr(people[email], "created_now", False):
            continue  # memberships changed through the site stay as they are
        for name in member_of:
            teams[name].members.add(people[email])
        for name in manages:
            teams[name].managers.add(people[email])
    for team in teams.values():
        team.save()


def _reading(people, hub):
    """Give new demo reps some reading history, so reach and team pages have something to show."""
    pages = list(ContentPage.objects.descendant_of(hub).live().order_by("path"))
    now = timezone.now()
    for k, (email, _first, _last, roles, _member_of, _manages) in enumerate(PEOPLE):
        person = people[email]
        if Role.REP not in roles or not getattr(person, "created_now", False):
            continue
        every = 4 if email == "rep@example.com" else 3  # the main demo rep still has most to discover
        for n, page in enumerate(pages):
            if (n + k) % every == 0:
                page_view_record(user=person, page=page, when=now - timedelta(days=(n * 7 + k) % 45))


def _tips(people, hub):
    """Demo tips, marks and one reply; only when the demo has no tips yet."""
    if Tip.objects.exists():
        return
    admin = people["admin@example.com"]
    pages = {page.slug: page for page in ContentPage.objects.descendant_of(hub)}
    for author, code, stage, page, title, body, marked_by, verified, hidden_reason in demo_content.TIPS:
        tip = tip_create(
            author=people[author],
            title=title,
            body=body,
            product=Product.objects.get(code=code),
            stage=BuyingStage.objects.get(slug=stage),
            page=pages.get(page) if page else None,
        )
        for email in marked_by:
            if email in people and email != author:
                tip_mark_helpful(user=people[email], tip=tip)
        if verified:
            tip_set_verified(actor=admin, tip=tip, verified=True)
        if hidden_reason:
            tip_hide(actor=admin, tip=tip, reason=hidden_reason)
    first = Tip.objects.order_by("pk").first()
    tip_reply(author=people["hannah@example.com"], tip=first, body="Tried this with a logistics prospect: the number came out in the first ten minutes.")


def _count_pages(hub):
    return ContentPage.objects.descendant_of(hub).count()
