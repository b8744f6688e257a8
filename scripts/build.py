#!/usr/bin/env python3
"""Build the site (and optionally the offline zip) safely and reproducibly.

* Builds into a temporary folder and only then swaps it into place, so a
  failed build (bad data, broken link) leaves the previous site untouched.
* Sets SOURCE_DATE_EPOCH from the last commit, so two builds of the same
  commit are byte-identical (sitemap dates, gzip headers, zip entries).

Usage:
  scripts/build.py [--out site]
  scripts/build.py --offline --out build/offline --zip dist
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIP_PREFIX = "wegwijzer-offline"


def source_date_epoch() -> int:
    """Time of the last commit (or the value already set); 0 outside git."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        return int(out.stdout.strip() or 0)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def build_site(out: Path, *, offline: bool = False, data_dir: Path | None = None, config: Path | None = None,
               quiet: bool = False) -> None:
    """Run ``mkdocs build`` into a temp folder next to ``out``, then swap it in."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch()), PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1")
    if offline:
        env["OFFLINE"] = "true"
    if data_dir is not None:
        env["WEGWIJZER_DATA"] = str(data_dir.resolve())
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(temp),
               "--config-file", str(config or ROOT / "mkdocs.yml")]
    if quiet:
        command.append("--quiet")
    try:
        result = subprocess.run(command, cwd=ROOT, env=env)
        if result.returncode != 0:
            raise SystemExit(f"Bouwen mislukt; {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out} is niet gewijzigd.")
        _swap(temp, out)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _swap(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def zip_site(folder: Path, dist: Path) -> Path:
    """Zip ``folder`` with fixed timestamps and order, named after the commit date."""
    epoch = source_date_epoch()
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat() if epoch else "zonder-datum"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{ZIP_PREFIX}-{day}.zip"
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    temp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = "wegwijzer/" + path.relative_to(folder).as_posix()
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    for stale in dist.glob(f"{ZIP_PREFIX}-*.zip"):
        if stale != target:
            stale.unlink()
    temp.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bouw de site (en de offline zip).")
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="doelmap (standaard: site/)")
    parser.add_argument("--offline", action="store_true", help="bouw de offline versie (werkt vanaf file://)")
    parser.add_argument("--zip", type=Path, metavar="MAP", help="zet de gebouwde map ook in een zip in MAP")
    parser.add_argument("--data", type=Path, help="andere map met gegevens (standaard: data/)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    kind = "offline site" if args.offline else "site"
    print(f"Bouwen: {kind} → {args.out}", flush=True)
    build_site(args.out, offline=args.offline, data_dir=args.data)
    pages = sum(1 for _ in args.out.rglob("*.html"))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"Klaar: {pages} pagina's, {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s", flush=True)
    if args.zip:
        archive = zip_site(args.out, args.zip)
        print(f"Zip: {archive} ({archive.stat().st_size / 1e6:.1f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
