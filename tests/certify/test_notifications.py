"""Every email the certification domain sends goes out through one sender, notice_send."""

import re
from pathlib import Path

from django.core import mail
from django.test import override_settings

import certify
from certify.services import notice_send


@override_settings(DEFAULT_FROM_EMAIL="Enablement <enablement@test.example>")
def test_a_notice_is_rendered_and_sent_from_the_default_address_with_its_attachments():
    context = {"evaluation": {"performer": {"first_name": "Nia"}, "subject": "Acme — level 2"}, "url": "http://x/e/1/"}
    sent = notice_send(
        to="nia@test.example",
        subject="Your assessment result is ready",
        template="certify/emails/evaluation_result.txt",
        context=context,
        attachments=[("assessment.ics", "BEGIN:VCALENDAR", "text/calendar; method=REQUEST")],
    )
    assert sent == 1
    [message] = mail.outbox
    assert message.from_email == "Enablement <enablement@test.example>"
    assert message.to == ["nia@test.example"]
    assert message.subject == "Your assessment result is ready"
    assert message.body.startswith("Hello Nia,") and "http://x/e/1/" in message.body
    assert message.alternatives == []
    assert [attachment[0] for attachment in message.attachments] == ["assessment.ics"]


def test_a_notice_with_an_html_template_carries_the_html_alternative():
    context = {"user": {"email": "nia@test.example", "first_name": "Nia"}, "accept_url": "http://x/invite/t/"}
    notice_send(
        to="nia@test.example",
        subject="Join Certifiable",
        template="certify/emails/invitation.txt",
        html_template="certify/emails/invitation.html",
        context=context,
    )
    [message] = mail.outbox
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert 'href="http://x/invite/t/"' in html


def test_no_other_module_builds_an_email_of_its_own():
    package = Path(certify.__file__).parent
    builders = re.compile(r"\b(EmailMultiAlternatives|EmailMessage|send_mail|send_mass_mail)\b")
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "notifications.py" and builders.search(path.read_text())
    ]
    assert offenders == []
