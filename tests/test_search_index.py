"""The site search's index: Material's own entries and lunr format, with each page read once (issue #23, point 3)."""

from __future__ import annotations

import json

import pytest
from material.plugins.search.plugin import Parser, SearchIndex

from conftest import PROJECT, ROOT, TODAY
from wegwijzer.core import check_data
from wegwijzer.plugin.search import FastParser, PageIndex
from wegwijzer.site.assemble import Site
from wegwijzer.site.outputs import Publication
from wegwijzer.site.render import RenderSettings

# Markup a generated page never has, but a hand-written one (or a later template) may.
ODD_PAGES = [
    '<h2 id="a">Kop <a class="headerlink" href="#a">¶</a></h2><p>Tekst &amp; meer &eacute;</p><!-- opmerking -->',
    '<div data-search-exclude><h2 id="verborgen">Weg</h2><p>niet</p></div><h3 id="b">Wel</h3><ul><li> </li></ul>',
    '<p>Een <br/> regel<br>en <img src="x.png" alt="plaatje"> <span class=los>los</span></p><pre>  code\n  blok</pre>',
    "<script>if (a < b && c > d) { x = '</p>'; }</script><style>p > a {}</style><p>na het script</p>",
    '<p title="a > b">groter</p><p data-x=\'enkel\'>enkel</p><input value="x"/><svg><path d="M0 0"/></svg>',
    "<p>Een losse < in tekst en 3 <4</p>",  # HTMLParser's tokenizer decides
    "<!DOCTYPE html><p>met doctype</p><![CDATA[ x ]]>",
    "<section><h2 id=\"s\">Sectie</h2><p>tekst</p></section><p>daarna</p><h1>Titel</h1><p>slot</p>",
    # Parts excluded from search: nested alike (Material's set of skipped elements compares by tag), with a
    # heading, a comment or a stray end tag inside, or left open.
    '<ul data-search-exclude><li><ul data-search-exclude><li>a</li></ul>nog</li></ul><p>na</p>',
    '<div data-search-exclude><p>x</p><h2 id="binnen">Kop binnen</h2><p>y</p></div><p>z</p>',
    '<aside data-search-exclude><!-- </aside> --><p>x</p></span></aside><p>na</p><p class=linenodiv>n</p>',
    '<h2 id="k">Kop</h2><div><div data-search-exclude><p>open',
    '<p a=x/ b=\'c"d\' e f= g="h&amp;i" J=K>vreemde attributen</p><p a=>leeg</p><p a="x"b="y">vast</p>',
]


def _sections(parser_class, html: str) -> list[tuple] | str:
    parser = parser_class()
    try:
        parser.feed(html)
        parser.close()
    except ValueError as error:  # Material's parser gives up on some markup: so must ours, alike
        return type(error).__name__
    return [(repr(s), s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data]


@pytest.mark.parametrize("html", ODD_PAGES)
def test_the_single_pass_reader_finds_materials_sections_in_any_markup(html):
    assert _sections(FastParser, html) == _sections(Parser, html)


def test_every_generated_page_gives_materials_own_sections():
    result = check_data(ROOT / "data", today=TODAY)
    site = Site(result, RenderSettings(Publication("Wegwijzer")), today=TODAY, template_dir=ROOT / "overrides")
    pages = [page for page in site.pages if page.searchable]
    assert len(pages) > 150
    differ = [page.src_uri for page in pages if _sections(FastParser, page.body) != _sections(Parser, page.body)]
    assert differ == []


@pytest.mark.slow
def test_the_shipped_sites_index_is_the_one_materials_plugin_writes(tmp_path, monkeypatch):
    """Same documents (places, titles, text, boosts), same Dutch pipeline, byte for byte."""
    from wegwijzer.plugin import engine
    from wegwijzer.site.build import BuildOptions

    def build(out):
        spec = BuildOptions(today=TODAY, quiet=True).spec(PROJECT, site_dir=str(out))
        engine.build(spec)
        return (out / "search" / "search_index.json").read_bytes()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    ours = build(tmp_path / "ours")
    monkeypatch.setattr(PageIndex, "add_entry_from_context", SearchIndex.add_entry_from_context)  # Material's own
    materials = build(tmp_path / "material")
    assert ours == materials
    index = json.loads(ours)
    assert index["config"]["lang"] == ["nl"] and index["config"]["pipeline"] == ["stemmer", "stopWordFilter", "trimmer"]
    assert len(index["docs"]) > 500
