"""``wegwijzer fmt``: every data file written the one way the project writes it.

Round-trip YAML (ruamel.yaml) keeps comments, quoting and folded text as they
are; the canonical form only fixes what varies between hands and tools: the
``# yaml-language-server`` header that points editors at the schema, keys in
the schema's order, two-space indentation with list items under their key,
no wrapping of long lines, one newline at the end. A file already in this
form is untouched, so a one-field change stays a one-line diff.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..core.kinds import data_files
from ..core.schemas import SchemaSet, Shape

MODELINE = "# yaml-language-server:"  # any such line gives way to the file's header


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never wrap: a changed word must not move line breaks elsewhere
    yaml.preserve_quotes = True
    return yaml


@dataclass
class FormatResult:
    path: Path
    changed: bool
    error: Optional[str] = None
    first_difference: int = 0  # the first line (1-based) that differs from the canonical form


def first_difference(text: str, formatted: str) -> int:
    """The first line where two texts differ (1-based), so `fmt --check` can name it."""
    for number, (a, b) in enumerate(zip(text.splitlines(), formatted.splitlines()), start=1):
        if a != b:
            return number
    return min(len(text.splitlines()), len(formatted.splitlines())) + 1


def canonical(text: str, shape: Shape, header: str) -> str:
    """The canonical form of one data file's text (raises YAMLError for text that is not YAML)."""
    yaml = _yaml()
    data = yaml.load(text)
    _order(data, shape)
    out = io.StringIO()
    yaml.dump(data, out)
    body = out.getvalue()
    lines = body.splitlines()
    if not lines or lines[0].strip() != header:
        lines = [line for line in lines if not line.startswith(MODELINE)]
        body = "\n".join([header] + ([""] if lines and lines[0].strip() else []) + lines)
    return "\n".join(line.rstrip() for line in body.splitlines()).rstrip("\n") + "\n"


def _order(value: Any, shape: Shape) -> None:
    """Keys in the order the schema lists them (unknown keys last, as they were); comments move with their key."""
    if isinstance(value, CommentedMap):
        for key in [k for k in shape.properties if k in value] + [k for k in value if k not in shape.properties]:
            value.move_to_end(key)
        for key, child in shape.properties.items():
            if key in value:
                _order(value[key], child)
    elif isinstance(value, CommentedSeq) and shape.items is not None:
        for item in value:
            _order(item, shape.items)


def format_files(data_dir: Path, schemas: SchemaSet, *, check: bool) -> list[FormatResult]:
    """Format (or with ``check``, only compare) every data file the registry declares."""
    results = []
    for _, data_file in data_files():
        paths = sorted(data_dir.glob(data_file.pattern)) if data_file.is_folder else [data_dir / data_file.pattern]
        for path in paths:
            if not path.is_file() or path.is_symlink():
                continue  # the validator reports missing and linked files
            text = path.read_text(encoding="utf-8")
            try:
                formatted = canonical(text, schemas.shape(data_file.schema), data_file.header)
            except YAMLError as error:
                results.append(FormatResult(path, False, f"geen geldige YAML ({type(error).__name__})"))
                continue
            changed = formatted != text
            if changed and not check:
                path.write_text(formatted, encoding="utf-8")
            results.append(FormatResult(path, changed, first_difference=first_difference(text, formatted)
                                        if changed else 0))
    return results
