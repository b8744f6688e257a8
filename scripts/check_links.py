#!/usr/bin/env python3
"""Check every external link in data/ and print a readable report.

Opt-in (needs internet): not part of `make build` or `make test`.
Usage: scripts/check_links.py [--workers 8] [--timeout 10] [--retries 2] [--deadline 300]
                              [--cache .cache/links.json] [--cache-days 7] [--data DIR]
Exit code 1 when a link is broken or unreachable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wegwijzer import DEFAULT_DATA_DIR  # noqa: E402
from wegwijzer.linkcheck import LinkCache, check_all, collect_urls  # noqa: E402

HEADINGS = {
    "broken": "Kapot (pas de link aan of haal hem weg)",
    "unreachable": "Niet bereikbaar (probeer later opnieuw)",
    "redirect": "Doorverwezen (overweeg het nieuwe adres)",
    "ok": "In orde",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer de externe links in data/.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconden per verzoek")
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--deadline", type=float, default=300.0, help="maximale duur in seconden")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "links.json")
    parser.add_argument("--cache-days", type=int, default=7, help="goede uitkomsten zo lang hergebruiken")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args(argv)

    uses = collect_urls(args.data, root=ROOT)
    print(f"{len(uses)} externe links controleren…", flush=True)
    cache = None if args.no_cache else LinkCache(args.cache, args.cache_days)
    counter = [0]

    def progress(result):
        counter[0] += 1
        print(f"  [{counter[0]}/{len(uses)}] {result.status:<11} {result.url}", flush=True)

    results = check_all(list(uses), workers=args.workers, timeout=args.timeout, retries=args.retries,
                        deadline=args.deadline, cache=cache, progress=progress)
    for status, heading in HEADINGS.items():
        group = [r for r in results if r.status == status]
        if not group:
            continue
        print(f"\n## {heading}: {len(group)}")
        if status == "ok":
            continue
        for result in group:
            where = ", ".join(f"{use.file}:{use.line}" for use in uses[result.url])
            print(f"- {result.url}\n    {result.detail}  ({where})")
    bad = sum(1 for r in results if r.status in ("broken", "unreachable"))
    cached = sum(1 for r in results if r.from_cache)
    print(f"\nSamenvatting: {len(results)} links, {bad} met problemen, {cached} uit de cache.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
