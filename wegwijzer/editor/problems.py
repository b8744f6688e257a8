"""Problems in the words of the form editor: which form, which entry, which field, and a link to open it.

The preview shows these instead of the site while the data has errors
(``wegwijzer serve`` and ``admin``), so an editor who never saw the YAML can
open the entry in the editor and fix it there. The file and line stay for
those who edit the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..core.kinds import file_for
from ..core.loader import DataSet
from ..core.problems import Problem
from ..core.schemas import SchemaSet, Shape
from .cms import ADMIN_FOLDER, field_label, forms


@dataclass(frozen=True)
class EditorProblem:
    """A problem with the place an editor knows it by."""

    problem: Problem
    form: str = ""  # "Interventies"
    entry: str = ""  # the entry's name: "Weerbaar in de wijk"
    label: str = ""  # the field's label along the way: "Bronnen › Webadres"
    link: str = ""  # the entry in the editor, relative to the site's root ("admin/#/collections/…")
    readable: bool = True  # False: the file itself cannot be read; only a text editor can fix it

    def __getattr__(self, name: str) -> Any:  # file, line, column, field, message, severity: the problem's own
        return getattr(self.problem, name)


def editor_problems(problems: list[Problem], dataset: Optional[DataSet], schemas: Optional[SchemaSet]) -> list[EditorProblem]:
    """Each problem with its form, entry and field label, where the data can tell them."""
    if schemas is None:
        return [EditorProblem(p) for p in problems]
    by_file = {form.data_file: form for form in forms(schemas)}
    documents = {document.path: (data_file, document) for _, data_file, document in (dataset.all() if dataset else [])}
    return [_locate(problem, by_file, documents) for problem in problems]


def _locate(problem: Problem, by_file: dict, documents: dict) -> EditorProblem:
    data_file, document = documents.get(problem.file, (None, None))
    if data_file is None:  # a file that could not be read: the registry says which form it belongs to
        found = file_for(problem.file.rpartition("data/")[2])
        form = by_file.get(found[1]) if found else None
        if form is None:
            return EditorProblem(problem)
        return EditorProblem(problem, form.label, link=f"{ADMIN_FOLDER}/#/collections/{form.name}", readable=False)
    form = by_file[data_file]
    collection_link = f"{ADMIN_FOLDER}/#/collections/{form.name}"
    path = list(problem.path)
    data, shape = document.data, form.shape
    if form.list_key:
        if len(path) < 2 or path[0] != form.list_key or not isinstance(path[1], int):
            return EditorProblem(problem, form.label, link=collection_link)
        items = data.get(form.list_key) if isinstance(data, dict) else None
        entry = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
        path = path[2:]
    else:
        entry = data
    entry = entry if isinstance(entry, dict) else {}
    name = entry.get(form.display_field) if isinstance(entry.get(form.display_field), str) else ""
    if form.list_key:
        key = entry.get("id") if isinstance(entry.get("id"), str) else None
    elif form.data_file.is_folder:
        key = Path(problem.file).stem
    else:
        key = form.name
    link = f"{ADMIN_FOLDER}/{form.entry_link(key)}" if key else collection_link
    return EditorProblem(problem, form.label, name or (key or ""), _labels(shape, path), link)


def _labels(shape: Shape, path: list) -> str:
    """The field's labels from the entry down, without list positions: "Bronnen › Webadres"."""
    labels = []
    for part in path:
        if isinstance(part, int):
            shape = shape.items or Shape()
            continue
        child = shape.properties.get(part)
        if child is None:
            labels.append(str(part))
            break
        labels.append(child.title or field_label(str(part)))
        shape = child
    return " › ".join(labels)
