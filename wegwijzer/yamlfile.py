"""Strict YAML reading that remembers where every value came from.

Editors write the YAML by hand, so every failure must name file, line and
column in Dutch. Compared with ``yaml.safe_load`` this loader also rejects
duplicate keys and aliases (a defence against alias bombs), keeps dates as
text so the schema checks them, reads only ``true``/``false`` as booleans
(``no`` stays the word "no"), and records a position per value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, format_path

MAX_FILE_BYTES = 25 * 1024 * 1024

Path_ = tuple  # a JSON path: tuple of str keys and int indexes

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_STR_TAG = "tag:yaml.org,2002:str"


_RESOLVERS = {
    first: [(tag, _BOOL if tag == _BOOL_TAG else regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _StrictConstruction:
    """Constructor side shared by both parsers: strict resolvers, duplicate keys collected."""

    yaml_implicit_resolvers = _RESOLVERS

    def construct_mapping(self, node, deep=False):
        if isinstance(node, MappingNode):
            first_seen: dict[Any, Node] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode):
                    continue
                key = key_node.value if key_node.tag == _STR_TAG else self.construct_object(key_node, deep=deep)
                if key in first_seen:
                    self.duplicate_keys.append((key_node, key, first_seen[key]))
                else:
                    first_seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser

    class _StrictLoader(CParser, _StrictConstruction, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's C parser (about ten times faster) with the strict Python constructor."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.duplicate_keys: list[tuple[Node, Any, Node]] = []

else:  # pragma: no cover - PyYAML without libyaml

    class _StrictLoader(_StrictConstruction, yaml.SafeLoader):
        def __init__(self, stream: str):
            super().__init__(stream)
            self.duplicate_keys: list[tuple[Node, Any, Node]] = []


class _AliasFound(Exception):
    def __init__(self, node: Node):
        self.node = node


@dataclass
class YamlDocument:
    """A parsed data file with the position of each value and each key."""

    path: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``path``, else of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False, severity="error") -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.path, line, column, format_path(path), message, severity)


def read_yaml(file: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one data file. Returns the document (None if unreadable) and problems."""

    def fail(message: str, line: int = 1, column: int = 1):
        return None, [Problem(display_path, line, column, "", message)]

    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return fail("bestand ontbreekt")
    except OSError as error:
        return fail(f"bestand kan niet gelezen worden ({error.strerror})")
    if len(raw) > MAX_FILE_BYTES:
        return fail(
            f"bestand is te groot ({len(raw) // (1024 * 1024)} MB; maximaal "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB). Splits het op, bijvoorbeeld per regio."
        )
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return fail("bestand begint met een byte-order mark (BOM); sla het op als UTF-8 zonder BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return fail("bestand is geen geldige UTF-8-tekst; sla het op als UTF-8", line, column)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return fail("bestand is leeg")

    document = YamlDocument(display_path, None)
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:  # raised while the reader primes its buffer
        line, column = _line_and_column(text, error.position)
        return fail("onzichtbaar of ongeldig teken gevonden; verwijder het", line, column)
    try:
        node = loader.get_single_node()
        if node is not None:
            # Aliases are refused before anything is built: an alias bomb never expands.
            _record_marks(node, (), document, loader.construct_object, set())
            document.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return fail(_dutch_yaml_message(error), line, column)
    except yaml.reader.ReaderError as error:
        line, column = _line_and_column(text, error.position)
        return fail("onzichtbaar of ongeldig teken gevonden; verwijder het", line, column)
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks nearly everything
        return fail(f"YAML-fout: {error}")
    except _AliasFound:
        line, column = _first_alias(text)
        return fail(_YAML_MESSAGES[0][1], line, column)
    except RecursionError:
        return fail("bestand is te diep genest")
    finally:
        loader.dispose()

    problems = [
        Problem(
            display_path,
            key_node.start_mark.line + 1,
            key_node.start_mark.column + 1,
            str(key),
            f"veld `{key}` staat hier dubbel (eerder op regel {first.start_mark.line + 1}); "
            "de tweede waarde zou de eerste stilletjes overschrijven",
        )
        for key_node, key, first in loader.duplicate_keys
    ]
    return document, problems


def _first_alias(text: str) -> tuple[int, int]:
    """Where the first ``*alias`` stands (the composed node only knows its anchor)."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1, token.start_mark.column + 1
    return 1, 1  # pragma: no cover - only called when an alias was found


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _record_marks(node: Node, path: Path_, document: YamlDocument, construct, seen: set[int]) -> None:
    if id(node) in seen:  # the composer shares one node for an anchor and its aliases
        raise _AliasFound(node)
    seen.add(id(node))
    document.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            # Keys are resolved like values so the recorded path matches the data.
            key = key_node.value if key_node.tag == _STR_TAG else construct(key_node)
            child = path + (key,)
            document.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _record_marks(value_node, child, document, construct, seen)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _record_marks(item, path + (index,), document, construct, seen)


_YAML_MESSAGES = [
    ("alias", "ankers en aliassen (`&naam` / `*naam`) worden niet gebruikt in deze bestanden; schrijf de waarde uit"),
    ("found character '\\t' that cannot start any token", "tab-teken gevonden; gebruik spaties om in te springen"),
    ("found a tab character", "tab-teken gevonden; gebruik spaties om in te springen"),
    ("mapping values are not allowed", "dubbele punt op een onverwachte plek; zet tekst met `: ` erin tussen aanhalingstekens of controleer de inspringing"),
    ("could not find expected ':'", "verwachtte `veld: waarde`; ontbreekt er een dubbele punt of klopt de inspringing niet?"),
    ("expected <block end>", "de inspringing klopt niet; lijn velden van hetzelfde niveau precies onder elkaar uit"),
    ("found unexpected end of stream", "bestand houdt onverwacht op; is er een aanhalingsteken niet afgesloten?"),
    ("while scanning a quoted scalar", "aanhalingsteken niet afgesloten"),
    ("expected a single document", "bestand bevat meer dan één document (`---`); gebruik er één"),
    ("found unhashable key", "een veldnaam moet gewone tekst zijn"),
    ("special characters are not allowed", "onzichtbaar of ongeldig teken gevonden; verwijder het"),
    ("found undefined tag handle", "onbekende tag (`!`); verwijder hem"),
    ("could not determine a constructor for the tag", "onbekende tag (`!...`); verwijder hem"),
    ("while parsing a block collection", "een lijst-item (`- `) staat op een onverwachte plek; controleer de inspringing"),
    ("while parsing a flow", "haakjes `[ ]` of `{ }` niet goed afgesloten"),
    ("found character '@' that cannot start any token", "tekst die met `@` begint moet tussen aanhalingstekens"),
    ("found character '`' that cannot start any token", "tekst die met een backtick begint moet tussen aanhalingstekens"),
    ("found character that cannot start any token", "teken dat een waarde niet mag beginnen; zet de tekst tussen aanhalingstekens"),
    ("did not find expected key", "de inspringing klopt niet; lijn velden van hetzelfde niveau precies onder elkaar uit"),
    ("did not find expected", "ongeldige opbouw; controleer inspringing, haakjes en aanhalingstekens"),
    ("while scanning", "ongeldige YAML; zet de tekst tussen aanhalingstekens"),
]


def _dutch_yaml_message(error: yaml.MarkedYAMLError) -> str:
    original = " ".join(filter(None, [error.context, error.problem]))
    for needle, dutch in _YAML_MESSAGES:
        if needle in original:
            return dutch
    return f"ongeldige YAML ({original})"
