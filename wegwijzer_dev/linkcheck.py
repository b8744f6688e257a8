"""Check the external links in the data: concurrently, with timeouts, retries and a cache.

Opt-in: the default build and CI have no internet. Workers are daemon threads
and the whole run has a deadline, so a server that never answers cannot make
the check hang. A link that starts on the public internet may not redirect to
this machine or the local network (the checker would otherwise probe it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
import queue
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterator

import requests

from wegwijzer.core.loader import read_data

USER_AGENT = "WegwijzerLinkCheck/1.0 (+https://github.com/wegwijzer-jeugd-en-veiligheid/toolbox)"
_MARKDOWN_URL = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)")
_RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10
HEADINGS = {
    "broken": "Kapot (pas de link aan of haal hem weg)",
    "unreachable": "Niet bereikbaar (probeer later opnieuw)",
    "redirect": "Doorverwezen (overweeg het nieuwe adres)",
    "ok": "In orde",
}


@dataclass
class LinkResult:
    url: str
    status: str  # ok | redirect | broken | unreachable
    code: int | None = None
    final_url: str | None = None
    detail: str = ""
    attempts: int = 0
    checked: str = ""  # ISO date of the check
    from_cache: bool = False


@dataclass
class LinkUse:
    file: str
    line: int


def collect_urls(data_dir: Path, root: Path | None = None) -> dict[str, list[LinkUse]]:
    """Every http(s) URL in the data with where it is used."""
    dataset, _ = read_data(data_dir, root)
    found: dict[str, list[LinkUse]] = {}
    for _, _, document in dataset.all():
        for path, url in _urls_in(document.data, ()):
            line, _ = document.locate(path)
            found.setdefault(url, []).append(LinkUse(document.path, line))
    return dict(sorted(found.items()))


def _urls_in(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("url", "website") and isinstance(child, str) and child.startswith(("http://", "https://")):
                yield path + (key,), child
            else:
                yield from _urls_in(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _urls_in(child, path + (index,))
    elif isinstance(value, str):
        for url in _MARKDOWN_URL.findall(value):
            yield path, url


class LinkCache:
    """Results of earlier runs; good results are trusted for ``max_age_days``. A damaged file is ignored."""

    def __init__(self, path: Path | None, *, today: dt.date, max_age_days: int = 7):
        self.path = path
        self.max_age_days = max_age_days
        self.today = today
        self.entries: dict[str, dict] = {}
        if path and path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                loaded = {}
            if isinstance(loaded, dict):
                self.entries = {url: entry for url, entry in loaded.items() if isinstance(entry, dict)}

    def get(self, url: str) -> LinkResult | None:
        entry = self.entries.get(url)
        if not entry or entry.get("status") not in ("ok", "redirect"):
            return None
        try:
            age = (self.today - dt.date.fromisoformat(entry["checked"])).days
            known = {f.name for f in fields(LinkResult)}
            result = LinkResult(**{k: v for k, v in entry.items() if k in known}, )
        except (KeyError, TypeError, ValueError):
            return None
        if age > self.max_age_days:
            return None
        result.from_cache = True
        return result

    def store(self, results: list[LinkResult]) -> None:
        if not self.path:
            return
        for result in results:
            if not result.from_cache:
                self.entries[result.url] = {k: v for k, v in asdict(result).items() if k != "from_cache"}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")


def _is_public(host: str) -> bool:
    """Does every address of ``host`` lie on the public internet?"""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return True  # unresolvable: the request itself will fail and say so
    return all(ipaddress.ip_address(address.split("%", 1)[0]).is_global for address in addresses)


def check_url(url: str, *, today: dt.date, timeout: float = 10.0, retries: int = 2,
              backoff: float = 0.5) -> LinkResult:
    """One URL: HEAD (GET when HEAD is refused), following redirects, retrying transient failures."""
    result = LinkResult(url, "unreachable", checked=today.isoformat())
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or ".." in parts.hostname:
        result.status, result.detail = "broken", "ongeldig webadres"
        return result
    starts_public = _is_public(parts.hostname)
    for attempt in range(1, retries + 2):
        result.attempts = attempt
        try:
            response, final = _follow(url, timeout, starts_public)
        except _Refused as refusal:
            result.status, result.detail = "broken", str(refusal)
            return result
        except requests.Timeout:
            result.detail = f"geen antwoord binnen {timeout:g} s"
        except (requests.RequestException, ValueError, UnicodeError) as error:
            result.detail = f"niet bereikbaar ({type(error).__name__})"
        else:
            result.code, result.final_url = response.status_code, final
            if response.status_code < 400:
                redirected = final.rstrip("/") != url.rstrip("/")
                result.status = "redirect" if redirected else "ok"
                result.detail = f"verwijst door naar {final}" if redirected else ""
                return result
            result.status, result.detail = "broken", f"HTTP {response.status_code}"
            if response.status_code not in _RETRY_STATUS:
                return result
        if attempt <= retries:
            time.sleep(backoff * attempt)
    return result


class _Refused(Exception):
    pass


def _follow(url: str, timeout: float, starts_public: bool) -> tuple[requests.Response, str]:
    """Follow redirects by hand, so each hop can be checked before it is requested."""
    headers = {"User-Agent": USER_AGENT}
    with requests.Session() as session:
        for _ in range(MAX_REDIRECTS + 1):
            response = session.head(url, allow_redirects=False, timeout=timeout, headers=headers)
            if response.status_code in (403, 405, 501):
                response = session.get(url, allow_redirects=False, timeout=timeout, headers=headers, stream=True)
                response.close()
            location = response.headers.get("Location")
            if not (300 <= response.status_code < 400 and location):
                return response, url
            url = urllib.parse.urljoin(url, location)
            parts = urllib.parse.urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise _Refused(f"doorverwijzing naar `{url[:80]}` is geen webadres")
            if starts_public and not _is_public(parts.hostname):
                raise _Refused("doorverwijzing naar een intern adres (deze machine of het lokale netwerk) geweigerd")
    raise _Refused(f"meer dan {MAX_REDIRECTS} doorverwijzingen")


def check_all(urls: list[str], *, today: dt.date, workers: int = 8, timeout: float = 10.0, retries: int = 2,
              deadline: float = 300.0, cache: LinkCache | None = None, progress=None) -> list[LinkResult]:
    """Check ``urls`` concurrently; anything unfinished at ``deadline`` seconds is reported, not waited for."""
    results: dict[str, LinkResult] = {}
    todo: queue.Queue[str] = queue.Queue()
    for url in urls:
        cached = cache.get(url) if cache else None
        if cached:
            results[url] = cached
        else:
            todo.put(url)
    lock = threading.Lock()
    done = threading.Event()
    remaining = [todo.qsize()]

    def work() -> None:
        while True:
            try:
                url = todo.get_nowait()
            except queue.Empty:
                return
            try:
                result = check_url(url, today=today, timeout=timeout, retries=retries)
            except Exception as error:  # one odd URL must not stop the others or the deadline
                result = LinkResult(url, "unreachable", detail=f"controle mislukt ({type(error).__name__})",
                                    checked=today.isoformat())
            with lock:
                results[url] = result
                remaining[0] -= 1
                if progress:
                    progress(result)
                if remaining[0] == 0:
                    done.set()

    if remaining[0] == 0:
        done.set()
    for _ in range(min(max(workers, 1), max(remaining[0], 1))):
        threading.Thread(target=work, daemon=True).start()
    done.wait(deadline)
    with lock:
        for url in urls:
            if url not in results:
                results[url] = LinkResult(url, "unreachable", detail=f"niet gecontroleerd binnen {deadline:g} s",
                                          checked=today.isoformat())
        ordered = [results[url] for url in urls]
    if cache:
        cache.store(ordered)
    return ordered


# ---------------------------------------------------------------------------
# `wegwijzer-dev links`
# ---------------------------------------------------------------------------


def _at_least(minimum: float, kind=int):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"`{text}` is geen getal") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"moet minstens {minimum:g} zijn")
        return value
    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=_at_least(1), default=8)
    parser.add_argument("--timeout", type=_at_least(0.1, float), default=10.0, help="seconden per verzoek")
    parser.add_argument("--retries", type=_at_least(0), default=2)
    parser.add_argument("--deadline", type=_at_least(1, float), default=300.0, help="maximale duur in seconden")
    parser.add_argument("--cache", type=Path, default=Path(".cache") / "links.json")
    parser.add_argument("--cache-days", type=_at_least(0), default=7, help="goede uitkomsten zo lang hergebruiken")
    parser.add_argument("--no-cache", action="store_true")


def report_links(args: argparse.Namespace, *, today: dt.date) -> int:
    uses = collect_urls(args.data, root=args.root)
    print(f"{len(uses)} externe links controleren…", flush=True)
    cache = None if args.no_cache else LinkCache(args.cache, today=today, max_age_days=args.cache_days)
    counter = [0]

    def progress(result: LinkResult) -> None:
        counter[0] += 1
        print(f"  [{counter[0]}/{len(uses)}] {result.status:<11} {result.url}", flush=True)

    results = check_all(list(uses), today=today, workers=args.workers, timeout=args.timeout, retries=args.retries,
                        deadline=args.deadline, cache=cache, progress=progress)
    for status, heading in HEADINGS.items():
        group = [r for r in results if r.status == status]
        if not group:
            continue
        print(f"\n## {heading}: {len(group)}")
        if status == "ok":
            continue
        for result in group:
            where = ", ".join(f"{use.file}:{use.line}" for use in uses[result.url])
            print(f"- {result.url}\n    {result.detail}  ({where})")
    bad = sum(1 for r in results if r.status in ("broken", "unreachable"))
    cached = sum(1 for r in results if r.from_cache)
    print(f"\nSamenvatting: {len(results)} links, {bad} met problemen, {cached} uit de cache.")
    return 1 if bad else 0
