"""Every form of ours that a person fills in shows its errors in a summary at the top (includes/form_errors.html, or a
page's own [data-error-summary]), which certify/static/certify/form_errors.js focuses when the page loads.

The scan reads each template under templates/ (Wagtail's own admin forms are Wagtail's), finds each form that posts,
and asks whether a summary of *that* form is on its page: in the template, in a template it extends, or in a template
that includes it. A form without one is on one of the two lists below, with its reason.
"""

import re
from pathlib import Path

import pytest
from django.template.loader import get_template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

# Forms with a single button and no field a person fills in (hidden inputs at most): there is nothing to mark or link,
# and a refusal comes back as a message at the top of the page. Keyed by template and what the form posts to (the URL
# name of its action, else its button's text). A field added to one of them fails the scan until it has a summary.
SINGLE_BUTTON_FORMS = {
    ("includes/nav.html", "account_logout"),  # Sign out
    ("certify/includes/tip_card.html", "certify:tip_helpful"),  # Helpful
    ("certify/certification_detail.html", "certify:level_start"),  # Start the quiz
    ("certify/my_credentials.html", "certify:credential_visibility"),  # Switch public verification off / on
    ("certify/attempt_time_up.html", "certify:attempt"),  # Submit and see my result
    ("certify/admin/invitation_confirm.html", "Send invitation"),
    ("certify/tip_detail.html", "certify:tip_delete"),  # Delete tip (leads to the confirmation step)
    ("certify/notifications.html", "certify:notifications_read_all"),  # Mark all read
    ("certify/notifications.html", "certify:notification_read"),  # Mark read (a hidden field: where to come back)
    ("certify/admin/webhooks/endpoint.html", "certify_admin:webhooks:endpoint_secret"),  # Rotate the secret
    ("certify/admin/webhooks/endpoint.html", "certify_admin:webhooks:delivery_resend"),  # Send again
}

# Forms with fields whose refusals are never of one field: each comes back as a message at the top of the page.
REFUSED_AS_A_MESSAGE = {
    # A quiz takes any answer or none; what can be refused (the time is up, the attempt is closed) is the attempt's.
    ("certify/attempt.html", "certify:attempt"),
    # Withdrawing (a button) and cancelling (with a reason) lead to the confirmation step, which shows the reason
    # again; the service's refusal is a message on the evaluation page.
    ("certify/evaluation.html", "certify:evaluation_cancel"),
    ("certify/evaluation_confirm.html", "{{ confirmation.action }}"),
    # Hide (with a reason), show, verify: the moderation's refusal is a message on the tip's page.
    ("certify/tip_detail.html", "certify:tip_moderate"),
    # Deleting a tip is a confirmation with no field of its own; a refusal is a message on the tip's page.
    ("certify/tip_confirm.html", "{{ confirmation.action }}"),
    # A nudge chooses one of the rep's overdue levels from a list of them; a refusal (sent too recently, no longer
    # overdue) comes back as a message at the top of the struggling list, with nothing sent.
    ("certify/impact/struggling.html", "certify:impact_nudge"),
}

POST_FORM = re.compile(r"<form\b(?P<tag>[^>]*\bmethod=\"post\"[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
# allauth's {% element form method="post" %}: its fields are in the body slot.
ELEMENT_FORM = re.compile(r"{%\s*element\s+form\b(?P<tag>[^%]*method=\"post\"[^%]*)%}(?P<body>.*?){%\s*endslot\s*%}", re.S)
ACTION_URL = re.compile(r"""action="{%\s*url\s+['"](?P<name>[^'"]+)['"]""")
ACTION = re.compile(r'action="(?P<action>[^"]*)"')
BUTTON = re.compile(r"<button\b[^>]*>(?P<text>.*?)</button>", re.S)
INPUT_TYPE = re.compile(r"<input\b[^>]*?\btype=\"(?P<type>[^\"]*)\"", re.S)
NOT_A_FIELD = {"hidden", "submit", "button"}
SUMMARY = re.compile(r"""{%\s*include\s+["']includes/form_errors\.html["'](?P<args>[^%]*)%}""")
SUMMARY_FORM = re.compile(r"\bform=(?P<name>\w+)")
EXTENDS = re.compile(r"""{%\s*extends\s+["'](?P<name>[^"']+)["']""")


def _include(name):
    return re.compile(r"""{%\s*include\s+["']""" + re.escape(name) + r"""["']""")


def _ours() -> dict:
    """{template name: source} for every template of ours."""
    return {str(path.relative_to(TEMPLATES)): path.read_text(encoding="utf-8") for path in sorted(TEMPLATES.rglob("*.html"))}


def _source(name, ours) -> str:
    if name in ours:
        return ours[name]
    return get_template(name).template.source  # a template of a package's, such as allauth's


def post_forms(source: str) -> list:
    """The forms in `source` that post, as (what they post to, their body)."""
    forms = []
    for match in [*POST_FORM.finditer(source), *ELEMENT_FORM.finditer(source)]:
        tag, body = match.group("tag"), match.group("body")
        url, action, button = ACTION_URL.search(tag), ACTION.search(tag), BUTTON.search(body)
        if url:
            what = url.group("name")
        elif action:
            what = action.group("action")
        else:
            what = " ".join(re.sub(r"<[^>]+>", "", button.group("text")).split()) if button else ""
        forms.append((what, body))
    return forms


def has_fields(body: str) -> bool:
    """Whether a form's body holds a field a person fills in (not only hidden inputs and buttons)."""
    if re.search(r"<(select|textarea)\b", body, re.I):
        return True
    if re.search(r"""includes/(admin_)?form_fields?\.html|{{\s*field\s*}}""", body):
        return True
    return any(match.group("type") not in NOT_A_FIELD for match in INPUT_TYPE.finditer(body)) or bool(
        re.search(r"<input\b(?![^>]*\btype=)", body)
    )


def summaries(name, ours, seen=None) -> set:
    """The forms summarised on the page of template `name`: the context names of the forms given to
    includes/form_errors.html, and "*" for a page's own summary. Read from the template, the templates it extends and,
    for a template included by others, from those."""
    seen = set() if seen is None else seen
    if name in seen:
        return set()
    seen.add(name)
    source = _source(name, ours)
    found = set()
    for include in SUMMARY.finditer(source):
        given = SUMMARY_FORM.search(include.group("args"))
        found.add(given.group("name") if given else "form")
    if "data-error-summary" in source:
        found.add("*")
    parent = EXTENDS.search(source)
    if parent:
        found |= summaries(parent.group("name"), ours, seen)
    for other, other_source in ours.items():
        if _include(name).search(other_source):
            found |= summaries(other, ours, seen)
    return found


def summarised(body: str, names: set) -> bool:
    """Whether a summary of this form is on the page: one of `names` is the form the body renders."""
    if "*" in names:
        return True
    for name in names:
        if re.search(rf"\b{name}\b(?=\.|\s*%}}|\s*}}}})", body):
            return True
        if name == "form" and "includes/admin_form_fields.html" in body:
            return True
    return False


def _scan():
    ours = _ours()
    rows = []
    for name, source in ours.items():
        forms = post_forms(source)
        names = summaries(name, ours) if forms else set()
        rows.extend((name, what, body, summarised(body, names)) for what, body in forms)
    return rows


def test_every_post_form_shows_its_errors_in_the_summary_or_is_on_a_list_with_its_reason():
    rows = _scan()
    assert len(rows) > 20 and sum(covered for *_, covered in rows) > 10  # the scan finds the forms and their summaries
    missing = [
        f"{name}: the form posting to {what!r}"
        for name, what, body, covered in rows
        if not covered and (name, what) not in SINGLE_BUTTON_FORMS | REFUSED_AS_A_MESSAGE
    ]
    assert not missing, (
        "Show these forms' errors in includes/form_errors.html at the top of the page (or list them, with the reason):\n"
        + "\n".join(missing)
    )


def test_a_form_on_the_single_button_list_has_no_field_a_person_fills_in():
    grown = [f"{name}: {what!r}" for name, what, body, _ in _scan() if (name, what) in SINGLE_BUTTON_FORMS and has_fields(body)]
    assert not grown, "These forms have fields now: give them the error summary:\n" + "\n".join(grown)


def test_every_form_on_the_lists_is_still_there_and_still_without_a_summary():
    found = {(name, what): covered for name, what, body, covered in _scan()}
    stale = sorted(key for key in SINGLE_BUTTON_FORMS | REFUSED_AS_A_MESSAGE if found.get(key, True))
    assert not stale, f"Take these off the lists (gone, or summarised now): {stale}"


@pytest.mark.parametrize(
    ("template", "covered"),
    [
        # The summary of `form` at the top of the page, the form at its foot.
        ('{% include "includes/form_errors.html" %}<p>…</p><form method="post">{% for field in form %}{% include "includes/form_field.html" %}{% endfor %}</form>', True),
        # A summary of another form on the page does not count for this one.
        (
            '{% include "includes/form_errors.html" with form=reply_form %}'
            '<form method="post"><textarea name="reason"></textarea></form>',
            False,
        ),
        ('<form method="post" novalidate>{% include "includes/form_field.html" with field=form.title %}</form>', False),
    ],
)
def test_the_scan_tells_a_form_with_its_summary_from_one_without(template, covered):
    name = "certify/zz_sample.html"
    ours = {**_ours(), name: template}
    ((_, body),) = post_forms(template)
    assert has_fields(body)
    assert summarised(body, summaries(name, ours)) is covered
