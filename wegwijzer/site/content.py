"""``content/`` is editor input too: what may be published from it, and what its pages may contain.

Hand-written pages arrive by pull request like data does. Nothing in
``content/`` may be a link (a symlink to ``../.git/config`` would publish the
checkout's credentials), file names must be plain, only a few file types are
published — no scripts: the site's own live in ``overrides/``, which the
developers own — and a rendered page may hold only markup that loads nothing
from elsewhere and runs nothing: no scripts or event handlers, no frames, no
outside images, no ``javascript:`` links (read the way a browser reads them),
no Mermaid (Material would fetch it from a CDN).
"""

from __future__ import annotations

import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Optional

from ..core.problems import Problem, shown
from .paths import place_problems

ALLOWED_SUFFIXES = {".md", ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2", ".pdf"}
SCRIPT_SUFFIXES = {".js", ".mjs", ".cjs"}
MAX_CONTENT_BYTES = 10 * 1024 * 1024
_PLAIN_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_CSS_OUTSIDE = re.compile(r"@import|url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)

# Markup a content page may contain: Markdown's own output, Material's grid cards and emoji icons.
ALLOWED_TAGS = {
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "nav", "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "svg", "path", "g", "title",  # inline emoji icons (pymdownx.emoji)
}
ALLOWED_ATTRIBUTES = {"class", "id", "title", "href", "src", "alt", "width", "height", "lang", "dir", "role",
                      "datetime", "colspan", "rowspan", "scope", "open", "xmlns", "viewbox", "d", "fill",
                      "fill-rule", "clip-rule", "headers", "start", "reversed", "type", "rel", "tabindex"}
_URL_ATTRIBUTES = {"href", "src"}  # the only allowed attributes that hold an address
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")  # the WHATWG URL standard's scheme: ASCII only
_C0_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")


def as_browsers_read(url: str) -> str:
    """An address as a browser reads it before it looks for the scheme (WHATWG URL standard, "basic URL
    parser"): leading and trailing C0 controls and spaces stripped, every ASCII tab and newline removed.
    ``java&#9;script:`` and ``\\x01javascript:`` are ``javascript:`` to a browser."""
    return url.strip(_C0_CONTROL_OR_SPACE).translate(_TAB_OR_NEWLINE)


def _safe_link(value: str) -> bool:
    """http(s) and mailto links, anchors, and paths relative to the page (which stay in the site)."""
    value = as_browsers_read(value)
    scheme = _SCHEME.match(value)
    if scheme:
        return scheme.group(1).lower() in ("http", "https", "mailto") and not value.lower().startswith(("http:///", "https:///"))
    return not value.startswith(("/", "\\")) and bool(value)


def content_problems(docs_dir: Path, toolbox: Any = None, use_directory_urls: bool = True) -> list[Problem]:
    """Everything wrong with content/ before a page is rendered: its files, and (once the data is valid) pages
    that would land where the build or another page already puts one."""
    problems = unsafe_files(docs_dir)
    if toolbox is not None:
        problems += place_problems(toolbox, _regular_files(docs_dir), use_directory_urls)
    return problems


def _regular_files(docs_dir: Path) -> list[str]:
    found = []
    for current, _, files in os.walk(docs_dir, followlinks=False):
        found += [(Path(current) / name).relative_to(docs_dir).as_posix() for name in files
                  if stat.S_ISREG(os.lstat(Path(current) / name).st_mode)]
    return found


def unsafe_files(docs_dir: Path, shown: str = "content") -> list[Problem]:
    """Links, odd names, unknown types and oversized files anywhere under ``docs_dir``; never follows links."""
    problems: list[Problem] = []

    def report(path: Path, message: str) -> None:
        problems.append(Problem(f"{shown}/{path.relative_to(docs_dir).as_posix()}", 1, 1, "", message, stage=0))

    for current, folders, files in os.walk(docs_dir, followlinks=False):
        here = Path(current)
        for name in list(folders):
            if (here / name).is_symlink():
                report(here / name, "map is een snelkoppeling (symlink); zet de bestanden er zelf in")
                folders.remove(name)
            elif not _PLAIN_NAME.match(name):
                report(here / name, "mapnaam mag alleen kleine letters, cijfers, `-`, `_` en `.` bevatten")
        for name in files:
            path = here / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                report(path, "bestand is een snelkoppeling (symlink); zet de inhoud in het bestand zelf")
            elif not stat.S_ISREG(mode):
                report(path, "dit is geen gewoon bestand")
            elif not _PLAIN_NAME.match(name):
                report(path, "bestandsnaam mag alleen kleine letters, cijfers, `-`, `_` en `.` bevatten")
            elif path.suffix.lower() in SCRIPT_SUFFIXES:
                report(path, "scripts worden niet uit content/ gepubliceerd: een script draait bij elke bezoeker. "
                             "De scripts van de site staan in overrides/assets/javascripts/ (van de ontwikkelaars)")
            elif path.suffix.lower() not in ALLOWED_SUFFIXES:
                report(path, f"bestanden van het type `{path.suffix or name}` worden niet gepubliceerd "
                             f"(toegestaan: {', '.join(sorted(ALLOWED_SUFFIXES))})")
            elif os.lstat(path).st_size > MAX_CONTENT_BYTES:
                report(path, f"bestand is groter dan {MAX_CONTENT_BYTES // (1024 * 1024)} MB")
            elif path.suffix.lower() == ".css" and _CSS_OUTSIDE.search(path.read_text(encoding="utf-8", errors="replace")):
                report(path, "stijlblad laadt iets van buiten de site (`@import` of `url(https://…)`)")
    return problems


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (message, the tag as written, to find its line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        written = self.get_starttag_text() or f"<{tag}"
        if tag not in ALLOWED_TAGS:
            self.found.append((f"`<{tag}>` is niet toegestaan in een pagina", written))
            return
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append((f"`{name}` (een script) is niet toegestaan", written))
            elif name not in ALLOWED_ATTRIBUTES and not name.startswith(("aria-", "data-")):
                self.found.append((f"attribuut `{name}` is niet toegestaan", written))
            elif name in _URL_ATTRIBUTES:
                address = as_browsers_read(value)
                if tag == "img" and (_SCHEME.match(address) or address.startswith(("/", "\\"))):
                    self.found.append(("een afbeelding moet in content/ staan, niet op een andere site", written))
                elif not _safe_link(value):
                    self.found.append((f"link `{shown(value)}` is niet toegestaan", written))
            elif name == "class" and "mermaid" in value.split():
                self.found.append(("Mermaid-diagrammen worden niet gebruikt (ze laden een script van buiten)", written))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)


def page_problems(html: str, source: str, shown: str) -> list[Problem]:
    """What a rendered content page must not contain, each at the line of the Markdown source it came from."""
    checker = _Checker()
    checker.feed(html)
    problems = []
    for message, written in checker.found:
        line = _line_of(source, written)
        problems.append(Problem(shown, line, 1, "", message, stage=0))
    return problems


def _line_of(source: str, written: str) -> int:
    """The source line where a tag (or its start) appears; 1 when it was produced by Markdown itself."""
    for needle in (written, written.split(" ", 1)[0]):
        at = source.find(needle)
        if at != -1:
            return source.count("\n", 0, at) + 1
    return 1
