"""Check the external links in the data: concurrently, with timeouts, retries and a cache.

Opt-in: the default build and CI have no internet. Workers are daemon threads
and the whole run has a deadline, so a server that never answers cannot make
the check hang.
"""

from __future__ import annotations

import datetime as dt
import json
import queue
import re
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator

import requests

from .loader import read_data

USER_AGENT = "WegwijzerLinkCheck/1.0 (+https://github.com/wegwijzer-jeugd-en-veiligheid/toolbox)"
_MARKDOWN_URL = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)")
_RETRY_STATUS = {429, 500, 502, 503, 504}


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
    for documents in dataset.documents.values():
        for document in documents:
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
    """Results of earlier runs; good results are trusted for ``max_age_days``."""

    def __init__(self, path: Path | None, max_age_days: int = 7, today: dt.date | None = None):
        self.path = path
        self.max_age_days = max_age_days
        self.today = today or dt.date.today()
        self.entries: dict[str, dict] = {}
        if path and path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.entries = {}

    def get(self, url: str) -> LinkResult | None:
        entry = self.entries.get(url)
        if not entry or entry.get("status") not in ("ok", "redirect"):
            return None
        try:
            age = (self.today - dt.date.fromisoformat(entry["checked"])).days
        except (KeyError, ValueError):
            return None
        if age > self.max_age_days:
            return None
        return LinkResult(**{**entry, "from_cache": True})

    def store(self, results: list[LinkResult]) -> None:
        if not self.path:
            return
        for result in results:
            if not result.from_cache:
                self.entries[result.url] = {k: v for k, v in asdict(result).items() if k != "from_cache"}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")


def check_url(url: str, *, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5) -> LinkResult:
    """One URL: HEAD (GET when HEAD is refused), following redirects, retrying transient failures."""
    result = LinkResult(url, "unreachable", checked=dt.date.today().isoformat())
    headers = {"User-Agent": USER_AGENT}
    for attempt in range(1, retries + 2):
        result.attempts = attempt
        try:
            with requests.Session() as session:
                response = session.head(url, allow_redirects=True, timeout=timeout, headers=headers)
                if response.status_code in (403, 405, 501):
                    response = session.get(url, allow_redirects=True, timeout=timeout, headers=headers, stream=True)
                    response.close()
        except requests.Timeout:
            result.detail = f"geen antwoord binnen {timeout:g} s"
        except requests.RequestException as error:
            result.detail = f"niet bereikbaar ({type(error).__name__})"
        else:
            result.code = response.status_code
            result.final_url = response.url
            if response.status_code < 400:
                redirected = bool(response.history) and response.url.rstrip("/") != url.rstrip("/")
                result.status = "redirect" if redirected else "ok"
                result.detail = f"verwijst door naar {response.url}" if redirected else ""
                return result
            result.status = "broken"
            result.detail = f"HTTP {response.status_code}"
            if response.status_code not in _RETRY_STATUS:
                return result
        if attempt <= retries:
            time.sleep(backoff * attempt)
    return result


def check_all(urls: list[str], *, workers: int = 8, timeout: float = 10.0, retries: int = 2,
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
            result = check_url(url, timeout=timeout, retries=retries)
            with lock:
                results[url] = result
                remaining[0] -= 1
                if progress:
                    progress(result)
                if remaining[0] == 0:
                    done.set()

    if remaining[0] == 0:
        done.set()
    for _ in range(min(workers, max(remaining[0], 1))):
        threading.Thread(target=work, daemon=True).start()
    done.wait(deadline)
    with lock:
        for url in urls:
            if url not in results:
                results[url] = LinkResult(url, "unreachable", detail=f"niet gecontroleerd binnen {deadline:g} s",
                                          checked=dt.date.today().isoformat())
        ordered = [results[url] for url in urls]
    if cache:
        cache.store(ordered)
    return ordered
