"""``wegwijzer-dev``: tools for developers and maintainers, not for building the site.

* ``bench``: build, validation, finder and editor timings (writes BENCHMARKS.md);
* ``links``: check the external links in data/ (needs the internet);
* ``fingerprints``: the copy guard's fingerprints of the source documents and the consulted pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from wegwijzer.core.clock import now_in_amsterdam, resolve_today
from wegwijzer.core.problems import WegwijzerError
from wegwijzer.project import Project


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="wegwijzer-dev", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--today", metavar="JJJJ-MM-DD", help="peildatum (standaard: vandaag in Nederland)")
    commands = parser.add_subparsers(dest="command", required=True)
    from . import bench, copyguard, linkcheck

    bench.add_arguments(commands.add_parser("bench", help="meet bouwen, valideren, zoeken en de editor"))
    links = commands.add_parser("links", help="controleer de externe links in data/ (heeft internet nodig)")
    links.add_argument("--data", type=Path, help="map met gegevens (standaard: data/ van het project)")
    linkcheck.add_arguments(links)
    copyguard.add_arguments(commands.add_parser("fingerprints", help="vingerafdrukken voor de kopieercontrole"))
    args = parser.parse_args(argv)
    try:
        today = resolve_today(args.today)
        if args.command == "bench":
            return bench.run(args, today=today, started_at=now_in_amsterdam().strftime("%Y-%m-%d %H:%M"))
        project = Project.find()
        if args.command == "links":
            args.data, args.root = args.data or project.data_dir, project.root
            return linkcheck.report_links(args, today=today)
        return copyguard.write_fingerprints(args, project)
    except WegwijzerError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
