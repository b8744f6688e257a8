"""The entry being edited as the site shows it: its own page, rendered by the site's templates.

The local editor (``wegwijzer admin``) asks for it while the editor types
(admin/preview.mjs, through the local backend's ``preview`` action). The data
on disk is read as the live preview reads it (a file whose size and time did
not change is not read again); the entry from the form takes its place (or is
added), the whole is checked as the validator checks it, and only that entry's
page is rendered. The schemas are read once, as the form's own configuration
is made once when the editor starts.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..core import CheckResult
from ..core.loader import DataSet, read_data
from ..core.model import build_toolbox
from ..core.schemas import SchemaSet
from ..core.validator import Settings, validate
from ..core.yamlfile import YamlDocument
from ..site.assemble import Site
from ..site.outputs import Publication
from ..site.pages import entity_page
from ..site.render import RenderSettings
from .backend import Refused
from .cms import Form, forms


def _note(text: str) -> dict:
    return {"html": f'<p class="ww-note">{html.escape(text)}</p>'}


class EntryPreview:
    """Renders one entry of the form, in the context of the rest of the data on disk."""

    def __init__(self, data_dir: Path, schema_dir: Path, template_dir: Path, *, today: Callable[[], dt.date]):
        self.data_dir, self.schema_dir, self.template_dir, self.today = data_dir, schema_dir, template_dir, today
        self.lock = threading.Lock()
        self.known: dict[str, tuple] = {}  # what reading each data file gave (core.loader.read_data)
        self.schemas: SchemaSet | None = None

    def __call__(self, params: dict) -> dict:
        with self.lock:
            return self._render(params)

    def _render(self, params: dict) -> dict:
        dataset, _ = read_data(self.data_dir, self.data_dir.parent, self.known)
        schemas = self.schemas = self.schemas or SchemaSet(self.schema_dir)
        form = next((f for f in forms(schemas) if f.name == params.get("form")), None)
        entry = params.get("data")
        if form is None or not isinstance(entry, dict):
            raise Refused("onbekend formulier")
        kind = form.kind
        if not isinstance(entry.get("id"), str) or not kind.has_pages:
            return _note("Het voorbeeld verschijnt zodra het item een korte naam voor het webadres heeft.")
        changed = _with_entry(dataset, form, entry)
        today = self.today()
        problems = [p for p in validate(changed, schemas, Settings(today)) if p.severity == "error"]
        if problems:
            return _note(f"Nog geen voorbeeld: er {'is 1 melding' if len(problems) == 1 else f'zijn {len(problems)} meldingen'}"
                         " bij de velden of elders in de gegevens.")
        result = CheckResult([], schemas=schemas, toolbox=build_toolbox(changed, schemas))
        entity = result.toolbox.of_kind(kind.name).get(entry["id"])
        site = Site(result, RenderSettings(Publication("Voorbeeld")), today=today, template_dir=self.template_dir)
        page = site.renderer.render(entity_page(kind, entity))
        return {"html": page.body, "title": page.title}


def _with_entry(dataset: DataSet, form: Form, entry: dict) -> DataSet:
    """``dataset`` with ``entry`` in place of the entry with its id in ``form``'s file (or added to it)."""
    documents: dict[str, list] = {}
    for kind, pairs in dataset.documents.items():
        documents[kind] = []
        for data_file, document in pairs:
            if data_file != form.data_file:
                documents[kind].append((data_file, document))
            elif form.list_key and isinstance(document.data, dict):
                items = list(document.data.get(form.list_key) or [])
                place = next((i for i, item in enumerate(items) if isinstance(item, dict)
                              and item.get("id") == entry["id"]), None)
                if place is None:
                    items.append(entry)  # a new entry
                else:
                    items[place] = entry
                documents[kind].append((data_file, replace(document, data={**document.data, form.list_key: items})))
            elif not form.list_key and Path(document.path).stem != entry["id"]:
                documents[kind].append((data_file, document))
    if not form.list_key:
        documents.setdefault(form.kind.name, [])
        path = f"data/{form.data_file.folder}/{entry['id']}.yaml" if form.data_file.is_folder else f"data/{form.data_file.pattern}"
        documents[form.kind.name].append((form.data_file, YamlDocument(path, entry)))
    return DataSet(documents, list(dataset.unreadable))

