"""The site's pages and the Wagtail admin load in a real browser with no Content-Security-Policy violation."""

import pytest
from django.test import Client

from certify.models import CertificationLevel
from certify.services import level_attempt_start
from tests.conftest import make_hub
from tests.factories.certify import CertificationFactory, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.content import ProductFactory
from tests.factories.evaluations import level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Runs before any page script: every violation the browser reports is kept on the window.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _signed_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    context.add_init_script(RECORD_VIOLATIONS)
    return context.new_page()


def _violations(page, url):
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    response = page.goto(url)
    assert response.ok, url
    assert response.headers.get("content-security-policy"), url
    page.wait_for_load_state("networkidle")
    reported = page.evaluate("window.cspViolations")
    return reported + [text for text in console if "Content Security Policy" in text]


def test_the_sites_pages_and_the_admin_load_with_no_policy_violation(live_server, browser):
    hub = make_hub()
    rep = RepFactory(email="riley@example.com")
    judge = JudgeFactory(email="jo@example.com")
    admin = EnablementAdminFactory(email="boss@example.com")
    CertificationFactory(title="Pulse", slug="pulse", levels=1, open_to_all=True)
    attempt = level_attempt_start(actor=rep, level=CertificationLevel.objects.get(certification__slug="pulse", number=1))
    evaluation = level2_evaluation(rep=rep, admin=admin, judges=[judge, JudgeFactory()])
    product = ProductFactory()

    pages = [
        (rep, "/"),
        (rep, f"/attempts/{attempt.pk}/"),
        (judge, f"/evaluations/{evaluation.pk}/scorecard/"),
        (admin, "/admin/"),
        (admin, f"/admin/snippets/content/product/edit/{product.pk}/"),
        (admin, f"/admin/pages/{hub.pk}/edit/"),
    ]
    found = {}
    tabs = {}
    for person, path in pages:
        if person.pk not in tabs:
            tabs[person.pk] = _signed_in(browser, live_server, person)
        violations = _violations(tabs[person.pk], live_server.url + path)
        if violations:
            found[path] = violations
    assert found == {}, "\n".join(f"{path}: {v}" for path, vs in found.items() for v in vs)
