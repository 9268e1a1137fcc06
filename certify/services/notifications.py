"""Sending a notice: every email the certification domain sends goes out through notice_send.

Who is told what, and when, stays with the part that decides it (evaluations, observations, people,
certifications, tiers); this module only renders and sends.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def notice_send(
    *, to: str, subject: str, template: str, context: dict, html_template: str | None = None, attachments=()
) -> int:
    """Render the notice's text (and its HTML alternative, if it has one) and send it to one address.

    `attachments` are (file name, content, MIME type) triples. Returns how many messages were sent.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(template, context), from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    if html_template is not None:
        message.attach_alternative(render_to_string(html_template, context), "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()
