"""Turn untrusted data text into safe HTML.

Editors' Markdown is rendered with raw HTML switched off (it shows as text),
then sanitized with nh3 as a second line of defence: only a few formatting
tags survive and links keep only http(s) and mailto targets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "code", "br", "blockquote", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h[12]>")


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in data is text, not markup: drop the parsers that would pass it through.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


_MARKDOWN = _converter()


@lru_cache(maxsize=16384)
def markdown_to_html(text: str) -> Markup:
    """Markdown field → sanitized HTML (cached: the same text recurs across pages)."""
    html = _MARKDOWN.reset().convert(text)
    html = _HEADING.sub(r"<\1h3>", html)  # a heading in data must not compete with the page title
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)


def first_sentence(text: str, limit: int = 220) -> str:
    """Plain-text teaser of a Markdown field for lists and cards."""
    plain = nh3.clean(str(markdown_to_html(text)), tags=set())
    plain = re.sub(r"\s+", " ", _unescape(plain)).strip()
    match = re.search(r"(.+?[.!?])(\s|$)", plain)
    sentence = match.group(1) if match else plain
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def plain_text(text: str) -> str:
    """Markdown field → text without markup, for search data and titles."""
    plain = nh3.clean(str(markdown_to_html(text)), tags=set())
    return re.sub(r"\s+", " ", _unescape(plain)).strip()


def _unescape(html: str) -> str:
    return Markup(html).unescape()


def sort_key(text: str) -> str:
    """Dutch-friendly sort: ignore case and accents ("Één" sorts with "een")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def counted(number: int, singular: str, plural: str) -> str:
    """"1 interventie", "3 interventies": Dutch never says "1 interventies"."""
    return f"{number} {singular if number == 1 else plural}"
