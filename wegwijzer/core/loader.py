"""Find and read every data file; the first stage of the pipeline.

Data arrives by pull request, so the folder is untrusted: links are never
followed (a symlink to /dev/zero or /etc/passwd is refused, not read), only
regular files of bounded size are read, and every file under ``data/`` that
the registry does not declare is an error that names it — a region renamed to
``twente.yml`` must not silently vanish from the site.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .kinds import DataFile, data_files
from .problems import Problem
from .yamlfile import MAX_FILE_BYTES, YamlDocument, parse_yaml

SCHEMA_FOLDER = "schema"
MAX_FILES = 5000  # more files than this under data/ is not a toolbox but a mistake (or an attack)


@dataclass
class DataSet:
    """The parsed documents of one data folder, by the kind that owns each file."""

    documents: dict[str, list[tuple[DataFile, YamlDocument]]] = field(default_factory=dict)
    unreadable: list[DataFile] = field(default_factory=list)  # files that could not become data at all

    def of_kind(self, kind: str) -> list[YamlDocument]:
        return [document for _, document in self.documents.get(kind, [])]

    def all(self) -> list[tuple[str, DataFile, YamlDocument]]:
        return [(kind, data_file, document) for kind, entries in self.documents.items()
                for data_file, document in entries]


def display_path(path: Path, root: Path | None) -> str:
    """Path as editors see it in the repository (``data/themes.yaml``)."""
    base = root if root is not None else Path.cwd()
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def read_data(data_dir: Path, root: Path | None = None,
              known: dict[str, tuple] | None = None) -> tuple[DataSet, list[Problem]]:
    """Read every declared file of ``data_dir``; anything else found there is a problem too.

    ``known`` (the live preview's): what earlier reads gave per file, kept by the file's size and
    time; a file whose size and time are the same is not read again.
    """
    dataset = DataSet()
    shown = display_path(data_dir, root)
    try:
        info = os.lstat(data_dir)
    except OSError:
        return dataset, [Problem(shown, 1, 1, "", "map met gegevens ontbreekt", stage=0)]
    if stat.S_ISLNK(info.st_mode):
        return dataset, [Problem(shown, 1, 1, "", "de map met gegevens is een snelkoppeling (symlink); gebruik een echte map", stage=0)]
    if not stat.S_ISDIR(info.st_mode):
        return dataset, [Problem(shown, 1, 1, "", "dit is een bestand, geen map met gegevens", stage=0)]

    found, walk_problems = _files_under(data_dir, root)
    if walk_problems:
        return dataset, walk_problems
    problems: list[Problem] = []
    claimed: set[str] = set()
    for kind, data_file in data_files():
        paths = sorted(r for r in found if data_file.matches(r)) if data_file.is_folder else [data_file.pattern]
        for relative in paths:
            claimed.add(relative)
            document, file_problems = _read_known(data_dir / relative, display_path(data_dir / relative, root), known)
            problems.extend(file_problems)
            if document is not None and isinstance(document.data, dict):
                dataset.documents.setdefault(kind.name, []).append((data_file, document))
            elif document is not None:
                problems.append(document.problem((), "het bestand moet beginnen met velden (`veld: waarde`), "
                                                     "niet met een lijst of losse tekst", stage=0))
                dataset.unreadable.append(data_file)
            else:
                dataset.unreadable.append(data_file)
    for relative in sorted(set(found) - claimed):
        if relative.startswith(f"{SCHEMA_FOLDER}/") and relative.endswith(".schema.json") and relative.count("/") == 1:
            continue  # read by SchemaSet
        problems.append(Problem(display_path(data_dir / relative, root), 1, 1, "", _unknown_file_message(relative), stage=0))
    return dataset, problems


def _files_under(data_dir: Path, root: Path | None) -> tuple[dict[str, str], list[Problem]]:
    """Everything under data/ by relative path: "file", "link", "folder" (where a file belongs) or "other"."""
    single_files = {f.pattern for _, f in data_files() if not f.is_folder}
    found: dict[str, str] = {}
    for current, folders, files in os.walk(data_dir, followlinks=False):
        here = Path(current)
        entering = []
        for name in sorted(folders):
            relative = (here / name).relative_to(data_dir).as_posix()
            if (here / name).is_symlink():  # listed among folders, never entered
                found[relative] = "link"
            elif relative in single_files:
                found[relative] = "folder"
            else:
                entering.append(name)
        folders[:] = entering
        for name in sorted(files):
            mode = os.lstat(here / name).st_mode
            kind = "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "other"
            found[(here / name).relative_to(data_dir).as_posix()] = kind
        if len(found) > MAX_FILES:
            return {}, [Problem(display_path(data_dir, root), 1, 1, "",
                                f"meer dan {MAX_FILES} bestanden in de map met gegevens; er is niets gelezen", stage=0)]
    return found, []


def _read_known(path: Path, shown: str, known: dict[str, tuple] | None) -> tuple[YamlDocument | None, list[Problem]]:
    if known is None:
        return _read(path, shown)
    try:
        info = os.lstat(path)
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode)
    except OSError:
        stamp = None
    if stamp is not None and known.get(shown, (None,))[0] == stamp:
        return known[shown][1]
    read = _read(path, shown)
    known[shown] = (stamp, read)
    return read


def _read(path: Path, shown: str) -> tuple[YamlDocument | None, list[Problem]]:
    raw, problem = read_regular_file(path, shown, MAX_FILE_BYTES)
    if problem is not None:
        return None, [problem]
    return parse_yaml(raw, shown)


def read_regular_file(path: Path, shown: str, max_bytes: int) -> tuple[bytes, Problem | None]:
    """The bytes of a regular file that is no link, at most ``max_bytes``; else a located problem.

    Used for every file a pull request can change and the build reads as input.
    """
    def fail(message: str) -> tuple[bytes, Problem]:
        return b"", Problem(shown, 1, 1, "", message, stage=0)

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return fail("bestand ontbreekt")
    except OSError as error:
        return fail(f"bestand kan niet gelezen worden ({error.strerror})")
    if stat.S_ISLNK(info.st_mode):
        return fail("bestand is een snelkoppeling (symlink); zet de gegevens in het bestand zelf")
    if stat.S_ISDIR(info.st_mode):
        return fail("hier hoort een bestand te staan, maar het is een map")
    if not stat.S_ISREG(info.st_mode):
        return fail("dit is geen gewoon bestand")
    if info.st_size > max_bytes:
        return fail(_too_big(info.st_size, max_bytes))
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped between lstat and open
                return fail("dit is geen gewoon bestand")
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        return fail(f"bestand kan niet gelezen worden ({error.strerror or error})")
    if len(raw) > max_bytes:
        return fail(_too_big(len(raw), max_bytes))
    return raw, None


def _too_big(size: int, limit: int) -> str:
    if limit < 1024 * 1024:
        return f"bestand is te groot ({size // 1024} kB; maximaal {limit // 1024} kB)"
    return (f"bestand is te groot ({size // (1024 * 1024)} MB; maximaal {limit // (1024 * 1024)} MB). "
            "Splits het op, bijvoorbeeld per regio.")


def _unknown_file_message(relative: str) -> str:
    name = relative.rsplit("/", 1)[-1]
    if name.startswith((".#", "~")) or name.endswith(("~", ".swp", ".tmp")):
        return "tijdelijk bestand van een editor; sla je wijziging op, sluit het bestand en haal dit bestand weg"
    stem = name.split(".", 1)[0]
    folder = relative.rsplit("/", 1)[0] if "/" in relative else ""
    like = [f.pattern for _, f in data_files()
            if (f.folder == folder and f.is_folder) or (not f.is_folder and f.pattern.split(".", 1)[0] == f"{folder}/{stem}".strip("/"))]
    hint = f"; bedoelde je `data/{like[0].replace('*', stem)}`?" if like else ""
    return ("bestand wordt niet gelezen en komt dus niet op de site: alleen de vaste bestanden en "
            f"data/<map>/<naam>.yaml horen hier{hint}")
