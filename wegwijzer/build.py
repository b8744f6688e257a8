"""Build the site (and optionally the offline zip) safely and reproducibly.

* Builds into a temporary folder and only then swaps it into place, so a
  failed build (bad data, broken link) leaves the previous site untouched.
* Never writes where it could destroy sources: the output folder may not be,
  contain or lie inside the project's own files, and an existing folder is
  only replaced if an earlier build made it.
* Sets SOURCE_DATE_EPOCH from the last commit, so two builds of the same
  commit are byte-identical (sitemap dates, gzip headers, zip entries).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Optional

from .clock import ENVIRONMENT_VARIABLE, day_of
from .history import git

ZIP_PREFIX = "wegwijzer-offline"
MARKER = ".wegwijzer-build"  # left in every output folder: only such folders are ever replaced
PROTECTED = ("data", "content", "overrides", "hooks", "wegwijzer", "scripts", "tests", ".git", ".github", ".ci",
             ".venv", "node_modules", ".vscode")


class BuildError(Exception):
    """A build that cannot or may not run; the message is Dutch and says what to do."""


def source_date_epoch(root: Path) -> int:
    """Time of the last commit (or the value already set); 0 outside git."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int((git(root, "log", "-1", "--format=%ct") or "").strip() or 0)
    except ValueError:
        return 0


def check_output_folder(out: Path, root: Path) -> None:
    """Refuse an output folder whose replacement could destroy sources or someone's files."""
    out, root = out.resolve(), root.resolve()
    if out == root or out in root.parents:
        raise BuildError(f"{out} is de projectmap zelf of een map erboven; kies een aparte map zoals site/")
    for name in PROTECTED:
        protected = root / name
        if out == protected or protected in out.parents:
            raise BuildError(f"{out} ligt in {name}/, waar bronbestanden staan; kies een aparte map zoals site/")
    if out.exists() and (not out.is_dir() or out.is_symlink()):
        raise BuildError(f"{out} bestaat al en is geen gewone map; kies een andere doelmap")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise BuildError(f"{out} bestaat al en is niet door een eerdere bouw gemaakt; kies een lege of nieuwe map")


def build_site(out: Path, *, root: Path, today: dt.date, offline: bool = False, data_dir: Optional[Path] = None,
               config: Optional[Path] = None, quiet: bool = False, site_url: Optional[str] = None,
               attach_zip: Optional[Path] = None) -> None:
    """Run ``mkdocs build`` into a temp folder next to ``out``, then swap it in."""
    check_output_folder(out, root)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch(root)), PYTHONHASHSEED="0",
               NO_MKDOCS_2_WARNING="1")
    env[ENVIRONMENT_VARIABLE] = today.isoformat()
    if offline:
        env["OFFLINE"] = "true"
    if data_dir is not None:
        env["WEGWIJZER_DATA"] = str(data_dir.resolve())
    if site_url is not None:
        env["WEGWIJZER_SITE_URL"] = site_url
    if attach_zip is not None:
        if not attach_zip.is_file():
            raise BuildError(f"{attach_zip} bestaat niet; maak eerst de offline zip (wegwijzer build --offline --zip dist)")
        env["WEGWIJZER_OFFLINE_ZIP"] = str(attach_zip.resolve())
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(temp),
               "--config-file", str(config or root / "mkdocs.yml")]
    if quiet:
        command.append("--quiet")
    try:
        result = subprocess.run(command, cwd=root, env=env)
        if result.returncode != 0:
            raise BuildError(f"Bouwen mislukt; {out} is niet gewijzigd.")
        (temp / MARKER).write_text("Gemaakt door `wegwijzer build`; deze map wordt bij elke bouw vervangen.\n",
                                   encoding="utf-8")
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


def zip_site(folder: Path, dist: Path, root: Path) -> Path:
    """Zip ``folder`` with fixed timestamps and order, named after the commit's day."""
    epoch = source_date_epoch(root)
    day = day_of(epoch).isoformat() if epoch else "zonder-datum"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{ZIP_PREFIX}-{day}.zip"
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    temp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MARKER):
            info = zipfile.ZipInfo("wegwijzer/" + path.relative_to(folder).as_posix(), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    for stale in dist.glob(f"{ZIP_PREFIX}-*.zip"):
        if stale != target:
            stale.unlink()
    temp.replace(target)
    return target


def site_summary(folder: Path) -> tuple[int, int]:
    """Number of pages and total bytes of a built site."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)
