#!/usr/bin/env python3
"""Write tests/fixtures/seed-runs.txt: fingerprints of every 10-word run in the source documents.

Run when the source documents change (they live outside this repository):

    .venv/bin/python scripts/seed_fingerprints.py ../shared/seeds
"""

from __future__ import annotations

import sys
from pathlib import Path

from wegwijzer import PROJECT_ROOT as ROOT
from wegwijzer.copyguard import RUN, runs

TARGET = ROOT / "tests" / "fixtures" / "seed-runs.txt"


def main(seeds: Path) -> int:
    documents = sorted(seeds.glob("*.txt"))
    if not documents:
        print(f"no source documents (*.txt) in {seeds}", file=sys.stderr)
        return 1
    prints = sorted({print_ for path in documents for _, print_ in runs(path.read_text(encoding="utf-8"))})
    header = f"# {RUN}-word runs of {len(documents)} source documents (scripts/seed_fingerprints.py)\n"
    TARGET.write_text(header + "\n".join(prints) + "\n", encoding="utf-8")
    print(f"{len(prints)} fingerprints from {len(documents)} documents → {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"))
