"""Every route the project serves, tried by every kind of visitor, against tests/access_table.py."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents.models import Document

from certify.demo import load as load_demo
from assessments.models import Attempt, Evaluation, EvaluationStatus, QuestionImport
from django.core.files.uploadedfile import SimpleUploadedFile
from certify.models import Award, CertificationLevel, DealImport, Team, User
from certify.services import level_attempt_start, level_evaluation_request, tip_create, tip_hide
from content.models import (
    ArticlePage,
    BuyingStage,
    CaseStudyPage,
    ContentIndexPage,
    ContentPage,
    PlaybookPage,
    Product,
)
from tests import access_table as table
from tests.conftest import make_hub
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db

WEBM_HEADER = bytes.fromhex("1a45dfa3") + b"\x42\x82\x84webm"
WAGTAIL_SERVE = "learn/^((?:[\\w\\-]+/)*)$"  # the Wagtail page tree: one row per page type


def all_routes():
    """(route, name) for every URL pattern, with includes flattened."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.name

    return list(walk(get_resolver().url_patterns, ""))


def sample_url(route):
    """A URL that resolves to `route`, with placeholder arguments (regex groups first, then converters)."""
    url = route.replace("^", "").replace("$", "").replace("\\Z", "")
    url = re.sub(r"\(\?P<\w+>[^)]*\)", "1", url)
    url = re.sub(r"\(\?:[^)]*\)[?*]?", "", url)
    url = re.sub(r"\([^)]*\)", "1", url)
    url = url.replace(".*", "x1").replace(".+", "x1").replace("\\", "")
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) == "int" else "x1", url)
    return "/" + url


def outcome(response):
    chain = getattr(response, "redirect_chain", None)
    if chain:
        if response.status_code != 200:
            return str(response.status_code)
        if any(url.startswith("/accounts/login/") for url, _ in chain):
            return "login"
    status = response.status_code
    if status == 302:
        location = response.headers["Location"]
        if location.startswith("/accounts/login/") or location.startswith("/django-admin/login/"):
            return "login"
        return "done"
    return {200: "ok", 400: "400", 403: "403", 404: "404", 405: "405", 410: "410"}.get(status, str(status))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo tree and people, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world():
    make_hub()
    load_demo()
    people = {
        "rep": User.objects.get(email="rep@example.com"),
        "other_rep": User.objects.get(email="rep2@example.com"),
        "judge": User.objects.get(email="judge@example.com"),
        "manager": User.objects.get(email="manager@example.com"),
        "other_manager": User.objects.get(email="west.manager@example.com"),
        "admin": User.objects.get(email="admin@example.com"),
    }
    document = Document.objects.create(title="Battlecard", file=ContentFile(b"%PDF-1.4 battlecard", name="battlecard.pdf"))
    invitee = RepFactory(email="not.joined.yet@example.com")
    product, stage = Product.objects.first(), BuyingStage.objects.first()
    shared = tip_create(author=people["rep"], title="Open with the forecast", body="It works.", product=product, stage=stage)
    hidden = tip_create(author=people["rep"], title="Hidden one", body="Off topic.", product=product, stage=stage)
    tip_hide(actor=people["admin"], tip=hidden, reason="Off topic for this product.")
    pulse = CertificationLevel.objects.get(certification__slug="pulse", number=1)
    in_progress = level_attempt_start(actor=people["rep"], level=pulse)
    submitted = Attempt.objects.submitted().filter(user=people["rep"]).first()
    award = Award.objects.filter(user=people["rep"]).first()
    released = Evaluation.objects.get(performer=people["rep"], status=EvaluationStatus.RELEASED)
    beacon_two = CertificationLevel.objects.get(certification__slug="beacon", number=2)
    recording = level_evaluation_request(
        actor=people["rep"], level=beacon_two, scenario=beacon_two.scenarios.first(), mode="recording",
        recording=SimpleUploadedFile("role-play.webm", WEBM_HEADER + b"\0" * 64, content_type="video/webm"),
    )
    live = Evaluation.objects.get(performer__email="priya@example.com", status=EvaluationStatus.SCHEDULED)
    flagged = Evaluation.objects.get(status=EvaluationStatus.FLAGGED)
    waiting = Evaluation.objects.get(performer=people["rep"], kind="field_observation", status=EvaluationStatus.REQUESTED)
    objects = {
        "certifications/<slug:slug>/": {"slug": "pulse"},
        "certifications/<slug:slug>/levels/<int:number>/start/": {"slug": "pulse", "number": 1},
        "attempts/<int:pk>/": {"pk": in_progress.pk},
        "attempts/<int:pk>/answers/": {"pk": in_progress.pk},
        "attempts/<int:pk>/result/": {"pk": submitted.pk},
        "certifications/<slug:slug>/levels/<int:number>/assessment/": {"slug": "beacon", "number": 2},
        "evaluations/<int:pk>/": {"pk": released.pk},
        "evaluations/<int:pk>/recording/": {"pk": recording.pk},
        "evaluations/<int:pk>/cancel/": {"pk": recording.pk},
        "evaluations/<int:pk>/scorecard/": {"pk": live.pk},
        "evaluations/<int:pk>/scorecard/autosave/": {"pk": live.pk},
        "admin/evaluations/<int:pk>/panel/": {"pk": recording.pk},
        "evaluations/<int:pk>/answer/": {"pk": waiting.pk},
        "evaluations/<int:pk>/countersign/": {"pk": waiting.pk},
        "teams/<int:pk>/readiness/": {"pk": Team.objects.get(name="East").pk},
        "teams/<int:pk>/readiness.csv": {"pk": Team.objects.get(name="East").pk},
        "admin/evaluations/<int:pk>/moderate/": {"pk": flagged.pk},
        "admin/questions/imports/<int:pk>/": {"pk": QuestionImport.objects.first().pk},
        "admin/questions/imports/<int:pk>/progress/": {"pk": QuestionImport.objects.first().pk},
        "admin/deals/imports/<int:pk>/": {"pk": DealImport.objects.first().pk},
        "admin/deals/imports/<int:pk>/progress/": {"pk": DealImport.objects.first().pk},
        "admin/awards/<int:pk>/revoke/": {"pk": award.pk},
        "teams/<int:pk>/": {"pk": Team.objects.get(name="East").pk},
        "admin/reach/<int:pk>/": {"pk": ContentPage.objects.first().pk},
        "admin/reach/<int:pk>/results/": {"pk": ContentPage.objects.first().pk},
        "admin/people/<int:user_id>/invite/": {"user_id": invitee.pk},
        "documents/^(\\d+)/(.*)$": {"url": f"/documents/{document.pk}/{document.filename}"},
        "media/<path:path>": {"path": document.file.name},
        "invite/<str:token>/": {"token": "an-invalid-or-expired-token"},
        "tips/<int:pk>/": {"pk": hidden.pk},
        "tips/<int:pk>/helpful/": {"pk": shared.pk},
        "tips/<int:pk>/replies/": {"pk": shared.pk},
        "tips/<int:pk>/moderate/": {"pk": shared.pk},
        "people/<int:pk>/": {"pk": people["rep"].pk},
        "products/<slug:code>/": {"code": product.code},
    }
    return people, objects


def _client(people, visitor):
    client = Client()
    if visitor != "anonymous":
        client.force_login(people[visitor])
    return client


def _url(route, objects):
    if "url" in objects.get(route, {}):
        return objects[route]["url"]
    url = route
    for name, value in objects.get(route, {}).items():
        url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url)
    return "/" + url


def test_every_route_has_a_row_in_the_access_table():
    missing = []
    for route, name in all_routes():
        if route in table.ROUTES or route == WAGTAIL_SERVE:
            continue
        if route.startswith("accounts/"):
            if {name, route} & (table.ALLAUTH_PUBLIC | table.ALLAUTH_LOGIN_STAGE | table.ALLAUTH_SIGNED_IN):
                continue
            missing.append(f"{route} (allauth name {name!r})")
            continue
        if any(route.startswith(prefix) for prefix in table.GROUPS) and not route.startswith(
            tuple(r for r in table.ROUTES if r.startswith("admin/"))
        ):
            continue
        missing.append(f"{route} (name {name!r})")
    assert not missing, "Routes with no row in tests/access_table.py:\n  " + "\n  ".join(missing)


def test_access_table_names_no_route_that_does_not_exist():
    routes = {route for route, _name in all_routes()}
    assert set(table.ROUTES) <= routes, set(table.ROUTES) - routes


def cases(rows):
    """(key, method, visitor, expected) for every cell of a table of rows."""
    return [
        (key, method, visitor, expected)
        for key, methods in rows.items()
        for method, by_visitor in methods.items()
        for visitor, expected in by_visitor.items()
    ]


@pytest.mark.parametrize("route, method, visitor, expected", cases(table.ROUTES))
def test_route_answers_each_visitor_as_the_table_says(db, world, route, method, visitor, expected):
    people, objects = world
    response = _client(people, visitor).generic(method, _url(route, objects))
    assert outcome(response) == expected, f"{method} /{route} as {visitor}: {response.status_code}"


PAGE_MODELS = {
    "content.ContentIndexPage": ContentIndexPage,
    "content.ArticlePage": ArticlePage,
    "content.PlaybookPage": PlaybookPage,
    "content.CaseStudyPage": CaseStudyPage,
}


def test_every_page_type_in_the_demo_tree_has_a_row(db, world):
    from wagtail.models import Page, Site

    hub = Site.objects.get(is_default_site=True).root_page
    tree = Page.objects.descendant_of(hub, inclusive=True)
    types = {f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}" for page in tree}
    assert types <= set(table.PAGE_TYPES), types - set(table.PAGE_TYPES)


@pytest.mark.parametrize("page_type, method, visitor, expected", cases(table.PAGE_TYPES))
def test_page_type_answers_each_visitor_as_the_table_says(db, world, page_type, method, visitor, expected):
    people, _objects = world
    page = PAGE_MODELS[page_type].objects.live().first()
    response = _client(people, visitor).generic(method, page.get_url())
    assert outcome(response) == expected, f"{method} {page.get_url()} as {visitor}: {response.status_code}"


@pytest.mark.parametrize("prefix", list(table.GROUPS))
def test_every_route_in_a_third_party_group_refuses_who_it_should(db, world, prefix):
    people, _objects = world
    own = tuple(r for r in table.ROUTES if r.startswith(prefix))
    routes = sorted({route for route, _ in all_routes() if route.startswith(prefix) and not route.startswith(own)})
    assert routes
    wrong = []
    for visitor, expected in table.GROUPS[prefix].items():
        client = _client(people, visitor)
        for route in routes:
            url = sample_url(route)
            for method in ("GET", "POST"):
                response = getattr(client, method.lower())(url, follow=True)
                if outcome(response) != expected:
                    wrong.append(f"{method} {url} as {visitor}: {response.status_code}")
    assert not wrong, "\n".join(wrong[:40])


def test_allauth_account_pages_need_a_signed_in_person_and_entrance_pages_do_not(db, world):
    people, _objects = world
    wrong = []
    anonymous, rep = _client(people, "anonymous"), _client(people, "rep")
    for route, name in all_routes():
        if not route.startswith("accounts/"):
            continue
        url = sample_url(route)
        anonymous_outcome = outcome(anonymous.get(url))
        if {name, route} & table.ALLAUTH_LOGIN_STAGE:
            if anonymous_outcome != "login":
                wrong.append(f"{url} as anonymous: {anonymous_outcome}, expected back to sign-in")
            if rep.get(url).status_code >= 500:
                wrong.append(f"{url} as rep: server error")
        elif {name, route} & table.ALLAUTH_SIGNED_IN:
            if anonymous_outcome != "login":
                wrong.append(f"{url} as anonymous: {anonymous_outcome}, expected login")
            rep_response = rep.get(url)
            if rep_response.status_code >= 500 or outcome(rep_response) == "login":
                wrong.append(f"{url} as rep: {rep_response.status_code}")
        elif anonymous_outcome == "login" or anonymous_outcome.startswith("5"):
            wrong.append(f"{url} as anonymous: {anonymous_outcome}, expected a public page")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("url", table.ADMIN_PAGES)
def test_enablement_admin_works_in_the_key_admin_pages(db, world, url):
    people, _objects = world
    assert _client(people, "admin").get(url).status_code == 200
