"""Read a built site from disk: pages, their links and resources, their ids."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) that the browser loads


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.page.links.append(attributes["href"])
        for name in ("src", "srcset", "poster", "data"):
            if attributes.get(name) and tag in {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "input"}:
                self.page.resources.append((tag, attributes[name]))
        if tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower()
            if any(kind in rel for kind in ("stylesheet", "icon", "preload", "prefetch", "preconnect", "manifest", "modulepreload")):
                self.page.resources.append((f"link[{rel}]", attributes["href"]))


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith("//")


def site_base(site: Path) -> str:
    """The path the site is published under ("/toolbox/"), read from its sitemap (from site_url)."""
    sitemap = site / "sitemap.xml"
    match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else None
    return urlsplit(match.group(1)).path if match else "/"


def resolve(site: Path, page: Path, url: str, base: str = "/") -> tuple[Path | None, str]:
    """The file a URL on ``page`` points at, and its fragment; root-absolute URLs must start with ``base``."""
    parts = urlsplit(url)
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):  # 404.html uses root-absolute URLs (it is served at any path)
        if not parts.path.startswith(base):
            return None, unquote(parts.fragment)
        target = posixpath.normpath(unquote(parts.path)[len(base):] or ".")
    else:
        base = posixpath.dirname(page.relative_to(site).as_posix())
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    candidate = site / target
    if parts.path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return (candidate if candidate.is_file() else None), unquote(parts.fragment)


def crawl(site: Path) -> dict[Path, ParsedPage]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}
