"""Runs of words shared with the source documents and consulted pages: facts carry over, sentences do not.

The source documents and the pages consulted are not part of this repository, so the guard
compares fingerprints: a hash of every run of ``RUN`` consecutive words in
them (``wegwijzer-dev fingerprints`` writes tests/fixtures/seed-runs.txt and page-runs.txt).
A hash cannot be read back into the documents' sentences.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
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


# ---------------------------------------------------------------------------
# Writing the fingerprints (``wegwijzer-dev fingerprints``)
# ---------------------------------------------------------------------------

FINGERPRINT_FILES = {"seeds": "seed-runs.txt", "pages": "page-runs.txt"}  # in tests/fixtures/
_ADDRESS_LINE = re.compile(r"^\s*(?:-\s*)?(?:url|URL|title|page|website):.*$", re.M)


def add_arguments(parser) -> None:
    parser.add_argument("--seeds", type=Path, help="map met de vijf brondocumenten (*.txt)")
    parser.add_argument("--pages", type=Path, help="map met de opgeslagen tekst van geraadpleegde pagina's (*.txt); "
                                                   "regels met een webadres of paginatitel tellen niet mee")


def fingerprints_of(folder: Path, skip_addresses: bool) -> set[str]:
    """Every run's fingerprint in the *.txt files of ``folder`` (an address or title line is not prose)."""
    found: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found |= {print_ for _, print_ in runs(_ADDRESS_LINE.sub("", text) if skip_addresses else text)}
    return found


def write_fingerprints(args, project) -> int:
    """Write the fingerprint files the copy-guard test reads; the texts themselves stay outside the repository."""
    written = 0
    for option, name in FINGERPRINT_FILES.items():
        folder = getattr(args, option)
        if folder is None:
            continue
        documents = sorted(folder.glob("*.txt"))
        if not documents:
            print(f"geen *.txt-bestanden in {folder}")
            return 1
        prints = sorted(fingerprints_of(folder, skip_addresses=option == "pages"))
        target = project.root / "tests" / "fixtures" / name
        header = f"# {RUN}-word runs of {len(documents)} {option} (wegwijzer-dev fingerprints --{option})\n"
        target.write_text(header + "\n".join(prints) + "\n", encoding="utf-8")
        print(f"{len(prints)} vingerafdrukken uit {len(documents)} bestanden → {target.relative_to(project.root)}")
        written += 1
    if not written:
        print("geef --seeds MAP en/of --pages MAP")
        return 1
    return 0
