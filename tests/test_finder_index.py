"""The finder's text index is made at build time, exactly as the browser would make it (issue #23, point 5)."""

from __future__ import annotations

import json
import random
import re
import subprocess

from conftest import ROOT, TODAY
from wegwijzer.core import load_toolbox
from wegwijzer.site.assets import search_text
from wegwijzer.site.paths import DUTCH_SEARCH
from wegwijzer.site.textindex import terms_for, text_index

HELPER = ROOT / "tests" / "js" / "finder-index.js"


def test_the_builds_index_finds_what_the_browsers_own_index_finds():
    toolbox = load_toolbox(ROOT / "data", today=TODAY)
    interventions = sorted(toolbox.interventions.values(), key=lambda i: i.id)
    records = [{"name": i.name, "text": search_text(i)} for i in interventions]
    terms = terms_for(ROOT / "overrides" / DUTCH_SEARCH)
    index = text_index(((r["name"], r["text"]) for r in records), terms)
    text = " ".join(path.read_text(encoding="utf-8") for path in (ROOT / "data").rglob("*.yaml"))
    words = sorted({word for word in re.split(r"[^a-z0-9]+", text.lower()) if len(word) >= 2})
    words += ["één Barrière", "Ångström", "wapens, jongeren!", "de en het", "x"]  # accents, stop words, short
    rng = random.Random(23)
    queries = [stem[:length] for stem in rng.sample(index["stems"], 60) for length in (3, 5)]
    queries += ["wapens", "mes", "spijbelen", "ouders school", "Jongeren online", "   ", "zzzz", "de"]
    done = subprocess.run(["node", str(HELPER)], input=json.dumps({
        "words": words, "records": records, "index": index, "synonyms": toolbox.synonym_groups,
        "queries": queries}), capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    browser = json.loads(done.stdout)
    assert {word: list(terms(word)) for word in words} == browser["terms"]
    assert browser["precomputed"] == browser["fresh"]
    assert sum(1 for found in browser["fresh"] if found) > 60  # the queries do find things
