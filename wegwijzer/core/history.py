"""The repository's history of data/: when each entry last changed, and which commits changed the data.

"Laatst gewijzigd" is the third date on a page, next to the date of the
source and the date a person last reviewed the entry. An entry spans the
lines from its first field to the next entry that is not part of it; its
date is the newest commit among those lines (``git blame``). Lines not
committed yet count as changed today. Outside a git checkout (a zip, a test
copy) there is no history and pages simply do not show the date.

History is input like ``data/``: a pull request can put anything in it. Old
file versions are read with the same bounded reader as the data (sizes,
aliases, depth), commits dated after today and lines of a shallow clone's
cut-off commit give no date (a clone with ``--depth`` does not know when
those lines were written), and what cannot be read is skipped and reported.

Read once: every result is kept by what it depends on — the commit HEAD
points to, the path, and the content of the file (or the blob id of an old
version) — so the live preview, which keeps one ``DataHistory``, re-reads
only the working tree's changed file after a save. A new ``DataHistory``
(every ``wegwijzer build``) starts empty, so a build reads the history as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .clock import day_of
from .model import Entity
from .problems import Problem
from .yamlfile import MAX_FILE_BYTES, YamlDocument, parse_yaml

MAX_COMMITS = 60  # commits of data/ that "wat is er veranderd" looks at
MAX_HISTORY_BYTES = 128 * 1024 * 1024  # old file versions read for it, in total: a bound on a hostile history
NULL_ID = "0" * 40  # a change's missing side (file added or removed); in a blame: not committed yet
UNCOMMITTED = -1  # a line's time in a blame: not committed yet (counts as today)
# Settings of the user's git that would change what these commands print.
_PLAIN = ("-c", "core.quotePath=true", "-c", "log.showSignature=false", "-c", "color.ui=false")


def git(repository: Path, *args: str) -> Optional[str]:
    """What a git command prints in ``repository``; None outside a checkout, without git, or on failure."""
    output = git_bytes(repository, *args)
    return output.decode("utf-8", "replace") if output is not None else None


def git_bytes(repository: Path, *args: str, stdin: Optional[bytes] = None) -> Optional[bytes]:
    try:
        done = subprocess.run(["git", *_PLAIN, *args], cwd=repository, capture_output=True, input=stdin,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


@dataclass(frozen=True)
class FileChange:
    """One data file changed by a commit: its path in the repository and its blob before and after."""

    path: str
    before: str  # NULL_ID: the commit added the file
    after: str  # NULL_ID: the commit removed it


@dataclass(frozen=True)
class Commit:
    """A commit on the first-parent line that changed data/, compared with its first parent."""

    id: str
    time: int  # committer time, Unix seconds
    files: tuple[FileChange, ...]


class DataHistory:
    """The history of one data folder in one repository, read lazily and kept by what each answer depends on."""

    def __init__(self, repository: Path, data_dir: Path):
        self.repository = Path(repository)
        self.data_dir = Path(data_dir)
        try:
            self.data_path: Optional[str] = self.data_dir.resolve().relative_to(
                self.repository.resolve()).as_posix()
        except ValueError:
            self.data_path = None  # data outside the repository: it has no history here
        self.problems: list[Problem] = []  # what was skipped, as warnings (reported, never fatal)
        self._reported: set[tuple[str, str]] = set()
        self._blames: dict[str, tuple[tuple[str, str], Optional[list[Optional[int]]]]] = {}  # path → (key, times)
        self._commits: dict[str, list[Commit]] = {}
        self.derived: dict[tuple, object] = {}  # what callers work out from old versions, by what it depends on

    # -- the repository's state ----------------------------------------------------------------------

    def head(self) -> Optional[tuple[str, frozenset[str]]]:
        """The commit HEAD points to and the commits a shallow clone was cut off at; None without history."""
        if self.data_path is None:
            return None
        found = git(self.repository, "rev-parse", "--is-shallow-repository", "--git-path", "shallow", "--verify",
                    "-q", "HEAD")
        lines = (found or "").splitlines()  # git prints the commit last with --verify, the others in order
        if len(lines) != 3 or len(lines[2]) != 40 or lines[0] not in ("true", "false"):
            return None
        cut: frozenset[str] = frozenset()
        if lines[0] == "true":
            shallow = self.repository / lines[1]
            cut = frozenset(shallow.read_text(encoding="ascii", errors="replace").split()) if shallow.is_file() else cut
        return lines[2], cut

    # -- when each line last changed -----------------------------------------------------------------

    def line_times(self, files: Iterable[Path]) -> dict[Path, list[Optional[int]]]:
        """For each file, the committer time of each line (UNCOMMITTED, or None where history cannot tell).

        Kept by HEAD, path and content: unchanged files cost no git process.
        """
        state = self.head()
        if state is None:
            return {}
        head, cut = state
        keys: dict[Path, tuple[str, str]] = {}
        for file in files:
            try:
                content = file.read_bytes()
            except OSError:
                continue
            keys[file] = (head, hashlib.sha1(content).hexdigest())
        missing = [file for file, key in keys.items() if self._blames.get(file.as_posix(), (None,))[0] != key]
        if missing:  # the latest blame of each file is kept: one per file, however long the preview runs
            with ThreadPoolExecutor(max_workers=max(1, min(len(missing), os.cpu_count() or 1))) as pool:
                for file, times in zip(missing, pool.map(lambda f: self._blame(f, cut), missing)):
                    self._blames[file.as_posix()] = (keys[file], times)
        return {file: times for file in keys if (times := self._blames[file.as_posix()][1]) is not None}

    def _blame(self, file: Path, cut: frozenset[str]) -> Optional[list[Optional[int]]]:
        output = git_bytes(self.repository, "blame", "--porcelain", "--", str(file))
        return None if output is None else _blame_times(output, cut)

    # -- the commits that changed data/ ------------------------------------------------------------------

    def commits(self) -> Optional[list[Commit]]:
        """First-parent commits that changed data/, newest first, each compared with its first parent.

        A merge counts as the change it brought to the first parent (``git
        diff-tree`` alone prints nothing for a merge); a shallow clone's
        cut-off commit is left out, since what it changed is unknown.
        """
        state = self.head()
        if state is None:
            return None
        head, cut = state
        if head not in self._commits:
            log = git_bytes(self.repository, "log", "--first-parent", "--diff-merges=first-parent", "--raw",
                            "--no-abbrev", "--no-renames", f"-n{MAX_COMMITS}", "--format=%x1e%H %ct", "--",
                            self.data_path)
            if log is None:
                return None
            commits = _parse_log(log)
            if any(commit.id in cut for commit in commits):
                self.note(self.data_path, "de geschiedenis is ingekort (een 'shallow clone'): wat de oudste commit "
                                          "veranderde is onbekend en staat niet in 'Wat is er veranderd'")
            self._commits[head] = [commit for commit in commits if commit.id not in cut]
        return self._commits[head]

    def versions(self, wanted: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, Optional[YamlDocument]]]:
        """Old file versions, given as (blob id, path), read as data is read: (blob, path, document), one at a time.

        All come from one git process, at most MAX_HISTORY_BYTES in total; a
        version that cannot be read or is too big gives None and is reported.
        Documents are not kept: callers keep what they derive from them.
        """
        wanted = [(blob, path) for blob, path in wanted if blob != NULL_ID]
        if not wanted:
            return
        sizes = git_bytes(self.repository, "cat-file", "--batch-check",
                          stdin="".join(f"{blob}\n" for blob, _ in wanted).encode())
        accepted, total = [], 0
        for (blob, path), line in zip_longest(wanted, (sizes or b"").decode("ascii", "replace").splitlines()):
            parts = (line or "").split()
            size = int(parts[2]) if len(parts) == 3 and parts[1] == "blob" and parts[2].isdigit() else None
            if size is None:
                yield blob, path, self._skip(blob, path, "deze versie staat niet in de repository")
            elif size > MAX_FILE_BYTES:
                yield blob, path, self._skip(blob, path, f"het bestand was te groot ({size // (1024 * 1024)} MB)")
            elif total + size > MAX_HISTORY_BYTES:
                yield blob, path, self._skip(blob, path, "de geschiedenis bevat te veel gegevens om te lezen")
            else:
                total += size
                accepted.append((blob, path))
        contents = git_bytes(self.repository, "cat-file", "--batch",
                             stdin="".join(f"{blob}\n" for blob, _ in accepted).encode())
        for (blob, path), raw in zip_longest(accepted, _batch_contents(contents or b"", [b for b, _ in accepted])):
            if raw is None:
                yield blob, path, self._skip(blob, path, "deze versie kon niet gelezen worden")
                continue
            document, problems = parse_yaml(raw, path)
            errors = [p for p in problems if p.severity == "error"]
            if document is None or errors:
                yield blob, path, self._skip(blob, path, errors[0].message if errors else "onleesbaar")
            else:
                yield blob, path, document

    def _skip(self, blob: str, path: str, reason: str) -> None:
        self.note(path, f"een eerdere versie (blob {blob[:10]}) is overgeslagen voor 'Wat is er veranderd': {reason}")

    def note(self, path: str, message: str) -> None:
        """Report something in the history that was skipped (once), as a warning about ``path``."""
        if (path, message) not in self._reported:
            self._reported.add((path, message))
            self.problems.append(Problem(path, 1, 1, "", message, "warning", stage=0))


def _blame_times(output: bytes, cut: frozenset[str]) -> list[Optional[int]]:
    """Committer time of each line from ``git blame --porcelain`` (a commit's details follow its first line)."""
    times: dict[str, Optional[int]] = {}
    boundaries: set[str] = set()
    order: list[str] = []
    current = ""
    for raw in output.split(b"\n"):
        if not raw or raw[:1] == b"\t":
            continue  # the line's own text
        line = raw.decode("utf-8", "replace")
        if len(line) > 41 and line[40] == " " and all(c in "0123456789abcdef" for c in line[:40]):
            current = line[:40]
            order.append(current)
        elif line.startswith("committer-time "):
            value = line.split(" ", 1)[1]
            times[current] = int(value) if value.isdigit() else None
        elif line == "boundary":
            boundaries.add(current)

    def time_of(commit: str) -> Optional[int]:
        if commit == NULL_ID:
            return UNCOMMITTED
        if commit in boundaries and commit in cut:
            return None  # a shallow clone's cut: the line may be much older than this commit
        return times.get(commit)

    return [time_of(commit) for commit in order]


def _parse_log(output: bytes) -> list[Commit]:
    """Commits from ``git log --format=%x1e%H %ct --raw``."""
    commits = []
    for record in output.split(b"\x1e")[1:]:
        header, *rest = record.decode("utf-8", "replace").split("\n")
        parts = header.split()
        if len(parts) != 2 or len(parts[0]) != 40 or not parts[1].isdigit():
            continue
        files = []
        for line in rest:  # ":100644 100644 <before> <after> M\tdata/themes.yaml"
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if line.startswith(":") and len(fields) == 5 and path and not path.startswith('"'):
                files.append(FileChange(path, fields[2], fields[3]))
        commits.append(Commit(parts[0], int(parts[1]), tuple(files)))
    return commits


def _batch_contents(output: bytes, blobs: list[str]) -> Iterator[bytes]:
    """The contents ``git cat-file --batch`` printed for ``blobs``, in order (stops at anything unexpected)."""
    at = 0
    for blob in blobs:
        end = output.find(b"\n", at)
        header = output[at:end].split() if end >= 0 else []
        if len(header) != 3 or header[0].decode("ascii", "replace") != blob or not header[2].isdigit():
            return
        size = int(header[2])
        yield output[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the content is followed by a newline


@lru_cache(maxsize=4096)
def commit_day(time: int, today: dt.date) -> Optional[dt.date]:
    """The day of a commit time, or None when it cannot be true: after today, or out of the calendar's range."""
    try:
        day = day_of(time)
    except (OverflowError, OSError, ValueError):
        return None
    return day if day <= today else None


def changed_days(entities: Iterable[Entity], history: DataHistory, today: dt.date) -> dict[int, dt.date]:
    """``id(entity)`` → the day the entry last changed, for entities in files under version control."""
    by_file: dict[str, list[Entity]] = {}
    for entity in entities:
        location = getattr(entity, "location", None)
        if location is not None:
            by_file.setdefault(location.file, []).append(entity)
    paths = {shown: history.data_dir.parent / shown for shown in by_file}
    times = history.line_times(path for path in paths.values() if path.is_file())
    result: dict[int, dt.date] = {}
    for shown, members in by_file.items():
        lines = times.get(paths[shown])
        if not lines:
            continue
        days = [today if t == UNCOMMITTED else commit_day(t, today) if t is not None else None for t in lines]
        members.sort(key=lambda e: e.location.line)
        for position, entity in enumerate(members):
            end = len(days)
            for later in members[position + 1:]:
                if not _inside(later, entity) and later.location.line > entity.location.line:
                    end = later.location.line - 1
                    break
            known = [day for day in days[entity.location.line - 1:end] if day is not None]
            if known:
                result[id(entity)] = max(known)
    return result


def _inside(entity: Entity, ancestor: Entity) -> bool:
    parent = entity.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False
