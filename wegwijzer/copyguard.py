"""Runs of words shared with the source documents: facts carry over, sentences do not.

The five source documents are not part of this repository, so the guard
compares fingerprints: a hash of every run of ``RUN`` consecutive words in
them (``scripts/seed_fingerprints.py`` writes tests/fixtures/seed-runs.txt).
A hash cannot be read back into the documents' sentences.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable, Iterator

RUN = 10
_WORD = re.compile(r"[^\W_]+")
_FOLDS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def words(text: str) -> list[str]:
    """Lower-case words; a hyphen at a line end (PDF extraction) joins the two halves."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLDS).lower()
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return _WORD.findall(text)


def fingerprint(run: Iterable[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def runs(text: str, length: int = RUN) -> Iterator[tuple[int, str]]:
    """(position of the first word, fingerprint) of every run of ``length`` words."""
    found = words(text)
    for start in range(len(found) - length + 1):
        yield start, fingerprint(found[start:start + length])


def shared_runs(text: str, known: set[str], length: int = RUN) -> list[str]:
    """The runs of ``text`` whose fingerprint is in ``known``, as words (merged where they overlap)."""
    found = words(text)
    hits = [start for start, print_ in runs(text, length) if print_ in known]
    merged: list[list[int]] = []
    for start in hits:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = start + length
        else:
            merged.append([start, start + length])
    return [" ".join(found[a:b]) for a, b in merged]
