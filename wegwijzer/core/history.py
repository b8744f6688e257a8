"""When each entry last changed, from the repository's history (``git blame``).

"Laatst gewijzigd" is the third date on a page, next to the date of the
source and the date a person last reviewed the entry. An entry spans the
lines from its first field to the next entry that is not part of it; its
date is the newest commit among those lines. Lines not committed yet count
as changed today. Outside a git checkout (a zip, a test copy) there is no
history and pages simply do not show the date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Iterable, Optional

from .clock import day_of
from .model import Entity


def git(repository: Path, *args: str) -> Optional[str]:
    """What a git command prints in ``repository``; None outside a checkout, without git, or on failure."""
    try:
        done = subprocess.run(["git", *args], cwd=repository, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def line_days(repository: Path, file: Path, today: dt.date) -> Optional[list[dt.date]]:
    """The day each line of ``file`` last changed (index 0 = line 1); None without history."""
    blame = git(repository, "blame", "--line-porcelain", "--", str(file))
    if blame is None:
        return None
    days: list[dt.date] = []
    uncommitted = False
    for line in blame.splitlines():
        if line.startswith("\t"):
            continue  # the line's own text
        if len(line) > 41 and line[40] == " " and all(c in "0123456789abcdef" for c in line[:40]):
            uncommitted = line[:40] == "0" * 40  # each line's block starts with its commit
        elif line.startswith("committer-time "):
            days.append(today if uncommitted else day_of(int(line.split(" ", 1)[1])))
    return days


def changed_days(entities: Iterable[Entity], repository: Path, data_dir: Path, today: dt.date) -> dict[int, dt.date]:
    """``id(entity)`` → the day the entry last changed, for entities in files under version control."""
    by_file: dict[str, list[Entity]] = {}
    for entity in entities:
        location = getattr(entity, "location", None)
        if location is not None:
            by_file.setdefault(location.file, []).append(entity)
    result: dict[int, dt.date] = {}
    for shown, members in by_file.items():
        path = data_dir.parent / shown
        days = line_days(repository, path, today) if path.is_file() else None
        if not days:
            continue
        members.sort(key=lambda e: e.location.line)
        for position, entity in enumerate(members):
            end = len(days)
            for later in members[position + 1:]:
                if not _inside(later, entity) and later.location.line > entity.location.line:
                    end = later.location.line - 1
                    break
            span = days[entity.location.line - 1:end]
            if span:
                result[id(entity)] = max(span)
    return result


def _inside(entity: Entity, ancestor: Entity) -> bool:
    parent = entity.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False
