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
from certify.models import (
    Award,
    CertificationLevel,
    DealImport,
    Notification,
    Team,
    User,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from certify.services import level_attempt_start, level_evaluation_request, tip_create, tip_hide, tip_reply
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
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) in ("int", "id") else "x1", url)
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
    works = "It works: the forecast opens the call on their numbers."
    shared = tip_create(author=people["rep"], title="Open with the forecast", body=works, product=product, stage=stage)
    own_reply = tip_reply(author=people["rep"], tip=shared, body="Ask for last quarter's too.")
    off_topic = "Off topic: about the office coffee machine, not the product."
    hidden = tip_create(author=people["rep"], title="Hidden one", body=off_topic, product=product, stage=stage)
    tip_hide(actor=people["admin"], tip=hidden, reason="Off topic for this product.")
    pulse = CertificationLevel.objects.get(certification__slug="pulse", number=1)
    in_progress = level_attempt_start(actor=people["rep"], level=pulse)
    submitted = Attempt.objects.submitted().filter(user=people["rep"]).first()
    award = Award.objects.filter(user=people["rep"]).first()
    held = Award.objects.current().filter(user=people["rep"], verification_public=True).first()
    released = Evaluation.objects.get(performer=people["rep"], status=EvaluationStatus.RELEASED)
    beacon_two = CertificationLevel.objects.get(certification__slug="beacon", number=2)
    recording = level_evaluation_request(
        actor=people["rep"], level=beacon_two, scenario=beacon_two.scenarios.first(), mode="recording",
        recording=SimpleUploadedFile("role-play.webm", WEBM_HEADER + b"\0" * 64, content_type="video/webm"),
    )
    live = Evaluation.objects.get(performer__email="priya@example.com", status=EvaluationStatus.SCHEDULED)
    flagged = Evaluation.objects.get(status=EvaluationStatus.FLAGGED)
    waiting = Evaluation.objects.get(performer=people["rep"], kind="field_observation", status=EvaluationStatus.REQUESTED)
    notice = Notification.objects.create(user=people["rep"], kind="result", subject="Your result is ready", link="/")
    # An endpoint on a closed local port: nothing here is sent (the world's transaction never commits).
    endpoint = WebhookEndpoint.objects.create(name="CRM", url="http://127.0.0.1:9/hook", events=["award.granted"])
    event = WebhookEvent.objects.create(type="award.granted", data={})
    delivery = WebhookDelivery.objects.create(event=event, endpoint=endpoint, status="failed")
    objects = {
        "certifications/<slug:slug>/": {"slug": "pulse"},
        "certifications/<slug:slug>/levels/<id:number>/start/": {"slug": "pulse", "number": 1},
        "attempts/<id:pk>/": {"pk": in_progress.pk},
        "attempts/<id:pk>/answers/": {"pk": in_progress.pk},
        "attempts/<id:pk>/result/": {"pk": submitted.pk},
        "certifications/<slug:slug>/levels/<id:number>/assessment/": {"slug": "beacon", "number": 2},
        "evaluations/<id:pk>/": {"pk": released.pk},
        "evaluations/<id:pk>/recording/": {"pk": recording.pk},
        "evaluations/<id:pk>/cancel/": {"pk": recording.pk},
        "evaluations/<id:pk>/scorecard/": {"pk": live.pk},
        "evaluations/<id:pk>/scorecard/autosave/": {"pk": live.pk},
        "admin/evaluations/<id:pk>/panel/": {"pk": recording.pk},
        "evaluations/<id:pk>/answer/": {"pk": waiting.pk},
        "evaluations/<id:pk>/countersign/": {"pk": waiting.pk},
        "teams/<id:pk>/readiness/": {"pk": Team.objects.get(name="East").pk},
        "teams/<id:pk>/readiness.csv": {"pk": Team.objects.get(name="East").pk},
        "admin/evaluations/<id:pk>/moderate/": {"pk": flagged.pk},
        "admin/questions/imports/<id:pk>/": {"pk": QuestionImport.objects.first().pk},
        "admin/questions/imports/<id:pk>/progress/": {"pk": QuestionImport.objects.first().pk},
        "admin/deals/imports/<id:pk>/": {"pk": DealImport.objects.first().pk},
        "admin/deals/imports/<id:pk>/progress/": {"pk": DealImport.objects.first().pk},
        "admin/awards/<id:pk>/revoke/": {"pk": award.pk},
        "credentials/<id:pk>/certificate.pdf": {"pk": held.pk},
        "credentials/<id:pk>/credential.json": {"pk": held.pk},
        "credentials/<id:pk>/credential.jwt": {"pk": held.pk},
        "credentials/<id:pk>/verification/": {"pk": held.pk},
        "verify/<slug:token>/": {"token": held.verification_token},
        "teams/<id:pk>/": {"pk": Team.objects.get(name="East").pk},
        "admin/reach/<id:pk>/": {"pk": ContentPage.objects.first().pk},
        "admin/reach/<id:pk>/results/": {"pk": ContentPage.objects.first().pk},
        "admin/people/<id:user_id>/invite/": {"user_id": invitee.pk},
        "documents/^(\\d+)/(.*)$": {"url": f"/documents/{document.pk}/{document.filename}"},
        "media/<path:path>": {"path": document.file.name},
        "invite/<str:token>/": {"token": "an-invalid-or-expired-token"},
        "tips/<id:pk>/": {"pk": hidden.pk},
        "tips/<id:pk>/helpful/": {"pk": shared.pk},
        "tips/<id:pk>/replies/": {"pk": shared.pk},
        "tips/<id:pk>/moderate/": {"pk": shared.pk},
        "tips/<id:pk>/edit/": {"pk": shared.pk},
        "tips/<id:pk>/replies/<id:reply_pk>/edit/": {"pk": shared.pk, "reply_pk": own_reply.pk},
        "tips/<id:pk>/delete/": {"pk": shared.pk},
        "tips/<id:pk>/flag/": {"pk": shared.pk},
        "people/<id:pk>/": {"pk": people["rep"].pk},
        "impact/readiness/<id:pk>/": {"pk": people["rep"].pk},
        "impact/struggling/<id:pk>/nudge/": {"pk": people["rep"].pk},
        "products/<slug:code>/": {"code": product.code},
        "notifications/<id:pk>/read/": {"pk": notice.pk},
        "notifications/<id:pk>/open/": {"pk": notice.pk},
        "admin/webhooks/<id:pk>/": {"pk": endpoint.pk},
        "admin/webhooks/<id:pk>/edit/": {"pk": endpoint.pk},
        "admin/webhooks/<id:pk>/secret/": {"pk": endpoint.pk},
        "admin/webhooks/<id:pk>/deliveries/<uuid:delivery_id>/resend/": {"pk": endpoint.pk, "delivery_id": delivery.pk},
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
    response = _client(people, "admin").get(url, follow=True)
    assert response.status_code == 200 and not any("/login/" in hop for hop, _ in response.redirect_chain)


# Every page and file that carries a person's results, with someone who may see it (and the autosaves,
# whose answers carry the saved answers and scores).
PRIVATE_RESULTS = [
    ("GET", "", "rep", "certify:home"),
    ("GET", "people/<id:pk>/", "rep", "certify:person"),
    ("GET", "teams/<id:pk>/", "manager", "certify:team_detail"),
    ("GET", "teams/<id:pk>/readiness/", "manager", "certify:team_readiness"),
    ("GET", "teams/<id:pk>/readiness.csv", "manager", "certify:team_readiness_export"),
    ("GET", "certifications/", "rep", "certify:my_certifications"),
    ("GET", "certifications/<slug:slug>/", "rep", "certify:certification_detail"),
    ("GET", "credentials/", "rep", "certify:my_credentials"),
    ("GET", "credentials/<id:pk>/certificate.pdf", "rep", "certify:credential_certificate"),
    ("GET", "credentials/<id:pk>/credential.json", "rep", "certify:credential_json"),
    ("GET", "credentials/<id:pk>/credential.jwt", "rep", "certify:credential_jwt"),
    ("GET", "attempts/<id:pk>/", "rep", "certify:attempt"),
    ("POST", "attempts/<id:pk>/answers/", "rep", "certify:attempt_autosave"),
    ("GET", "attempts/<id:pk>/result/", "rep", "certify:attempt_result"),
    ("GET", "evaluations/<id:pk>/", "rep", "certify:evaluation"),
    ("GET", "evaluations/<id:pk>/recording/", "rep", "certify:evaluation_recording"),
    ("GET", "evaluations/<id:pk>/scorecard/", "judge", "certify:scorecard"),
    ("POST", "evaluations/<id:pk>/scorecard/autosave/", "judge", "certify:scorecard_autosave"),
    ("GET", "judging/", "judge", "certify:judging"),
    ("GET", "path/", "rep", "certify:rep_path"),
    ("GET", "tiers/", "manager", "certify:tiers"),
    ("GET", "tiers/export.csv", "manager", "certify:tiers_export"),
]


@pytest.mark.parametrize("method, route, visitor, name", PRIVATE_RESULTS, ids=[row[3] for row in PRIVATE_RESULTS])
def test_a_page_carrying_a_persons_results_is_never_kept_by_a_cache(db, world, method, route, visitor, name):
    people, objects = world
    response = getattr(_client(people, visitor), method.lower())(_url(route, objects))
    assert response.status_code in ({200} if method == "GET" else {200, 302})
    assert response.resolver_match.view_name == name
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_every_view_kept_out_of_caches_is_probed_above():
    from certify.middleware import PRIVATE_RESULTS_VIEWS

    assert PRIVATE_RESULTS_VIEWS == {row[3] for row in PRIVATE_RESULTS}


def test_a_page_without_results_stays_cacheable_by_the_browser(db, world):
    people, _objects = world
    response = _client(people, "rep").get("/tips/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- Absurd ids and page numbers: "not found" or the last page, never a server error ----------

ABSURD_ID = "9" * 20  # past the largest bigint (2**63 - 1): an integer lookup with it overflows
ID_ARGUMENT = re.compile(r"<(?:id|int):\w+>|<(?:\w+:)?(?:pk|id|\w+_id|\w+_pk)>|\(\?P<\w+>\\d\+\)|\(\\d\+\)")


def _our_routes():
    """(route, view module) for every URL pattern whose view is ours."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                yield prefix + str(pattern.pattern), view.__module__

    return [(route, module) for route, module in walk(get_resolver().url_patterns, "") if module.startswith(("certify", "assessments", "content"))]


def absurd_id_url(route, objects):
    """The route with every id argument a 20-digit number and its other arguments real (or placeholders)."""
    url = route
    for name, value in objects.get(route, {}).items():
        if name != "url":
            url = re.sub(rf"<(?:(?!id:|int:)\w+:)?{name}>", str(value), url)
    return sample_url(ID_ARGUMENT.sub(ABSURD_ID, url))


def test_every_id_in_our_routes_is_bounded_by_the_id_converter():
    unbounded = [route for route, _module in _our_routes() if "<int:" in route or "\\d+" in route]
    assert _our_routes() and not unbounded, f"Use <id:...> (content/ids.py), not <int:...>: {unbounded}"


def test_a_twenty_digit_id_is_not_found_on_every_route_never_a_server_error(db, world):
    """Every route with an id, ours and the third parties', as an enablement admin (who may see everything) and a
    rep, by GET and POST. Ours answer 404 (a rep is refused the whole admin area first: 403); a third party's route
    may refuse first (403, 405), but never fails."""
    people, objects = world
    ours = {route for route, _module in _our_routes()}
    routes = [route for route, _name in all_routes() if ID_ARGUMENT.search(route)]
    assert len(routes) > len(ours) > 20
    wrong, tried = [], 0
    for visitor in ("admin", "rep"):
        client = _client(people, visitor)
        client.raise_request_exception = False
        for route in routes:
            url = absurd_id_url(route, objects)
            for method in ("GET", "POST"):
                tried += 1
                status = client.generic(method, url).status_code
                expected = 403 if visitor == "rep" and route.startswith("admin/") else 404
                if (route in ours and status != expected) or status >= 500:
                    wrong.append(f"{method} {url} as {visitor}: {status}")
    assert tried == 2 * 2 * len(routes)
    assert not wrong, "\n".join(wrong[:40])


# Every paginated page, the visitor who sees it, and the name of its page parameter.
PAGINATED = [
    ("tips/", "rep", "page"),
    ("search/", "rep", "page"),
    ("people/<id:pk>/", "rep", "page"),
    ("teams/", "admin", "page"),
    ("teams/<id:pk>/", "manager", "page"),
    ("teams/<id:pk>/readiness/", "manager", "page"),
    ("judging/", "judge", "page"),
    ("tiers/", "admin", "page"),
    ("tiers/", "admin", "teams_page"),
    ("admin/evaluations/calibration/", "admin", "p"),
    ("admin/reach/", "admin", "p"),
    ("admin/webhooks/<id:pk>/", "admin", "p"),
    ("admin/snippets/certify/award/", "admin", "p"),
    ("learn/", "rep", "page"),
]
ABSURD_PAGES = ["99999999999999999999", "-1", "0", "abc", "1e400", "9" * 5000]


@pytest.mark.parametrize("route, visitor, parameter", PAGINATED)
def test_an_absurd_page_number_answers_a_page_never_a_server_error(db, world, route, visitor, parameter):
    people, objects = world
    client = _client(people, visitor)
    client.raise_request_exception = False
    url = "/learn/" if route == "learn/" else _url(route, objects)
    query = {"q": "the"} if route == "search/" else {}
    wrong = []
    for value in ABSURD_PAGES:
        response = client.get(url, {**query, parameter: value})
        if response.status_code != 200:
            wrong.append(f"?{parameter}={value[:24]}: {response.status_code}")
            continue
        pages = [
            page for page in (response.context.get(name) for name in ("page_obj", "teams_page", "page", "grid"))
            if getattr(page, "paginator", None) is not None
        ] if response.context else []
        if value == ABSURD_ID and pages and parameter in ("page", "teams_page"):
            page = response.context["teams_page" if parameter == "teams_page" else "page_obj"]
            if page.number != page.paginator.num_pages:
                wrong.append(f"?{parameter}={value}: page {page.number} of {page.paginator.num_pages}, not the last")
    assert not wrong, f"/{route} as {visitor}: " + "; ".join(wrong)
