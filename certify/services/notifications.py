"""Sending a notice: every email the certification domain sends goes out through notice_send.

Who is told what, and when, stays with the part that decides it (evaluations, observations, people,
certifications, tiers); this module only renders and sends. Each notice is rendered in its reader's time
zone, so every time in it is theirs and named (content/time_zones.py).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone


def notice_send(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    reader=None,
    html_template: str | None = None,
    attachments=(),
    kind: str = "",
) -> int:
    """Render the notice's text (and its HTML alternative, if it has one) and send it to one address.

    `reader` is the person it is for: its times are in their zone (the site's without one). `attachments`
    are (file name, content, MIME type) triples. `kind` (a NoticeKind) says what the notice is about.
    Returns how many messages were sent.
    """
    with timezone.override(reader.zone if reader is not None else None):
        body = render_to_string(template, context)
        html = render_to_string(html_template, context) if html_template is not None else None
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
    if html is not None:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()
