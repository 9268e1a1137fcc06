"""Small helpers the page tests share."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


class Queries:
    """The queries run inside a `count_queries()` block (so far, while the block runs)."""

    def __init__(self, context: CaptureQueriesContext):
        self._context = context

    @property
    def count(self) -> int:
        return len(self._context.captured_queries)

    @property
    def sql(self) -> list[str]:
        return [query["sql"] for query in self._context.captured_queries]


@contextmanager
def count_queries() -> Iterator[Queries]:
    """Capture the queries of code that is not one GET: `with count_queries() as queries: ...`, then
    `queries.count` or `queries.sql`."""
    with CaptureQueriesContext(connection) as context:
        yield Queries(context)


def queries_for(client, url) -> int:
    """How many queries one GET of `url` runs (the page must answer 200; a streamed answer is read to its end)."""
    with count_queries() as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return queries.count


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
