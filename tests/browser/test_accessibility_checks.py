"""The axe-core check the browser tests run on every page really finds what it is there to find."""

from tests.browser.accessibility import FAILING, Audits

BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
<h1>Broken on purpose</h1><img src="/chart.png"><input type="text">
<p style="color:#bbb;background:#fff">Too pale to read</p></main></body></html>"""
FINE = """<!doctype html><html lang="en"><head><title>Fine</title></head><body><main>
<h1>Fine</h1><img src="/chart.png" alt="Readiness by team"><label>Name <input type="text"></label>
<p>Easy to read</p></main></body></html>"""


def _served(page, html):
    page.route("http://pages.test/**", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto("http://pages.test/")
    return page


def test_a_page_missing_alt_text_and_labels_fails_as_critical_and_serious(page):
    audits = Audits()
    record = audits.check(_served(page, BROKEN), "probe")

    found = {violation["id"]: violation["impact"] for violation in record["violations"]}
    assert found["image-alt"] == "critical"
    assert found["label"] == "critical"
    assert found["color-contrast"] == "serious"
    failing = {violation["id"] for _, violation in audits.failures("probe")}
    assert {"image-alt", "label", "color-contrast"} <= failing
    assert all(violation["impact"] in FAILING for _, violation in audits.failures("probe"))


def test_a_page_is_checked_once_and_a_sound_page_passes(page):
    audits = Audits()
    _served(page, FINE)

    assert audits.check(page, "probe")["violations"] == []
    assert audits.check(page, "probe") is None
    assert audits.failures("probe") == []
