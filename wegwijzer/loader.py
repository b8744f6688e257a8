"""Find and read every data file; the first stage of the pipeline."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .schemas import DATA_FILES, DataFile
from .yamlfile import YamlDocument, read_yaml


@dataclass
class DataSet:
    """The parsed documents of one data folder, by kind."""

    data_dir: Path
    documents: dict[str, list[YamlDocument]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[YamlDocument]:
        return self.documents.get(kind, [])

    def single(self, kind: str) -> YamlDocument | None:
        documents = self.of_kind(kind)
        return documents[0] if documents else None


def display_path(path: Path, root: Path | None) -> str:
    """Path as editors see it in the repository (``data/themes.yaml``)."""
    base = root if root is not None else Path.cwd()
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def read_data(data_dir: Path, root: Path | None = None) -> tuple[DataSet, list[Problem]]:
    """Read all files of ``data_dir``; a missing or unknown file is a problem too."""
    dataset = DataSet(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        problems.append(Problem(display_path(data_dir, root), 1, 1, "", "map met gegevens ontbreekt"))
        return dataset, problems
    expected: set[Path] = set()
    for data_file in DATA_FILES:
        for path in _files_for(data_dir, data_file):
            expected.add(path.resolve())
            document, found = read_yaml(path, display_path(path, root))
            problems.extend(found)
            if document is not None:
                dataset.documents.setdefault(data_file.kind, []).append(document)
    for path in sorted(data_dir.rglob("*")):
        if path.suffix in {".yaml", ".yml"} and path.resolve() not in expected:
            problems.append(
                Problem(
                    display_path(path, root), 1, 1, "",
                    "onbekend gegevensbestand: het wordt niet gebruikt. Gebruik een van de vaste "
                    "bestanden, of data/regions/<regio>.yaml voor een regio",
                    "warning",
                )
            )
    return dataset, problems


def _files_for(data_dir: Path, data_file: DataFile) -> list[Path]:
    if "*" in data_file.pattern:
        found = sorted(data_dir.glob(data_file.pattern))
        return found  # no region files is allowed: the toolbox can be national only
    return [data_dir / data_file.pattern]
