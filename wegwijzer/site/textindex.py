"""The finder's text index, made at build time: the first query in the browser costs what a later one does.

The finder (``text-index.js``) matches query stems against the stems of each
intervention's words. Stemming every word of thousands of entries in the
browser took 150 ms at 5,000 interventions on the first query, so the build
does it: the same folding and splitting as ``makeTerms``, the same stop words
(read from the site's own copy of lunr's Dutch support), and the same stemmer —
Snowball's original Dutch algorithm, which lunr-languages ships and the
``snowballstemmer`` package keeps as ``dutch_porter`` — repeated until the word
stops changing, as ``scripts/lunr-nl-fixpoint.js`` does in the browser.
tests/test_finder_index.py runs both on every word of the data and compares.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import snowballstemmer

_WORD_SEPARATOR = re.compile(r"[^a-z0-9]+")
_STOP_WORDS = re.compile(r'nl\.stopWordFilter=\w+\.generateStopWordFilter\("([^"]*)"')
_FIXPOINT_ROUNDS = 3  # as scripts/lunr-nl-fixpoint.js


def stop_words(dutch_support: str) -> frozenset[str]:
    """The stop words in lunr's Dutch support (the site's ``lunr.nl.min.js``)."""
    found = _STOP_WORDS.search(dutch_support)
    if found is None:
        raise ValueError("lunr.nl.min.js has no stop word list")
    return frozenset(found.group(1).split())


def term_function(stop: frozenset[str]) -> Callable[[str], tuple[str, ...]]:
    """``text → stems``, as ``makeTerms(makeStemmer(lunr))`` in text-index.js (kept per text: most recur)."""
    stemmer = snowballstemmer.stemmer("dutch_porter")

    @lru_cache(maxsize=None)
    def stem(word: str) -> str:
        if word in stop:
            return ""
        for _ in range(_FIXPOINT_ROUNDS):
            next_word = stemmer.stemWord(word)
            if next_word == word:
                break
            word = next_word
        return word

    @lru_cache(maxsize=65536)
    def terms(text: str) -> tuple[str, ...]:
        folded = "".join(char for char in unicodedata.normalize("NFD", text.lower())
                         if not "\u0300" <= char <= "\u036f")
        return tuple(found for word in _WORD_SEPARATOR.split(folded) if len(word) >= 2 and (found := stem(word)))

    return terms


def text_index(records: Iterable[tuple[str, str]], terms: Callable[[str], tuple[str, ...]]) -> dict:
    """The index ``TextIndex.precomputed`` reads, of (name, text) records in the finder's order.

    ``stems``: every stem, sorted. ``postings[i]``: the records with ``stems[i]``,
    each as one number: the gap to the previous record's position × 2, plus 1
    when the stem is in the record's name (it weighs more there).
    """
    postings: dict[str, list[int]] = {}
    for position, (name, text) in enumerate(records):
        in_name = set(terms(name))
        for stem in dict.fromkeys(terms(text)):
            postings.setdefault(stem, []).append(position * 2 + (stem in in_name))
    stems = sorted(postings)
    encoded = []
    for stem in stems:
        previous, gaps = -1, []
        for item in postings[stem]:
            position = item >> 1
            gaps.append((position - previous) * 2 + (item & 1))
            previous = position
        encoded.append(gaps)
    return {"stems": stems, "postings": encoded}


@lru_cache(maxsize=8)
def terms_for(dutch_support_file: Path) -> Callable[[str], tuple[str, ...]]:
    """The term function of a site whose Dutch support is ``dutch_support_file``."""
    return term_function(stop_words(dutch_support_file.read_text(encoding="utf-8")))
