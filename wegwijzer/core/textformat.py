"""Turn untrusted data text into safe HTML, at a bounded cost.

Editors' Markdown is rendered with raw HTML switched off (it shows as text),
then sanitized with nh3: only a few formatting tags survive, and a link keeps
its target only if it is http(s), mailto or an anchor on the page. That rule
lives here, in the renderer, so no change to a schema or the data can lift it.
Images become links (their alt text stays readable). Text with so many `[`
that Python-Markdown's link search would take minutes is shown without links.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Optional

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "code", "br", "blockquote", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
_SAFE_TARGET = re.compile(r"^(https?://[^/\s]|mailto:[^\s]|#)", re.IGNORECASE)
_HEADING = re.compile(r"<(/?)h[12]>")
_IMAGE = re.compile(r"!\[")
# The checks of text a schema cannot say, shared by the validator and the form editor (editor/admin/checks.mjs).
TEXT_CHECKS = json.loads(Path(__file__).with_name("textchecks.json").read_text(encoding="utf-8"))
# Python-Markdown looks for the end of a link from every `[`: cost grows with brackets × length.
# Above this product a field is shown without link syntax (the validator reports it first).
LINK_SEARCH_BUDGET = TEXT_CHECKS["brackets"]["budget"]


def say(rule: str, key: str = "message", **values) -> str:
    """A shared message of textchecks.json with its values filled in."""
    return TEXT_CHECKS[rule][key].format(**values)


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in data is text, not markup: drop the parsers that would pass it through.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


_MARKDOWN = _converter()


def link_search_cost(text: str) -> int:
    """How much work Python-Markdown's link search would do on ``text`` (see LINK_SEARCH_BUDGET)."""
    return text.count("[") * len(text)


def safe_url(url: Optional[str]) -> Optional[str]:
    """``url`` if it may be a link target on the site (http(s), mailto, an anchor), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if _SAFE_TARGET.match(url) else None


def _keep_safe_links(element: str, attribute: str, value: str) -> Optional[str]:
    if attribute == "href":
        return safe_url(value)
    return value


@lru_cache(maxsize=65536)
def markdown_to_html(text: str) -> Markup:
    """Markdown field → sanitized HTML (cached: the same text recurs across pages)."""
    text = _IMAGE.sub("[", text)  # an image becomes a link to it, so its alt text is not lost
    if link_search_cost(text) > LINK_SEARCH_BUDGET:  # too costly to parse: plain paragraphs, no markup
        paragraphs = (part.strip() for part in re.split(r"\n\s*\n", text))
        return Markup("".join(f"<p>{html.escape(part)}</p>" for part in paragraphs if part))
    html_text = _MARKDOWN.reset().convert(text)
    html_text = _HEADING.sub(r"<\1h3>", html_text)  # a heading in data must not compete with the page title
    cleaned = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        attribute_filter=_keep_safe_links,
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)


# A full stop ends a sentence, unless it ends a Dutch abbreviation ("nr.", "bijv.", "o.a.").
_SENTENCE_END = re.compile(r"(.+?(?<!\bnr)(?<!\bbijv)(?<!\bo\.a)(?<!\bca)(?<!\bresp)(?<!\bincl)(?<!\bd\.w\.z)(?<!\bzgn)"
                           r"(?<!\bi\.p\.v)(?<!\bm\.b\.t)(?<!\bvs)(?<!\bz\.g\.a)(?<!\bt\.a\.v)(?<!\bmin)[.!?])(\s|$)")


@lru_cache(maxsize=65536)
def first_sentence(text: str, limit: int = 220) -> str:
    """Plain-text teaser of a Markdown field for lists and cards (cached: a teaser recurs on many pages)."""
    plain = plain_text(text)
    match = _SENTENCE_END.search(plain)
    sentence = match.group(1) if match else plain
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


@lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Markdown field → text without markup, for search data and titles (cached, like ``markdown_to_html``)."""
    plain = nh3.clean(str(markdown_to_html(text)), tags=set())
    return re.sub(r"\s+", " ", Markup(plain).unescape()).strip()


@lru_cache(maxsize=65536)
def sort_key(text: str) -> str:
    """Dutch-friendly sort: ignore case and accents ("Één" sorts with "een")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def counted(number: int, singular: str, plural: str) -> str:
    """"1 interventie", "3 interventies": Dutch never says "1 interventies"."""
    return f"{number} {singular if number == 1 else plural}"
