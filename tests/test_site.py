"""The built site: every page exists, links work, nothing external loads, builds repeat."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from conftest import PROJECT, ROOT, TODAY
from sitecrawl import crawl, is_external, parse, resolve, site_base
from wegwijzer.core import load_toolbox
from wegwijzer.site.build import BuildOptions, build_site
from wegwijzer.core.kinds import KINDS
from wegwijzer.site.paths import page_path, page_url
from wegwijzer.core.schemas import SchemaSet


@pytest.fixture(scope="session")
def toolbox():
    return load_toolbox(ROOT / "data", today=TODAY)


@pytest.fixture(scope="session")
def pages(built_site):
    return crawl(built_site)


def site_file(site: Path, entity) -> Path:
    url = page_url(page_path(entity), use_directory_urls=True)
    return site / url / "index.html"


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_every_entity_has_a_page(built_site, toolbox):
    with_pages = [kind for kind in KINDS if kind.has_pages]
    assert {k.name for k in with_pages} >= {"intervention", "theme", "factor", "region", "programme", "partner",
                                          "barrier-model", "step", "process", "matrix"}
    for kind in with_pages:
        entities = toolbox.of_kind(kind.name)
        missing = [e.id for e in entities.values() if not site_file(built_site, e).is_file()]
        assert missing == [], f"{kind.plural} without a page: {missing}"
    for kind in KINDS:
        if kind.overview:
            assert site_file(built_site, kind.overview_page).is_file(), kind.name
            assert f'href="{page_url(kind.overview_page, True)}"' in (built_site / "index.html").read_text(
                encoding="utf-8"), f"{kind.name}'s overview is not in the navigation"
    for page in ("passende-interventies", "hand-out"):
        assert (built_site / page / "index.html").is_file(), page


def test_entity_pages_are_not_in_the_navigation(built_site, toolbox):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    some = next(iter(toolbox.interventions.values()))
    assert f"interventies/{some.id}/" not in home
    assert "interventies/" in home  # the catalogue is


def test_every_page_has_edit_and_suggest_links(built_site, toolbox):
    for entity in list(toolbox.interventions.values())[:5] + list(toolbox.themes.values())[:2]:
        html = site_file(built_site, entity).read_text(encoding="utf-8")
        line = entity.location.line
        assert f"/blob/main/{entity.location.file}#L{line}" in html
        assert f"/edit/main/{entity.location.file}" in html
        assert "/issues/new?" in html and "Wijziging voorstellen" in html


def test_no_broken_internal_links_or_anchors(built_site, pages):
    broken = []
    base = site_base(built_site)
    assert base == "/toolbox/"  # the shipped site_url's path: a project site under a sub-path
    for path, page in pages.items():
        for url in page.links + [u for _, u in page.resources]:
            if is_external(url) or url.startswith(("mailto:", "javascript:", "tel:")):
                continue
            target, fragment = resolve(built_site, path, url, base)
            if target is None:
                broken.append((path.relative_to(built_site).as_posix(), url))
            elif fragment and "=" not in fragment and target.suffix == ".html":
                if fragment not in pages.get(target, parse(target)).ids:
                    broken.append((path.relative_to(built_site).as_posix(), url))
    assert broken == []


def test_nothing_is_loaded_from_another_server(pages):
    external = [(p.name, tag, url) for p, page in pages.items() for tag, url in page.resources if is_external(url)]
    assert external == []


def test_no_external_requests_in_css_and_js(built_site):
    offenders = []
    scripts = list((built_site / "assets" / "javascripts" / "wegwijzer").glob("*.js"))
    assert len(scripts) >= 8
    for path in list(built_site.rglob("*.css")) + scripts:
        text = path.read_text(encoding="utf-8")
        if re.search(r"@import\s+url\(\s*['\"]?https?:|url\(\s*['\"]?https?://", text):
            offenders.append(path.name)
    assert offenders == []
    assert "fonts.googleapis" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_two_builds_are_identical(built_site, offline_zip, tmp_path):
    second = tmp_path / "again"
    build_site(PROJECT, second, BuildOptions(today=TODAY, quiet=True, attach_zip=offline_zip))
    comparison = filecmp.dircmp(built_site, second)

    def differences(c) -> list[str]:
        found = [f"{c.left}/{n}" for n in c.diff_files + c.left_only + c.right_only]
        for sub in c.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_pages_are_dutch_and_searchable_in_dutch(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home
    assert '"lang":["nl"]' in (built_site / "search" / "search_index.json").read_text(encoding="utf-8").replace(" ", "")


PERSONAL = [
    "Iris Willems", "i.willems3", "Frannie Herder", "Nicole Langeveld", "Marit Boone", "Nicole Teesink",
    "Sanne Winkels", "Annemarie van Beem", "Vera Willemssen", "Sylvia Huis", "Jane Slot", "Jan Pierik",
    "Jan de Vries", "Ferwerda",
]


def test_no_personal_names_or_addresses_in_data():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml")).lower()
    assert [name for name in PERSONAL if name.lower() in text] == []
    mailbox = re.compile(SchemaSet(ROOT / "data" / "schema").definitions["organisation_email"]["pattern"])
    addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    assert addresses and [a for a in addresses if not mailbox.fullmatch(a)] == []


def test_factor_matrix_marks_exactly_the_linked_factors(built_site, toolbox):
    html = (built_site / "matrices" / "interventies-en-factoren" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="rij-([a-z0-9-]+)">(.*?)</tr>', html, re.S)
    assert {row_id for row_id, _ in rows} == {i.id for i in toolbox.interventions.values() if i.factors}
    for row_id, cells in rows[:10]:
        marked = set(re.findall(r'<a href="\.\./\.\./factoren/([a-z0-9-]+)/" aria-label', cells))
        assert marked == {f.id for f in toolbox.interventions[row_id].factors}


def test_barrier_model_shows_its_steps_only_when_a_source_names_them(built_site, toolbox):
    for model in toolbox.barrier_models.values():
        html = (built_site / "barrieremodellen" / model.id / "index.html").read_text(encoding="utf-8")
        flow = re.search(r"<svg[^>]*ww-svg.*?</svg>", html, re.S)
        if model.steps:
            svg = flow.group(0)
            assert re.findall(r'href="\.\./\.\./interventies/#stap=([a-z0-9-]+)"', svg) == [s.id for s in model.steps]
            assert "<desc" in svg and f"in {len(model.steps)} stappen" in svg
        else:  # what is known, and no empty step pages or pictures
            assert flow is None and "#stap=" not in html
            assert all(barrier.name in html for barrier in model.unplaced_barriers)
            assert all(link.url in html for link in model.links)
            assert not list((built_site / "barrieremodellen").glob(f"{model.id}-stap-*"))


def test_vendored_front_end_files_match_their_npm_packages():
    modules = ROOT / "node_modules"
    vendor = ROOT / "overrides" / "assets" / "javascripts" / "vendor"
    assert (vendor / "lunr.min.js").read_bytes() == (modules / "lunr" / "lunr.min.js").read_bytes()
    assert (vendor / "iframe-worker.js").read_bytes() == (modules / "iframe-worker" / "shim" / "index.js").read_bytes()
    assert (vendor / "qrcode.js").read_bytes() == (modules / "qrcode-generator" / "dist" / "qrcode.js").read_bytes()
    override = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min" / "lunr.nl.min.js"
    expected = (modules / "lunr-languages" / "min" / "lunr.nl.min.js").read_bytes() + (ROOT / "scripts" / "lunr-nl-fixpoint.js").read_bytes()
    assert override.read_bytes() == expected, "run scripts/vendor.sh"


def test_properdocs_builds_the_same_site(built_site, offline_zip, tmp_path):
    """The exit from MkDocs 1.x's end of life: ProperDocs (its maintained continuation) builds the same files."""
    other = tmp_path / "properdocs"
    build_site(PROJECT, other, BuildOptions(today=TODAY, quiet=True, attach_zip=offline_zip, engine="properdocs"))
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')  # names the engine, and may
    ours = {p.relative_to(built_site): p for p in built_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other): p for p in other.rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys()
    different = [str(path) for path in ours
                 if generator.sub(b"", ours[path].read_bytes()) != generator.sub(b"", theirs[path].read_bytes())]
    assert different == []
    assert b"ProperDocs" in (other / "index.html").read_bytes()  # it really was the other engine
