"""Build the site (and optionally the offline zip) safely and reproducibly.

* Builds into a temporary folder and only then swaps it into place, so a
  failed build (bad data, broken link) leaves the previous site untouched;
  builds into the same folder at the same time take turns at the swap, and
  everything a build reports or zips is read from its own folder before the
  swap (another build may replace ``out`` the moment after).
* Never writes where it could destroy sources: the output folder may not be,
  contain or lie inside the project's own files, and an existing folder is
  only replaced if an earlier build made it.
* Runs MkDocs in a process of its own (``wegwijzer.plugin.engine``) with the
  checked configuration and this build's values in a small JSON file, and
  SOURCE_DATE_EPOCH set from the last commit, so two builds of the same
  commit are byte-identical (sitemap dates, gzip headers, zip entries).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ..core.clock import day_of
from ..core.history import git
from ..core.problems import WegwijzerError
from ..project import Project
from .config import http_url, read_site_config

ZIP_PREFIX = "wegwijzer-offline"
MARKER = ".wegwijzer-build"  # left in every output folder: only such folders are ever replaced
PROTECTED = ("data", "content", "overrides", "wegwijzer", "scripts", "tests", ".git", ".github", ".ci",
             ".venv", "node_modules", ".vscode")


class BuildError(WegwijzerError):
    """A build that cannot or may not run; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class BuildOptions:
    """This build's values, handed to the MkDocs plugin as its typed configuration."""

    today: dt.date
    offline: bool = False
    data_dir: Optional[Path] = None  # default: the project's data/
    site_url: Optional[str] = None  # default: mkdocs.yml's
    attach_zip: Optional[Path] = None  # an offline zip the site offers for download
    preview: bool = False  # data problems become the site's page (the live preview)
    engine: str = "mkdocs"  # or "properdocs"
    quiet: bool = False

    def spec(self, project: Project, *, epoch: Optional[int] = None, **extra) -> dict:
        """The JSON the engine process reads; ``epoch``: the last commit's time, if already known."""
        epoch = source_date_epoch(project.root) if epoch is None else epoch
        plugin = {"today": self.today.isoformat(), "preview": self.preview,
                  "version_date": day_of(epoch).isoformat() if epoch else self.today.isoformat(),
                  "data_dir": str(self.data_dir.resolve()) if self.data_dir else None,
                  "attach_zip": str(self.attach_zip.resolve()) if self.attach_zip else None}
        return {"config_file": str(project.config_file), "engine": self.engine, "offline": self.offline,
                "site_url": self.site_url, "quiet": self.quiet, "plugin": plugin, **extra}


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


def run_engine(project: Project, command: str, options: BuildOptions, spec_file: Path, **extra) -> int:
    """Run MkDocs (or ProperDocs) on the checked configuration in a process of its own (``plugin/engine.py``),
    with a fixed hash seed and the commit time for reproducible output; its exit code."""
    epoch = source_date_epoch(project.root)
    spec_file.write_text(json.dumps(options.spec(project, epoch=epoch, **extra)), encoding="utf-8")
    environment = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "wegwijzer.plugin.engine", command, str(spec_file)],
                          cwd=project.root, env=environment).returncode


@dataclass(frozen=True)
class Built:
    """What one build made: its pages and size, and its zip when one was asked for."""

    pages: int
    size: int
    archive: Optional[Path] = None


def build_site(project: Project, out: Path, options: BuildOptions, *, zip_dir: Optional[Path] = None) -> Built:
    """Build into a temp folder next to ``out``, count (and zip) it, then swap it in."""
    check_output_folder(out, project.root)
    read_site_config(project.config_file)  # refuse an unsafe mkdocs.yml before starting anything
    if options.site_url is not None and not http_url(options.site_url):
        raise BuildError(f"--site-url `{options.site_url}` moet een webadres zijn dat begint met https:// of http://")
    if options.attach_zip is not None and not options.attach_zip.is_file():
        raise BuildError(f"{options.attach_zip} bestaat niet; maak eerst de offline zip "
                         "(wegwijzer build --offline --zip dist)")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    spec_file = temp.with_suffix(".json")
    try:
        if run_engine(project, "build", options, spec_file, site_dir=str(temp)) != 0:
            raise BuildError(f"Bouwen mislukt; {out} is niet gewijzigd.")
        (temp / MARKER).write_text("Gemaakt door `wegwijzer build`; deze map wordt bij elke bouw vervangen.\n",
                                   encoding="utf-8")
        pages, size = site_summary(temp)
        archive = zip_site(temp, zip_dir, project.root) if zip_dir is not None else None
        with _turn(out):
            _swap(temp, out)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        spec_file.unlink(missing_ok=True)
    return Built(pages, size, archive)


@contextmanager
def _turn(out: Path) -> Iterator[None]:
    """One build at a time swaps into ``out``: others building into the same folder wait their turn."""
    with open(out.with_name(f".{out.name}-lock"), "w") as lock:  # .gitignore: .site-*
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _swap(new: Path, out: Path) -> None:
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    if out.exists():
        out.replace(old / "site")
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def zip_site(folder: Path, dist: Path, root: Path) -> Path:
    """Zip ``folder`` with fixed timestamps and order, named after the commit's day."""
    epoch = source_date_epoch(root)
    day = day_of(epoch).isoformat() if epoch else "zonder-datum"
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{ZIP_PREFIX}-{day}.zip"
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    temp = dist / f".{target.name}-{os.getpid()}.tmp"  # one of its own per build
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MARKER):
            info = zipfile.ZipInfo("wegwijzer/" + path.relative_to(folder).as_posix(), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    for stale in dist.glob(f"{ZIP_PREFIX}-*.zip"):
        if stale != target:
            stale.unlink(missing_ok=True)  # another build may have removed it already
    temp.replace(target)
    return target


def site_summary(folder: Path) -> tuple[int, int]:
    """Number of pages and total bytes of a built site."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)
