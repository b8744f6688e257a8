"""The canonical form of a data file, and ``wegwijzer fmt`` that writes it.

Every writer of data files produces this form: ``wegwijzer fmt``,
``wegwijzer new`` (both through ``canonical_text`` here) and the form editor
(``canonical.mjs`` in admin/, the same rules line for line; a test compares
the two on every shipped file). It is a function of the data alone, chosen so
that a change of one field is a change of one line:

* the ``# yaml-language-server`` header first, then the file's own comments;
* keys in the schema's order; two-space indentation, list items under their key;
* a list of short words (ids, choices) on one line: ``themes: [a, b]``; a
  group of numbers too: ``age: {min: 12, max: 23}``; everything else in blocks;
* a text of several sentences as a folded block with one sentence per line
  (a changed word changes its sentence's line, nothing reflows); a text with
  line breaks as a literal block, line for line; a one-sentence text on the
  line of its key, without quotes where YAML allows, else in single quotes.

Comments and blank lines between values are kept where they stand; a comment
behind a value moves to its own line above it. Nothing is ever wrapped.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import yaml

from ..core.kinds import data_files
from ..core.problems import Problem
from ..core.schemas import SchemaSet, Shape
from ..core.yamlfile import parse_yaml

INDENT = 2
# A sentence ends at . ! or ? (with a closing quote or bracket) before one space and a character that is
# not a lowercase letter: "bijv. de" stays together, "jaar. De" breaks. Folding joins the lines with one
# space again, so the text itself never changes.
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*( )(?=\S)")
# Characters only a double-quoted scalar can carry (escaped): controls, line and paragraph separators, BOM.
NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# Plain text that some YAML reader would take for something else: null, booleans (YAML 1.1 too), numbers.
NOT_TEXT = re.compile(r"^(?:~|null|Null|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF|"
                      r"[yYnN]|<<|=|[-+]?(?:\.?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|"
                      r"\.(?:inf|Inf|INF|nan|NaN|NAN)))$")
# A text longer than this with more than one sentence is folded, one sentence per line.
FOLD_ABOVE = 80
# A line of Markdown structure (a list item, a heading, a quote): such texts keep their lines as they are.
MARKDOWN_BLOCK = re.compile(r"^(?:[-*+>#]|[0-9]+[.)])(?:\s|$)")
PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`.]")
TOKEN = re.compile(r"^[^\s,\[\]{}]+$")
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
MODELINE = "# yaml-language-server:"  # any such line gives way to the file's header


# ---------------------------------------------------------------------------
# Scalars
# ---------------------------------------------------------------------------


def _is_lowercase(char: str) -> bool:
    return char.lower() == char and char.upper() != char


def sentence_breaks(text: str) -> list[int]:
    """Positions of the spaces where a one-line text is folded onto a new line."""
    return [m.start(1) for m in SENTENCE_BREAK.finditer(text) if not _is_lowercase(text[m.end(1)])]


def _plain(text: str) -> bool:
    return (bool(text) and text == text.strip() and not NEEDS_ESCAPE.search(text) and "\n" not in text
            and "\t" not in text and "\r" not in text and bool(PLAIN_START.match(text)) and ": " not in text
            and " #" not in text and not text.endswith(":") and not NOT_TEXT.match(text))


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}


def _double_quoted(text: str) -> str:
    def escape(char: str) -> str:
        if char in _ESCAPES:
            return _ESCAPES[char]
        if NEEDS_ESCAPE.match(char):
            code = ord(char)
            return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"
        return char

    return '"' + "".join(escape(char) for char in text) + '"'


def inline_scalar(value: Any) -> str:
    """A scalar on one line (a key's value, a list item, an item of a flow list)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    text = str(value)
    if _plain(text):
        return text
    if NEEDS_ESCAPE.search(text) or "\n" in text or "\r" in text or "\t" in text or "'" in text:
        return _double_quoted(text)
    return _single_quoted(text)


def _number(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[str(value)]
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _foldable(line: str) -> bool:
    return bool(line) and line == line.strip() and not NEEDS_ESCAPE.search(line) and "\t" not in line \
        and "\r" not in line


def _folded_lines(text: str) -> Optional[list[str]]:
    """The lines of a folded block for ``text``, or None if it is not written that way.

    Sentences of a long text each get a line. Every line break in the text
    becomes a blank line (which folding reads back as that line break), so
    paragraphs stand apart as in hand-written files. Texts whose lines have a
    structure of their own (Markdown lists, indentation) are literal blocks.
    """
    paragraphs = text.split("\n")
    if not (paragraphs[0] and paragraphs[-1]) or not all(
            not p or (_foldable(p) and not MARKDOWN_BLOCK.match(p)) for p in paragraphs):
        return None
    if len(paragraphs) == 1 and (len(text) <= FOLD_ABOVE or not sentence_breaks(text)):
        return None
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append("")
        starts = [0] + [b + 1 for b in sentence_breaks(paragraph)]
        ends = [b - 1 for b in starts[1:]] + [len(paragraph)]
        lines.extend(paragraph[a:b] for a, b in zip(starts, ends) if paragraph)
    return lines


def _literal_lines(text: str) -> Optional[list[str]]:
    """The lines of a literal block for ``text`` (which has line breaks), or None if only quotes can hold it."""
    body = text.rstrip("\n")
    lines = body.split("\n")
    if (not body.strip() or NEEDS_ESCAPE.search(text) or "\r" in text or lines[0][:1] in (" ", "\t")
            or any(line != line.rstrip() for line in lines)):
        return None
    return lines


def _scalar_lines(prefix: str, value: Any, indent: int) -> list[str]:
    """``prefix`` (``key:`` or ``-``) and the value, as one or more lines; blocks indented at ``indent``."""
    pad = " " * indent
    if isinstance(value, str):
        folded = _folded_lines(value)
        if folded is not None:
            return [f"{prefix} >-"] + [pad + line if line else "" for line in folded]
        literal = _literal_lines(value) if "\n" in value else None
        if literal is not None:
            trailing = len(value) - len(value.rstrip("\n"))
            chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
            return [f"{prefix} |{chomp}"] + [pad + line if line else "" for line in literal] + [""] * max(trailing - 1, 0)
    return [f"{prefix} {inline_scalar(value)}"]


# ---------------------------------------------------------------------------
# Collections
# ---------------------------------------------------------------------------


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _token(value: Any) -> bool:
    if isinstance(value, (bool, int, float)):
        return True
    return isinstance(value, str) and _plain(value) and bool(TOKEN.match(value))


def _numbers(value: dict) -> bool:
    return bool(value) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()) \
        and all(isinstance(k, str) and KEY.match(k) for k in value)


def _key(key: Any) -> str:
    text = str(key)
    return text if KEY.match(text) and not NOT_TEXT.match(text) else inline_scalar(text)


def _flow(value: Any) -> Optional[str]:
    """The one-line form of a list of words or a group of numbers, if the value is one."""
    if isinstance(value, list) and all(_token(item) for item in value):
        return "[" + ", ".join(inline_scalar(item) for item in value) + "]"
    if isinstance(value, dict) and (not value or _numbers(value)):
        return "{" + ", ".join(f"{_key(k)}: {inline_scalar(v)}" for k, v in value.items()) + "}"
    return None


def _mapping_lines(mapping: dict, indent: int) -> list[str]:
    lines = []
    pad = " " * indent
    for key, value in mapping.items():
        prefix = f"{pad}{_key(key)}:"
        lines.extend(_value_lines(prefix, value, indent))
    return lines


def _value_lines(prefix: str, value: Any, indent: int) -> list[str]:
    """A key's (or list item's) value: ``prefix`` stands at column ``indent``."""
    if _is_scalar(value):
        return _scalar_lines(prefix, value, indent + INDENT)
    flow = _flow(value)
    if flow is not None:
        return [f"{prefix} {flow}"]
    if isinstance(value, dict):
        return [prefix] + _mapping_lines(value, indent + INDENT)
    return [prefix] + _sequence_lines(value, indent + INDENT)


def _sequence_lines(sequence: list, indent: int) -> list[str]:
    lines = []
    pad = " " * indent
    for item in sequence:
        if isinstance(item, dict) and item and _flow(item) is None:
            inner = _mapping_lines(item, indent + INDENT)
            lines.append(f"{pad}- " + inner[0][indent + INDENT:])
            lines.extend(inner[1:])
        else:
            lines.extend(_value_lines(f"{pad}-", item, indent))
    return lines


def emit(data: dict) -> list[str]:
    """The canonical lines of a document (without comments)."""
    return _mapping_lines(data, 0)


def ordered(value: Any, shape: Shape) -> Any:
    """``value`` with the keys of every object in the schema's order (unknown keys last, as they were)."""
    if isinstance(value, dict):
        known = [k for k in shape.properties if k in value]
        keys = known + [k for k in value if k not in shape.properties]
        return {k: ordered(value[k], shape.properties[k]) if k in shape.properties else value[k] for k in keys}
    if isinstance(value, list) and shape.items is not None:
        return [ordered(item, shape.items) for item in value]
    return value


# ---------------------------------------------------------------------------
# Comments: kept from the text that was there
# ---------------------------------------------------------------------------


def _comment_lines(text: str) -> tuple[dict[int, str], dict[int, str]]:
    """Full-line comments and blank lines outside scalars (line index → text), and comments behind values.

    A ``#`` line inside a block or quoted text is text, not a comment: the
    lines a multi-line scalar spans come from the parser's marks.
    """
    lines = text.split("\n")
    inside: set[int] = set()
    ends: dict[int, int] = {}  # line → column where its last token ends
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for token in yaml.scan(text, Loader=loader):
        start, end = token.start_mark, token.end_mark
        if isinstance(token, yaml.ScalarToken) and end.line > start.line:
            inside.update(range(start.line + 1, end.line + (1 if end.column else 0)))
        if end.line < len(lines) and not isinstance(token, (yaml.StreamEndToken, yaml.BlockEndToken)):
            ends[end.line] = max(ends.get(end.line, 0), end.column)
    full: dict[int, str] = {}
    behind: dict[int, str] = {}
    for number, line in enumerate(lines):
        if number in inside:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            full[number] = line.rstrip()
        elif number in ends and line[ends[number]:].strip().startswith("#"):
            behind[number] = line[ends[number]:].strip()
    return full, behind


def canonical_text(text: str, data: dict, header: str) -> str:
    """``data`` in the canonical form, with the comments and blank lines of ``text`` (its file until now).

    ``text`` must be YAML (it is the file ``data`` was read from, or that file
    with an entry added); lines of ``text`` that are not in the new form are
    replaced, comments stay where they stood.
    """
    old = text.split("\n")
    full, behind = _comment_lines(text)
    # A comment behind a value goes on its own line above it, at the value's indentation.
    source: list[tuple[str, bool]] = []  # (line, is a comment or blank line)
    for number, line in enumerate(old):
        if number in full:
            if not line.strip().startswith(MODELINE):
                source.append((full[number], True))
        elif number in behind:
            content = line[: len(line) - len(line.lstrip())]
            source.append((content + behind[number], True))
            source.append((line[: line.rindex(behind[number])].rstrip(), False))
        else:
            source.append((line.rstrip(), False))
    new = emit(data)
    content = [line for line, comment in source if not comment]
    if content == new:  # already canonical apart from comments: the common case, no diff needed
        merged = source
    else:
        matcher = difflib.SequenceMatcher(None, [line for line, _ in source], new, autojunk=False)
        merged = []
        changed_old: list[tuple[str, bool]] = []
        changed_new: list[str] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes() + [("equal", len(source), len(source), len(new), len(new))]:
            if tag != "equal":
                changed_old.extend(source[i1:i2])
                changed_new.extend(new[j1:j2])
                continue
            merged.extend(_replace(changed_old, changed_new))
            changed_old, changed_new = [], []
            merged.extend((line, False) for line in new[j1:j2])
    return _tidy(header, merged)


def _replace(old: list[tuple[str, bool]], new: list[str]) -> list[tuple[str, bool]]:
    """Lines that changed: the comments before the old lines stay before the new ones, the others follow them."""
    lead = 0
    while lead < len(old) and old[lead][1]:
        lead += 1
    return old[:lead] + [(line, False) for line in new] + [item for item in old[lead:] if item[1]]


def _tidy(header: str, lines: list[tuple[str, bool]]) -> str:
    """Header, then the rest: never two blank comment lines in a row, none at the end.

    Blank lines inside a text (``is_comment`` false) are part of the text and stay.
    """
    out = [header]
    if lines and not lines[0][1]:
        out.append("")  # the data starts one blank line below the header
    for line, is_comment in lines:
        if is_comment and not line.strip() and not out[-1].strip():
            continue
        out.append(line)
    while len(out) > 1 and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# `wegwijzer fmt`
# ---------------------------------------------------------------------------


@dataclass
class FormatResult:
    path: Path
    changed: bool
    problems: list[Problem]
    first_difference: int = 0  # the first line (1-based) that differs from the canonical form


def first_difference(text: str, formatted: str) -> int:
    """The first line where two texts differ (1-based), so `fmt --check` can name it."""
    for number, (a, b) in enumerate(zip(text.splitlines(), formatted.splitlines()), start=1):
        if a != b:
            return number
    return min(len(text.splitlines()), len(formatted.splitlines())) + 1


def format_text(text: str, shown: str, shape: Shape, header: str) -> tuple[Optional[str], list[Problem]]:
    """The canonical form of one file's text, or None and the reasons it cannot be read."""
    document, problems = parse_yaml(text.encode("utf-8"), shown)
    if document is None or problems:
        return None, problems
    if not isinstance(document.data, dict):
        return None, [document.problem((), "het bestand moet beginnen met velden (`veld: waarde`)", stage=0)]
    return canonical_text(text, ordered(document.data, shape), header), []


def format_files(data_dir: Path, schemas: SchemaSet, *, check: bool, root: Optional[Path] = None) -> list[FormatResult]:
    """Format (or with ``check``, only compare) every data file the registry declares."""
    results = []
    for _, data_file in data_files():
        paths = sorted(data_dir.glob(data_file.pattern)) if data_file.is_folder else [data_dir / data_file.pattern]
        for path in paths:
            if not path.is_file() or path.is_symlink() or (data_file.is_folder and not data_file.matches(
                    path.relative_to(data_dir).as_posix())):
                continue  # the validator reports missing, linked and unknown files
            text = path.read_text(encoding="utf-8")
            shown = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else path.as_posix()
            formatted, problems = format_text(text, shown, schemas.shape(data_file.schema), data_file.header)
            if formatted is None:
                results.append(FormatResult(path, False, problems))
                continue
            changed = formatted != text
            if changed and not check:
                path.write_text(formatted, encoding="utf-8")
            results.append(FormatResult(path, changed, [], first_difference(text, formatted) if changed else 0))
    return results


def layout_script(schemas: SchemaSet) -> str:
    """What the form editor's writer needs to write the same form: each file's header and key order."""
    def order(shape: Shape, depth: int = 0) -> dict:
        found: dict[str, Any] = {}
        if shape.properties and depth < 12:
            found["keys"] = list(shape.properties)
            children = {k: order(child, depth + 1) for k, child in shape.properties.items()}
            children = {k: v for k, v in children.items() if v}
            if children:
                found["fields"] = children
        if shape.items is not None and depth < 12:
            items = order(shape.items, depth + 1)
            if items:
                found["items"] = items
        return found

    files = {data_file.pattern: {"header": data_file.header, "order": order(schemas.shape(data_file.schema))}
             for _, data_file in data_files()}
    return "export const LAYOUT = " + json.dumps(files, ensure_ascii=False, separators=(",", ":")) + ";\n"


__all__ = ["canonical_text", "emit", "format_files", "format_text", "ordered", "sentence_breaks"]
