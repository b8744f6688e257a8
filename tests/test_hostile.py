"""Hostile text in every text field comes out inert on every page, script and index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, ROOT, TODAY, site_of
from wegwijzer.site.paths import page_path
from sitecrawl import crawl
from wegwijzer.core import load_toolbox
from wegwijzer.site.build import BuildOptions, build_site
from wegwijzer.core.loader import read_data
from wegwijzer.core.model import build_toolbox
from wegwijzer.core.schemas import SchemaSet

PAYLOAD = ('<script>alert("ww1")</script><img src=x onerror="alert(2)">'
           '<a href="javascript:alert(3)">klik</a>"\'><svg onload=alert(4)> &amp; <b>vet</b>')
# Names have a length limit, so they get a shorter payload with the same kinds of attack.
SHORT_PAYLOAD = '<script>ww1</script><svg onload=alert(4)>"\'&'
NAME_KEYS = {"name", "short_name", "title"}
TEXT_KEYS = {"name", "short_name", "summary", "intro", "municipality_role", "role", "conditions", "cost", "title",
             "what", "contact", "area", "period", "signal"}
TEXT_LISTS = {"goals", "actions", "results", "bottlenecks", "strategy", "involved", "opportunities", "signals",
              "facilitators", "principles"}


def poison(value, key=None):
    """Append the payload to every free-text string (ids, enums, dates and URLs stay valid)."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in TEXT_LISTS:
            return [item + " " + PAYLOAD if isinstance(item, str) else poison(item) for item in value]
        return [poison(item) for item in value]
    if isinstance(value, str) and key == "summary":  # first: page descriptions are the first sentence
        return PAYLOAD + " " + value
    if isinstance(value, str) and key in TEXT_KEYS:
        return value + " " + (SHORT_PAYLOAD if key in NAME_KEYS else PAYLOAD)
    return value


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("hostile") / "data"
    for source in (ROOT / "data").rglob("*.yaml"):
        destination = target / source.relative_to(ROOT / "data")
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = poison(yaml.safe_load(source.read_text(encoding="utf-8")))
        destination.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile_site(hostile_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile-site") / "site"
    build_site(PROJECT, out, BuildOptions(today=TODAY, data_dir=hostile_data, quiet=True))
    return out


def test_hostile_data_still_validates(hostile_data):
    toolbox = load_toolbox(hostile_data, today=TODAY, schema_dir=ROOT / "data" / "schema")  # raw HTML in text is a warning, not an error
    assert all(i.name.endswith(SHORT_PAYLOAD) and i.summary.startswith(PAYLOAD) for i in toolbox.interventions.values())


def _scan_html(path: Path) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class Scanner(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"{tag} {name}")
                if name in ("href", "src", "action", "formaction") and value and value.strip().lower().startswith("javascript:"):
                    found.append(f"{tag} {name}={value}")
            if tag in ("svg", "img") and any(v == "x" or (n == "onload") for n, v in attrs):
                found.append(tag)
            self.in_script = tag == "script"

        def handle_endtag(self, tag):
            self.in_script = False

        def handle_data(self, data):
            if self.in_script and "ww1" in data:
                found.append("script with payload")

    Scanner(convert_charrefs=True).feed(path.read_text(encoding="utf-8"))
    return found


def test_every_page_renders_the_payload_inert(hostile_site):
    pages = crawl(hostile_site)
    assert len(pages) > 50
    problems = {p.relative_to(hostile_site).as_posix(): found for p in pages if (found := _scan_html(p))}
    assert problems == {}
    # The payload is there, as text, on the page of an intervention.
    some = next(p for p in pages if "/interventies/" in p.as_posix() and p.name == "index.html" and p.parent.name != "interventies")
    html = some.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html and "<script>alert" not in html


def test_titles_and_descriptions_are_escaped_in_the_theme(hostile_site):
    page = next(hostile_site.glob("interventies/*/index.html")).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "&lt;script&gt;" in title
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert "&lt;script&gt;" in description and "<" not in description


def test_finder_data_script_cannot_break_out(hostile_site):
    script = (hostile_site / "assets" / "javascripts" / "wegwijzer-data.js").read_text(encoding="utf-8")
    assert "</script" not in script.lower()
    payload = json.loads(script.removeprefix("window.WEGWIJZER_DATA=").rstrip().rstrip(";"))
    assert any("<script>" in record["name"] for record in payload["interventions"])  # data as text, for textContent


def test_search_index_holds_no_live_markup(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for document in index["docs"]:
        for field in ("title", "text"):
            value = document.get(field, "")
            assert "<script" not in value.lower(), document["location"]
            assert not re.search(r"<[a-z]+[^>]*\son\w+\s*=", value, re.I), document["location"]
            assert "javascript:" not in re.findall(r'href="([^"]*)"', value)


def test_markdown_links_to_javascript_are_removed_even_without_the_validator(hostile_data):
    """Defence in depth: render a model the validator never saw."""
    dataset, _ = read_data(hostile_data)
    first = dataset.of_kind("intervention")[0].data["interventions"][0]
    first["summary"] = "[klik](javascript:alert(5)) <iframe src=//x></iframe> [ok](https://example.org)"
    schemas = SchemaSet(ROOT / "data" / "schema")
    toolbox = build_toolbox(dataset, schemas)
    entity = toolbox.interventions[first["id"]]
    page = next(p for p in site_of(toolbox, schemas).pages if p.src_uri == page_path(entity))
    assert "javascript:" not in page.body and "<iframe" not in page.body
    assert '<a href="https://example.org"' in page.body
