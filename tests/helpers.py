"""Small helpers the page tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> int:
    """How many queries one GET of `url` runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def section(html, heading_id) -> str:
    """The part of a page from a section's heading to the end of that section ('' if absent)."""
    start = html.find(f'id="{heading_id}"')
    if start == -1:
        return ""
    return html[start : html.index("</section>", start)]


def assert_error_linked(html, field_id, message):
    """The control `field_id` (or the fieldset of its group) is marked invalid and described by its error, which
    says `message`, and the error summary at the top of the form links to the control."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    control = soup.find(id=field_id)
    assert control is not None, f"no element with id {field_id}"
    assert control.get("aria-invalid") == "true"
    group = control.find_parent("fieldset", attrs={"aria-describedby": True})
    described = (group if control.get("type") == "radio" else control).get("aria-describedby", "").split()
    errors = [soup.find(id=name) for name in described if name.endswith("_error")]
    assert len(errors) == 1 and errors[0] is not None, f"{field_id} is not described by one error on the page"
    assert message in errors[0].get_text()
    summary = soup.select_one(".form-errors")
    assert summary is not None and summary.find("a", href=f"#{field_id}", string=lambda text: message in (text or ""))
