#!/usr/bin/env python3
"""List entries whose review date has passed, grouped by region and provider.

Keeping the toolbox current is the bottleneck the Twente programme names;
this report tells each region's editors what to check first.

Usage: scripts/review_report.py [--stale-after DAGEN] [--today JJJJ-MM-DD] [--data DIR]
Exit code 0 always (a report, not a check); 2 when the data cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wegwijzer import DEFAULT_DATA_DIR, check_data  # noqa: E402
from wegwijzer.review import stale_entries  # noqa: E402
from wegwijzer.validator import DEFAULT_STALE_AFTER_DAYS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Overzicht van items die opnieuw gecontroleerd moeten worden.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--stale-after", type=int, default=DEFAULT_STALE_AFTER_DAYS, metavar="DAGEN")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)

    result = check_data(args.data, today=args.today, stale_after_days=args.stale_after)
    if result.toolbox is None:
        for problem in result.errors:
            print(problem.format(), file=sys.stderr)
        print("De gegevens bevatten fouten; los die eerst op (scripts/validate.py).", file=sys.stderr)
        return 2
    groups = stale_entries(result.toolbox, args.today, args.stale_after)
    total = sum(len(items) for providers in groups.values() for items in providers.values())
    print(f"# Te controleren: {total} item(s) ouder dan {args.stale_after} dagen (peildatum {args.today})")
    for scope, providers in groups.items():
        print(f"\n## {scope}")
        for provider, items in providers.items():
            print(f"\n### {provider}")
            for item in items:
                print(f"- {item.name} ({item.kind}) — laatst gecontroleerd {item.last_reviewed}, "
                      f"{item.age_days} dagen geleden — {item.source.file}:{item.source.line}")
    if not total:
        print("\nAlles is recent gecontroleerd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
