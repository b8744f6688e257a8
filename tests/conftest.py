"""Shared fixtures: the site is built once per test run and shared."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from wegwijzer.core.clock import ENVIRONMENT_VARIABLE
from wegwijzer.core.dates import earliest_day
from wegwijzer.core.loader import read_data
from wegwijzer.core.schemas import SchemaSet, Shape
from wegwijzer.project import Project
from wegwijzer.site.build import BuildOptions, build_site, zip_site
from wegwijzer.site.vocabulary import Vocabulary

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
ROOT = Path(__file__).resolve().parent.parent
PROJECT = Project(ROOT)
SCHEMAS = ROOT / "data" / "schema"  # fixtures without schemas of their own use the project's
VOCABULARY = Vocabulary(SchemaSet(SCHEMAS))  # the schemas' words and rules (facet values need it)


# A test that uses one of these builds the site, starts a browser or serves something: the slow tier.
SLOW_FIXTURES = {"built_site", "offline_zip", "unzipped_offline", "site_server", "browser", "page", "screen",
                 "hostile_site", "editor_page", "link_server"}


def pytest_collection_modifyitems(items) -> None:
    """Mark the slow tier by what a test uses, so `make check` (not slow) stays fast without hand-kept lists."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def newest_past_date(*data_dirs: Path) -> dt.date:
    """The newest date in the data that may not lie in the future (reviews, consultations).

    The tests' "today": every date check then behaves as on the day the data
    was last touched, whatever the machine's clock says.
    """
    schemas = SchemaSet(ROOT / "data" / "schema")
    found: list[dt.date] = []

    def walk(shape: Shape, value) -> None:
        if isinstance(value, str) and shape.not_future:
            found.append(earliest_day(value))  # also a news item's "2023"
        elif isinstance(value, dict):
            for key, child in shape.properties.items():
                if key in value:
                    walk(child, value[key])
        elif isinstance(value, list) and shape.items is not None:
            for item in value:
                walk(shape.items, item)

    for data_dir in data_dirs:
        dataset, _ = read_data(data_dir)
        for _, data_file, document in dataset.all():
            walk(schemas.shape(data_file.schema), document.data)
    return max(found)


TODAY = newest_past_date(ROOT / "data", Path(__file__).resolve().parent / "fixtures" / "minimal")
# Set once for this process and every subprocess a test starts (`wegwijzer …`, mkdocs).
os.environ[ENVIRONMENT_VARIABLE] = TODAY.isoformat()


def fixture_site(today: dt.date, data_dir: Path = FIXTURES / "minimal", **publication):
    """The generated site of a small data set, in-process (no MkDocs): pages and files to inspect."""
    from wegwijzer.core import check_data
    from wegwijzer.site.assemble import Site
    from wegwijzer.site.outputs import Publication
    from wegwijzer.site.render import RenderSettings

    result = check_data(data_dir, root=data_dir.parent, today=today, schema_dir=SCHEMAS)
    assert result.toolbox is not None, [p.format() for p in result.errors]
    settings = RenderSettings(Publication(publication.pop("site_name", "Wegwijzer Jeugd en Veiligheid"), **publication))
    return Site(result, settings, today=today, template_dir=ROOT / "overrides")


def site_of(toolbox, schemas, today: dt.date = TODAY):
    """The generated site of a model built without the validator (defence-in-depth tests)."""
    from wegwijzer.core import CheckResult
    from wegwijzer.site.assemble import Site
    from wegwijzer.site.outputs import Publication
    from wegwijzer.site.render import RenderSettings

    settings = RenderSettings(Publication("Wegwijzer Jeugd en Veiligheid"))
    return Site(CheckResult(toolbox=toolbox, schemas=schemas), settings, today=today, template_dir=ROOT / "overrides")


def pages_of(site) -> dict[str, str]:
    return {page.src_uri: page.body for page in site.pages}


def wegwijzer(*args: str, cwd: Path = ROOT, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the ``wegwijzer`` command as an editor or CI would."""
    return subprocess.run([sys.executable, "-m", "wegwijzer", *args], capture_output=True, text=True, cwd=cwd,
                          stdin=subprocess.DEVNULL, timeout=timeout)


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The offline export of the shipped data, built and zipped once."""
    base = tmp_path_factory.mktemp("offline")
    build_site(PROJECT, base / "offline", BuildOptions(today=TODAY, offline=True, quiet=True))
    return zip_site(base / "offline", base / "dist", ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, offline_zip) -> Path:
    """The site for the shipped data, built once, offering the offline zip for download (as `make build` does)."""
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(PROJECT, out, BuildOptions(today=TODAY, quiet=True, attach_zip=offline_zip))
    return out


@pytest.fixture(scope="session")
def unzipped_offline(offline_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    return target / "wegwijzer"


SUB_PATH = "/toolbox/"  # the path of the shipped site_url: served like a GitHub Pages project site


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """The built site under SUB_PATH, with its 404.html for anything else (as GitHub Pages does)."""

    def translate_path(self, path):
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "missing-outside-the-site")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on a loopback port under its sub-path, as GitHub Pages would."""
    handler = functools.partial(_SubPathHandler, directory=str(built_site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
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
    """A writable copy of the small fixture data set, with the project's schemas."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    shutil.copytree(SCHEMAS, target / "schema")
    return target


SCREEN_WIDTHS = [1280, 390, 320]  # desktop, a common phone, the narrowest phone WCAG reflow asks for


@pytest.fixture(params=SCREEN_WIDTHS, ids=[f"{w}px" for w in SCREEN_WIDTHS])
def screen(request, browser):
    """A page at one of the widths, recording console errors (a test may narrow the widths, indirect=True)."""
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    tab = context.new_page()
    tab.width = request.param
    tab.console_errors = []
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    yield tab
    context.close()


def tick(page, key: str, value: str) -> None:
    """Tick a finder filter as a user does: open its facet first if it is closed."""
    facet = page.locator(f"details[data-facet={key}]")
    if not facet.evaluate("el => el.open"):
        facet.locator("summary").click()
    page.check(f"input[name={key}][value={value}]")


def tab_to(page, condition: str, limit: int = 80) -> bool:
    """Press Tab until the focused element satisfies the JS ``condition`` on ``el``."""
    check = f"(el => {condition})(document.activeElement)"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check):
            return True
    return False
