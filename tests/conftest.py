"""Shared fixtures: the site is built once per test run and shared."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import socketserver
import sys
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build import build_site, zip_site  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site for the shipped data, built once."""
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(out, quiet=True)
    return out


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The offline export of the shipped data, built and zipped once."""
    base = tmp_path_factory.mktemp("offline")
    build_site(base / "offline", offline=True, quiet=True)
    return zip_site(base / "offline", base / "dist")


@pytest.fixture(scope="session")
def unzipped_offline(offline_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    return target / "wegwijzer"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on a loopback port, as a web server would."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.requests = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped data for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture
def minimal_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def tab_to(page, condition: str, limit: int = 80) -> bool:
    """Press Tab until the focused element satisfies the JS ``condition`` on ``el``."""
    check = f"(el => {condition})(document.activeElement)"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return True
    return False
