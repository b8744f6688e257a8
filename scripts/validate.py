#!/usr/bin/env python3
"""Check the data in data/ and report every problem with file, line and column.

Usage: scripts/validate.py [--data DIR] [--format text|github] [--stale-after DAGEN]
Exit code 0 when there are no errors (warnings allowed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wegwijzer import DEFAULT_DATA_DIR, check_data  # noqa: E402
from wegwijzer.validator import DEFAULT_STALE_AFTER_DAYS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer de gegevens in data/.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="map met gegevens (standaard: data/)")
    parser.add_argument("--format", choices=["text", "github"], default="text",
                        help="github: meldingen als GitHub Actions-annotaties bij de gewijzigde regel")
    parser.add_argument("--stale-after", type=int, default=DEFAULT_STALE_AFTER_DAYS, metavar="DAGEN",
                        help=f"waarschuw als last_reviewed ouder is dan dit (standaard {DEFAULT_STALE_AFTER_DAYS})")
    args = parser.parse_args(argv)

    result = check_data(args.data, stale_after_days=args.stale_after)
    for problem in result.problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    print(summary(result))
    return 1 if result.errors else 0


def summary(result) -> str:
    if result.toolbox is None:
        return f"{len(result.errors)} fout(en), {len(result.warnings)} waarschuwing(en): los de fouten op."
    t = result.toolbox
    counts = (
        f"{len(t.interventions)} interventies ({len(t.national_interventions)} landelijk), "
        f"{len(t.regions)} regio's, {len(t.themes)} thema's, {len(t.factors)} factoren, "
        f"{len(t.partners)} partners, {len(t.programmes)} programma's, "
        f"{len(t.barrier_models)} barrièremodel(len), {len(t.processes)} stappenmodellen"
    )
    return f"OK: {counts}; {len(result.warnings)} waarschuwing(en)."


if __name__ == "__main__":
    sys.exit(main())
