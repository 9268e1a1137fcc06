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
