"""Shared test helpers: hostile and Japanese text, and an HTML tag collector."""

from __future__ import annotations

from html.parser import HTMLParser

HOSTILE = '<script>alert("x")</script>'
JAPANESE = "米国は制裁・関税貧乏国に成り下がる"


class _Tags(HTMLParser):
    """Collect tags and their attributes, to check structure without string matching."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(fragment: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace folded."""
    parser = _Text()
    parser.feed(fragment)
    return " ".join(" ".join(parser.parts).split())
