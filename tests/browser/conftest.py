import os
import shutil

import pytest
from playwright.sync_api import Browser, Locator, Page

from tests.browser.accessibility import Audits, describe

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


AUDITS = Audits()

# The calls a test makes on a page (or an element of it): before the first of them, and before the page is
# left, its current document is checked in the state the test found it.
PAGE_CALLS = ("goto", "reload", "go_back", "go_forward", "click", "dblclick", "fill", "press", "check", "uncheck",
              "select_option", "set_input_files", "tap", "close")
LOCATOR_CALLS = ("click", "dblclick", "fill", "press", "press_sequentially", "type", "check", "uncheck",
                 "set_checked", "select_option", "set_input_files", "tap", "clear")


@pytest.fixture(autouse=True)
def _accessibility_checked(request, monkeypatch):
    """axe-core checks every document the test's pages show: before the test first acts on it, before it
    leaves it, and the last one when the test ends."""
    test_id = request.node.nodeid
    opened = []
    original_new_context = Browser.new_context

    def new_context(browser, *args, **kwargs):
        context = original_new_context(browser, *args, **kwargs)
        if kwargs.get("java_script_enabled") is False:
            return context  # axe-core runs as a script: such a page is checked in the tests that allow scripts
        opened.append(context)
        close = context.close

        def check_then_close(*close_args, **close_kwargs):
            _check_open_pages(context, test_id)
            close(*close_args, **close_kwargs)

        context.close = check_then_close
        return context

    def checked_first(cls, name, page_of):
        original = getattr(cls, name)

        def call(self, *args, **kwargs):
            page = page_of(self)
            if page.context in opened:
                AUDITS.check(page, test_id)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, call)

    monkeypatch.setattr(Browser, "new_context", new_context)
    for name in PAGE_CALLS:
        checked_first(Page, name, lambda page: page)
    for name in LOCATOR_CALLS:
        checked_first(Locator, name, lambda locator: locator.page)
    yield
    for context in opened:
        _check_open_pages(context, test_id)
    failures = AUDITS.failures(test_id)
    if failures:
        pytest.fail("axe-core found serious or critical violations:\n" + describe(failures), pytrace=False)


def _check_open_pages(context, test_id):
    for page in list(context.pages):
        if not page.is_closed():
            AUDITS.check(page, test_id)


def pytest_sessionfinish(session):
    if AUDITS.records:
        AUDITS.write()


def pytest_terminal_summary(terminalreporter):
    if not AUDITS.records:
        return
    terminalreporter.section("axe-core: pages checked (serious and critical fail the test)")
    terminalreporter.write_line(f"{'page':58} {'as':28} {'checks':>6} {'crit':>5} {'ser':>4} {'mod':>4} {'min':>4}")
    for (page, who), row in AUDITS.by_page().items():
        terminalreporter.write_line(
            f"{page[:58]:58} {who[:28]:28} {row['checked']:>6} {row['critical']:>5} {row['serious']:>4} "
            f"{row['moderate']:>4} {row['minor']:>4}"
        )
