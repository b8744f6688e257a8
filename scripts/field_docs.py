#!/usr/bin/env python3
"""Regenerate the field reference in CONTRIBUTING.md from data/schema/.

Usage: scripts/field_docs.py          # rewrite CONTRIBUTING.md
       scripts/field_docs.py --check  # exit 1 if CONTRIBUTING.md is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wegwijzer.fielddocs import field_reference, replace_section  # noqa: E402
from wegwijzer.schemas import SchemaSet  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    path = ROOT / "CONTRIBUTING.md"
    current = path.read_text(encoding="utf-8")
    updated = replace_section(current, field_reference(SchemaSet(ROOT / "data" / "schema")))
    if args.check:
        if updated != current:
            print("CONTRIBUTING.md is verouderd: draai scripts/field_docs.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(updated, encoding="utf-8")
    print("CONTRIBUTING.md bijgewerkt.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
