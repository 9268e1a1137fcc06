"""The bell: a rep sees how many notices they have not read, opens the list, follows one to where to act, marks the
rest read — on a phone as on a desktop, with nothing wider than the screen and axe-clean pages."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from certify.models import NoticeKind, Notification
from certify.services import notice_send
from tests.browser.sessions import sign_in_as
from tests.conftest import make_hub
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def _notice(person, subject, path):
    notice_send(
        to=person.email, reader=person, subject=subject, template="certify/emails/nudge.txt", kind=NoticeKind.NUDGE,
        context={"person": person, "sender": None, "level": "Pulse level 1", "nudge": None, "url": settings.SITE_URL + path},
    )  # fmt: skip


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_a_rep_reads_their_notifications_from_the_bell(live_server, browser, viewport):
    make_hub()
    rep = RepFactory(email="nia@example.com", first_name="Nia")
    _notice(rep, "Pulse level 1 is overdue", "/certifications/")
    _notice(rep, "Your manager nudged you", "/path/")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    sign_in_as(page, live_server, rep)
    page.goto(f"{live_server.url}/")
    bell = page.get_by_role("link", name="Notifications 2 unread")
    expect(bell).to_be_visible()
    box = bell.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # a thumb's target
    with page.expect_navigation():
        bell.click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    with page.expect_navigation():
        page.get_by_role("link", name="Your manager nudged you").click()
    assert page.url.endswith("/path/")
    expect(page.get_by_role("link", name="Notifications 1 unread")).to_be_visible()
    page.goto(f"{live_server.url}/notifications/")
    with page.expect_navigation():
        page.get_by_role("button", name="Mark all read").click()
    expect(page.get_by_text("1 notification marked read.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert not Notification.objects.filter(user=rep, read_at__isnull=True).exists()
    context.close()
