"""Material's search index, with each page read once by a single-pass reader and kept per page.

Material's search plugin splits every page's HTML into sections with
Python's ``HTMLParser`` (a character-by-character tokenizer in pure Python):
a sixth of a build at 1,000 interventions. ``PageIndex`` is Material's own
``SearchIndex`` and ``Parser`` — same sections, same entries, same lunr
format and Dutch pipeline, the same search in the browser — with the HTML cut
into tags and text by one regular expression instead. Anything that reader
does not expect (a ``<!DOCTYPE``, ``<![CDATA[``, a stray ``<``) makes it hand
the page to ``HTMLParser`` as before, so the result is always Material's
(tests/test_preview.py compares every page of the shipped site).

The entries are kept per page, so the live preview writes the index again
after rendering only the pages that changed (``entries_in_order``).
"""

from __future__ import annotations

import html
import re
from html import parser as html_parser  # HTMLParser's own patterns for tags and attributes, reused as they are
from typing import Iterable

from material.plugins.search.plugin import Parser, SearchIndex, void

_TEXT = re.compile(r"[^<]+")
# A tag inside a part excluded from search, when it is plain: a name, then attributes with quoted or simple values.
_PLAIN_TAG = re.compile(r"""<(?:/([a-zA-Z][-.a-zA-Z0-9:_]*)\s*|([a-zA-Z][^\t\n\r\f />\x00]*)"""
                        r"""((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?))>""")
_PLAIN_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_NEXT_TAG = re.compile(r"<")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_COMMENT_END = re.compile(r"--\s*>")
_RAW_TEXT = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}


class _Unexpected(Exception):
    """Markup the single-pass reader leaves to HTMLParser."""


class FastParser(Parser):
    """Material's section parser, fed tags and text without HTMLParser's scanner (see the module docstring)."""

    def feed(self, data: str) -> None:
        self.fallback = False
        try:
            self._feed_fast(data)
        except _Unexpected:
            self.__init__()
            self.fallback = True
            super().feed(data)  # HTMLParser, exactly as Material uses it

    def _feed_fast(self, data: str) -> None:
        at, end = 0, len(data)
        while at < end:
            if data[at] != "<":
                text = _TEXT.match(data, at)
                self.handle_data(html.unescape(text.group()))
                at = text.end()
            elif data.startswith("</", at):
                found = html_parser.endtagfind.match(data, at)
                if found is None:
                    raise _Unexpected
                self.handle_endtag(found.group(1).lower())
                at = found.end()
            elif data.startswith("<!--", at):
                closing = _COMMENT_END.search(data, at + 4)
                if closing is None:
                    raise _Unexpected
                at = closing.end()  # comments are not indexed
            else:
                at = self._start_tag(data, at)

    def _start_tag(self, data: str, at: int) -> int:
        """Read the start tag at ``at`` as HTMLParser's ``parse_starttag`` does; where the text goes on."""
        plain = _PLAIN_TAG.match(data, at)
        if plain is not None and plain.group(2) is not None:  # the common case: one expression reads it all
            endpos = plain.end()
            tag, rest = plain.group(2).lower(), "/>" if plain.group(4) else ">"
            attributes = [(key.lower(), _value(value)) for key, value in _PLAIN_ATTRIBUTE.findall(plain.group(3))]
        else:
            endpos, tag, attributes, rest = self._odd_start_tag(data, at)
        if rest == "/>":
            self.handle_startendtag(tag, attributes)
            return endpos
        self.handle_starttag(tag, attributes)
        if tag in _RAW_TEXT:  # its content is text to HTMLParser, never markup, and the index skips it
            closing = _RAW_TEXT[tag].search(data, endpos)
            if closing is None:
                raise _Unexpected
            return closing.start()
        if tag not in void and any(key == "data-search-exclude" for key, _ in attributes):
            return self._past_excluded(data, endpos, tag)
        return endpos

    @staticmethod
    def _odd_start_tag(data: str, at: int) -> tuple[int, str, list, str]:
        """A start tag with unusual attributes, read with HTMLParser's own expressions, step by step."""
        whole = html_parser.locatestarttagend_tolerant.match(data, at)
        if whole is None or whole.end() == at + 1:
            raise _Unexpected  # "<!", "<?", or a "<" that is text
        if data.startswith(">", whole.end()):
            endpos = whole.end() + 1
        elif data.startswith("/>", whole.end()):
            endpos = whole.end() + 2
        else:
            raise _Unexpected
        name = html_parser.tagfind_tolerant.match(data, at + 1)
        tag, position, attributes = name.group(1).lower(), name.end(), []
        while position < endpos:
            attribute = html_parser.attrfind_tolerant.match(data, position)
            if not attribute:
                break
            key, rest, value = attribute.group(1, 2, 3)
            if not rest:
                value = None
            elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            if value:
                value = html.unescape(value)
            attributes.append((key.lower(), value))
            position = attribute.end()
        rest = data[position:endpos].strip()
        if rest not in (">", "/>"):
            raise _Unexpected
        return endpos, tag, attributes, rest

    def _past_excluded(self, data: str, at: int, tag: str) -> int:
        """Where the handlers must go on after a part excluded from search that starts at ``at``.

        Inside it Material's handlers only push and pop elements (no text is kept); so when the part has
        no heading (which would start a section) and nothing its handlers treat specially, and the current
        section cannot be left inside it, the reader goes straight to the part's end tag. Otherwise: ``at``.
        """
        depth = len(self.context)  # the excluded element included
        if self.section is None or self.section.depth > depth + 1:
            return at
        inner: list[str] = []
        position = at
        while True:
            opening = _NEXT_TAG.search(data, position)
            found = _PLAIN_TAG.match(data, opening.start()) if opening else None
            if found is None:
                return at  # a comment, a stray "<", odd attributes, or no end: leave it to the handlers
            closing, name, attributes, closed = found.groups()
            if closing is not None:
                closing = closing.lower()
                if not inner and closing == tag:
                    return opening.start()  # the excluded element's own end tag: the handlers take it from here
                if inner and inner[-1] == closing:
                    inner.pop()
            else:
                name = name.lower()
                if name in _HEADINGS or name in _RAW_TEXT or name == "object" or "data-search-exclude" in \
                        attributes or "linenodiv" in attributes:
                    return at
                if name not in void and not closed:
                    inner.append(name)
            position = found.end()

    def close(self) -> None:
        if self.fallback:
            super().close()  # what HTMLParser still holds; the single-pass reader holds nothing


def _value(written: str) -> str | None:
    """An attribute's value as HTMLParser gives it: None without "=", quotes removed, references resolved."""
    if not written:
        return None
    if written[0] in "\"'":
        written = written[1:-1]
    return html.unescape(written) if written else written


class PageIndex(SearchIndex):
    """Material's search index that reads each page with ``FastParser`` and keeps each page's entries."""

    def __init__(self, **config):
        super().__init__(**config)
        self.by_page: dict[str, list[dict]] = {}  # a page's source path → its entries

    def add_entry_from_context(self, page) -> None:
        first = len(self.entries)
        search = page.meta.get("search") or {}
        if not search.get("exclude"):
            parser = FastParser()
            parser.feed(page.content)
            parser.close()
            for section in parser.data:
                if not section.is_excluded():
                    self.create_entry_for_section(section, page.toc, page.url, page)
        self.by_page[page.file.src_uri] = self.entries[first:]

    def entries_in_order(self, pages: Iterable[str]) -> None:
        """Put the kept entries in the order of ``pages`` (the build's order), as a full build lists them."""
        self.entries = [entry for src_uri in pages for entry in self.by_page.get(src_uri, [])]
