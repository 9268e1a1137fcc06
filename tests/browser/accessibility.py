"""axe-core on every page the browser tests visit.

Before a test first acts on a document (a click, a fill, a goto), and before it leaves it, axe-core checks
the document as the test found it, whoever is signed in; the last document of every browser context is
checked when the test ends. A page with scripts turned off cannot run axe-core: the same pages are checked
in the tests that allow scripts. A serious or critical violation fails the test that visited the page;
every check is kept for the summary at the end of the run (and in var/axe-report.json).
"""

import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORT = ROOT / "var" / "axe-report.json"
FAILING = {"serious", "critical"}

# Runs in the page: who is signed in (the account menu lists their roles), then axe with its default rules
# (WCAG 2.0–2.2 A and AA, and best practices). Only what a report needs comes back.
CHECK = """async () => {
  const menu = document.querySelector('.account-menu');
  const roles = menu && menu.querySelector('.account-roles');
  const who = menu ? (roles ? roles.textContent : 'no role') : (location.pathname.startsWith('/admin/') ? 'admin (Wagtail)' : '');
  window.__axeChecked = true;
  const result = await window.axe.run(document, {resultTypes: ['violations']});
  return {
    who: who ? who.trim().replace(/\\s+/g, ' ') : 'signed out',
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      html: v.nodes.slice(0, 2).map((n) => n.html.slice(0, 300)),
      count: v.nodes.length,
    })),
  };
}"""


class Audits:
    """The checks of one run: each (test, page) with its violations."""

    def __init__(self):
        self.records = []
        self._source = None

    def source(self):
        if self._source is None:
            if not AXE_SOURCE.exists():
                raise RuntimeError(f"{AXE_SOURCE} is missing: `make test` installs it (npm ci).")
            self._source = AXE_SOURCE.read_text()
        return self._source

    def check(self, page, test_id):
        """Check the page's current document once (a document already checked is skipped), after it loads."""
        if page.is_closed() or not page.url.startswith("http"):
            return None
        for attempt in range(2):
            try:
                page.wait_for_load_state("load")
                if page.evaluate("() => window.__axeChecked === true"):
                    return None
                if not page.evaluate("() => typeof window.axe === 'object'"):
                    page.evaluate(self.source())
                result = page.evaluate(CHECK)
                break
            except Exception as error:  # a navigation replaced the document mid-check: check the new one
                if attempt or "destroyed" not in str(error):
                    raise
        record = {"test": test_id, "url": page.url, "who": result["who"], "violations": result["violations"]}
        self.records.append(record)
        return record

    def failures(self, test_id):
        return [
            (record, violation)
            for record in self.records if record["test"] == test_id
            for violation in record["violations"] if violation["impact"] in FAILING
        ]

    def by_page(self):
        """Per page path and person: documents checked and violations by impact."""
        table = defaultdict(lambda: {"checked": 0, "critical": 0, "serious": 0, "moderate": 0, "minor": 0})
        for record in self.records:
            path = "/" + record["url"].split("//", 1)[-1].split("/", 1)[-1].split("?")[0]
            row = table[(_pattern(path), record["who"])]
            row["checked"] += 1
            for violation in record["violations"]:
                row[violation["impact"] or "minor"] += violation["count"]
        return dict(sorted(table.items()))

    def write(self):
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        rows = [{"page": page, "who": who, **counts} for (page, who), counts in self.by_page().items()]
        REPORT.write_text(json.dumps({"pages": rows, "checks": self.records}, indent=1))


def _pattern(path):
    """/evaluations/12/scorecard/ → /evaluations/<id>/scorecard/: one row per kind of page."""
    return "/".join("<id>" if part.isdigit() else part for part in path.split("/"))


def describe(failures):
    lines = []
    for record, violation in failures:
        lines.append(
            f"{violation['impact']} {violation['id']} on {record['url']} (as {record['who']}): "
            f"{violation['help']} — {', '.join(violation['targets'])}"
        )
    return "\n".join(lines)
