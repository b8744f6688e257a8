"""The data core: data files → loader → validator → model, and the history of the data.

Nothing here knows about pages, MkDocs or the editor: the site
(``wegwijzer.site``), the form editor (``wegwijzer.editor``) and the command
line build on what this package reads and checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .kinds import data_files
from .loader import DataSet, read_data
from .memory import paused_gc
from .model import Toolbox, build_toolbox
from .problems import DataError, Problem
from .schemas import SchemaError, SchemaSet
from .validator import Settings, validate

@dataclass
class CheckResult:
    """Outcome of checking a data folder: the model if it is valid, and all findings."""

    problems: list[Problem] = field(default_factory=list)
    toolbox: Optional[Toolbox] = None
    schemas: Optional[SchemaSet] = None
    dataset: Optional[DataSet] = None  # what was read, also when it has errors (the preview names their forms)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class Reading:
    """What earlier checks of one data folder read and found, for the live preview's next check.

    Files whose size and time did not change are not read again, nor are their
    own checks done again; the checks across files always run. Valid for one
    set of schemas and one day: the preview starts a new ``Reading`` when
    either changes.
    """

    files: dict = field(default_factory=dict)  # shown path → (size and time, what reading it gave)
    checks: dict = field(default_factory=dict)  # id(document) → (document, its own problems, what it declares)


def check_data(data_dir: Path, *, today: dt.date, root: Optional[Path] = None,
               schema_dir: Optional[Path] = None, reading: Optional[Reading] = None) -> CheckResult:
    """Read, validate and (when valid) build; never raises for bad data or bad schemas.

    The schemas are ``schema_dir``, else the data folder's own ``schema/``. With ``reading``, only
    files that changed since the check that filled it are read and checked again.
    """
    data_dir = Path(data_dir)
    root = root if root is not None else (data_dir.parent if data_dir.name == "data" else None)
    with paused_gc():
        dataset, problems = read_data(data_dir, root, reading.files if reading is not None else None)
        try:
            schemas = SchemaSet(Path(schema_dir) if schema_dir is not None else data_dir / "schema")
        except SchemaError as error:
            return CheckResult(sorted(set(problems + error.problems), key=Problem.order_key), dataset=dataset)
        missing = sorted({f.schema for _, f in data_files()} - set(schemas.documents))
        if missing:
            problems += [Problem(f"data/schema/{name}", 1, 1, "", "schema ontbreekt") for name in missing]
            return CheckResult(sorted(set(problems), key=Problem.order_key), schemas=schemas, dataset=dataset)
        try:
            problems = sorted(set(problems + validate(dataset, schemas, Settings(today),
                                                      reading.checks if reading is not None else None)),
                              key=Problem.order_key)
        except SchemaError as error:
            return CheckResult(sorted(set(problems + error.problems), key=Problem.order_key), schemas=schemas,
                               dataset=dataset)
        result = CheckResult(problems, schemas=schemas, dataset=dataset)
        if not result.errors:
            result.toolbox = build_toolbox(dataset, schemas)
    return result


def load_toolbox(data_dir: Path, *, today: dt.date, **options) -> Toolbox:
    """The model for ``data_dir``, or DataError listing every problem."""
    result = check_data(data_dir, today=today, **options)
    if result.toolbox is None:
        raise DataError(result.problems)
    return result.toolbox

