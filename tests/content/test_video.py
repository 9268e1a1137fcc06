import pytest
from django.template import Context, Template

from content.templatetags import content_tags

pytestmark = pytest.mark.django_db

URL = "https://vimeo.com/123456789"


def _render():
    return Template('{% load content_tags %}{% video url "the demo" %}').render(Context({"url": URL}))


def test_unreachable_video_provider_falls_back_to_a_link_and_is_asked_once(monkeypatch):
    calls = []

    def provider_down(url, max_width, max_height):  # the oEmbed provider cannot be reached
        calls.append(url)
        return ""

    monkeypatch.setattr(content_tags, "embed_to_frontend_html", provider_down)
    first, second = _render(), _render()
    assert f'href="{URL}"' in first and "Watch the demo" in first
    assert first == second
    assert calls == [URL]


def test_reachable_video_provider_is_embedded(monkeypatch):
    monkeypatch.setattr(content_tags, "embed_to_frontend_html", lambda *a: '<iframe title="player"></iframe>')
    html = _render()
    assert '<iframe title="player"></iframe>' in html
    assert "Watch" not in html
