"""Strict YAML reading that remembers where every value came from.

Editors write the YAML by hand, so every failure must name file, line and
column in Dutch. Compared with ``yaml.safe_load`` this loader also rejects
duplicate keys and aliases (a defence against alias bombs), keeps dates as
text so the schema checks them, reads only ``true``/``false`` as booleans
(``no`` stays the word "no"), refuses tags it does not know, and can tell
the position of every value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

from .memory import paused_gc
from .problems import Problem, format_path

MAX_FILE_BYTES = 25 * 1024 * 1024
# Our schemas nest six levels deep; the limit keeps recursive checks far from Python's stack limit.
MAX_DEPTH = 64
# 10,000 interventions are about 400,000 values; far more in one file is a mistake (or an attack) that
# would cost seconds and gigabytes further on, so reading stops here.
MAX_VALUES = 1_500_000
# Figures count people and incidents. A number with more than 15 digits before the decimal point is a typing
# error (or an attack): it overflows sums and charts (1e308), loses digits in JavaScript and JSON, and a
# 5,000-digit integer is more than Python will even convert. Reading refuses it, naming the field.
MAX_NUMBER = 10 ** 15
_MAX_NUMBER_TEXT = 64  # characters: far more than any number below MAX_NUMBER needs, even as `!!int 0b…`

Path_ = tuple  # a JSON path: tuple of str keys and int indexes

_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
# Plain decimal numbers only: YAML 1.1 would read `012` as the octal 10 and `1:30` as 90 (base 60),
# which an editor never means. Anything else that looks like a number stays text.
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_STRICT = {_BOOL_TAG: _BOOL, _INT_TAG: _INT, _FLOAT_TAG: _FLOAT}
# YAML 1.1's implicit types, minus timestamps (dates stay text for the schema), with the strict forms above.
_RESOLVERS = {
    first: [(tag, _STRICT.get(tag, regexp)) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SAFE = yaml.constructor.SafeConstructor()
_SCALAR_CONSTRUCTORS = {
    _STR_TAG: lambda value: value,
    _BOOL_TAG: lambda value: _strict_bool(value),
    "tag:yaml.org,2002:null": lambda value: None,
    "tag:yaml.org,2002:int": lambda value: _number(value, _SAFE.construct_yaml_int),
    "tag:yaml.org,2002:float": lambda value: _number(value, _SAFE.construct_yaml_float),
    # `<<` and `=` only mean something with aliases, which are refused: keep the text.
    "tag:yaml.org,2002:merge": lambda value: value,
    "tag:yaml.org,2002:value": lambda value: value,
}
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_ALIAS_REFUSED = "ankers en aliassen (`&naam` / `*naam`) worden niet gebruikt in deze bestanden; schrijf de waarde uit"
_TAG_REFUSED = "onbekende tag (`!...`); verwijder hem"

if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser as _Parser  # libyaml: about ten times faster than pure Python
else:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Parser


class _Refused(Exception):
    """Valid YAML that these files do not accept (aliases, tags, several documents)."""

    def __init__(self, message: str, mark, *, of_value: bool = False):
        super().__init__(message)
        self.message, self.line, self.column = message, mark.line + 1, mark.column + 1
        self.of_value = of_value  # about one value: the message names its field
        self.path: Path_ | None = None

    def at(self, path: Path_) -> "_Refused":
        """Where the refused value stands, for a refusal about one value."""
        if self.of_value:
            self.path = path
        return self


class _OutOfRange(ValueError):
    """A number beyond MAX_NUMBER (or not a number at all: .nan, .inf)."""


@dataclass
class YamlDocument:
    """A parsed data file with the position of each value and each key.

    Reading records the positions of mappings and lists only (enough for
    "Bron: regel N" on every page); the positions of single values and keys
    are recorded by a second pass over the text the first time a problem
    needs one. Valid data, the common case, never pays for them.
    """

    path: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    source_text: str | None = field(default=None, repr=False)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``path``, else of its nearest ancestor."""
        path = tuple(path)
        if self.source_text is not None and (key or path not in self.value_marks):
            self._record_all_marks()
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False, severity="error", stage: int = 1) -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.path, line, column, format_path(path), message, severity, stage, tuple(path))

    def _record_all_marks(self) -> None:
        full = _Builder(self.source_text, every_mark=True)
        full.build()
        self.value_marks, self.key_marks, self.source_text = full.value_marks, full.key_marks, None


class _Builder:
    """Builds Python values straight from parser events, recording positions on the way.

    Working from events rather than PyYAML's node graph is what makes reading
    fast: no node objects, no generic constructor, one pass.
    Aliases, unknown tags, complex keys and extra documents are refused here.
    """

    def __init__(self, text: str, *, every_mark: bool):
        self.text = text
        self.every_mark = every_mark
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.duplicate_keys: list[tuple[Any, tuple[int, int], int]] = []  # key, its position, line of the first
        self.has_duplicates = False

    def build(self) -> Any:
        parser = _Parser(self.text)
        try:
            with paused_gc():
                return self._build(parser.get_event)
        finally:
            parser.dispose()

    def _build(self, next_event) -> Any:
        every_mark, value_marks = self.every_mark, self.value_marks
        # Locals, not globals: this loop runs once per YAML event (~40 per intervention).
        scalar_event, mapping_start, mapping_end, sequence_end = ScalarEvent, MappingStartEvent, MappingEndEvent, SequenceEndEvent
        resolvers, expect_key = _RESOLVERS, _EXPECT_KEY
        next_event()  # stream start
        if type(next_event()) is not DocumentStartEvent:  # pragma: no cover - empty files are refused earlier
            return None
        stack: list[tuple] = []
        container: Any = None
        path: Path_ = ()
        in_mapping = False
        key: Any = None
        root: Any = None
        budget = MAX_VALUES
        while True:
            event = next_event()
            kind = type(event)
            budget -= 1
            if not budget:
                raise _Refused(f"bestand bevat te veel waarden (meer dan {MAX_VALUES:,}); splits het op".replace(",", "."),
                               event.start_mark)
            if kind is mapping_end or kind is sequence_end:
                if not stack:
                    break
                container, path, in_mapping, key = stack.pop()
                continue
            if kind is AliasEvent:
                raise _Refused(_ALIAS_REFUSED, event.start_mark)
            if in_mapping and key is expect_key:
                if kind is not scalar_event:
                    raise _Refused("een veldnaam moet gewone tekst zijn", event.start_mark)
                try:
                    key = event.value if event.tag is None and event.value[:1] not in resolvers else _scalar(event)
                except _Refused as refusal:
                    raise refusal.at(path) from None
                if every_mark:
                    self._record_key(key, event.start_mark, container, path)
                elif key in container:
                    self.has_duplicates = True
                continue
            if kind is scalar_event:
                # Inlined common case: untagged text that cannot be a number, boolean or null.
                try:
                    value = event.value if event.tag is None and event.value[:1] not in resolvers else _scalar(event)
                except _Refused as refusal:
                    raise refusal.at(path if container is None else
                                     path + ((key,) if in_mapping else (len(container),))) from None
                if every_mark:
                    here = path if container is None else path + ((key,) if in_mapping else (len(container),))
                    mark = event.start_mark
                    value_marks[here] = (mark.line + 1, mark.column + 1)
            else:
                here = path if container is None else path + ((key,) if in_mapping else (len(container),))
                if event.tag not in _COLLECTION_TAGS:
                    raise _Refused(_TAG_REFUSED, event.start_mark)
                value = {} if kind is mapping_start else []
                mark = event.start_mark
                value_marks[here] = (mark.line + 1, mark.column + 1)
            if container is None:
                root = value
            elif in_mapping:
                container[key] = value
                key = expect_key
            else:
                container.append(value)
            if kind is mapping_start or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _Refused("bestand is te diep genest", event.start_mark)
                if container is not None:
                    stack.append((container, path, in_mapping, key))
                container, path, in_mapping, key = value, here, kind is mapping_start, expect_key
            elif container is None:
                break  # the whole document is one value
        if type(next_event()) is DocumentEndEvent:
            event = next_event()
            if type(event) is DocumentStartEvent:
                raise _Refused("bestand bevat meer dan één document (`---`); gebruik er één", event.start_mark)
        return root

    def _record_key(self, key: Any, mark, container: dict, path: Path_) -> None:
        position = (mark.line + 1, mark.column + 1)
        child = path + (key,)
        if key in container:
            self.duplicate_keys.append((key, position, self.key_marks[child][0]))
        self.key_marks[child] = position


_EXPECT_KEY = object()  # the mapping's next event is a key


def _strict_bool(value: str) -> bool:
    if not _BOOL.match(value):  # `!!bool yes` would silently be false
        raise ValueError(value)
    return value.lower() == "true"


def _scalar(event: ScalarEvent) -> Any:
    """The value of a scalar, resolved like YAML 1.1 with our stricter types."""
    value, tag = event.value, event.tag
    if event.style == '"' and _SURROGATE.search(value):  # only a \ud800-style escape can make one
        raise _Refused("ongeldig teken (een losse `\\ud800`-code); verwijder het", event.start_mark)
    if tag is None or tag == "!":
        if not event.implicit[0]:  # quoted or block text, or the non-specific tag `!`
            return value
        for resolved, pattern in _RESOLVERS.get(value[:1], ()):
            if pattern.match(value):
                try:
                    return _SCALAR_CONSTRUCTORS[resolved](value)
                except _OutOfRange:
                    raise _number_refused(event) from None
        return value
    construct = _SCALAR_CONSTRUCTORS.get(tag)
    if construct is None:
        raise _Refused(_TAG_REFUSED, event.start_mark)
    try:
        return construct(value)
    except _OutOfRange:
        raise _number_refused(event) from None
    except ValueError:
        raise _Refused("de waarde past niet bij de tag (`!!...`); verwijder de tag", event.start_mark) from None


def _number(text: str, construct) -> int | float:
    """A number as YAML reads it, within ±MAX_NUMBER; never converts a text of thousands of digits."""
    if len(text) > _MAX_NUMBER_TEXT:
        raise _OutOfRange(text)
    number = construct(ScalarNode("", text))
    if not -MAX_NUMBER < number < MAX_NUMBER:  # also false for .nan
        raise _OutOfRange(text)
    return number


def _number_refused(event: ScalarEvent) -> _Refused:
    shown = event.value if len(event.value) <= 20 else event.value[:12] + "…"
    return _Refused(f"getal `{shown}` kan niet: hoogstens 15 cijfers vóór de komma (tussen -1.000.000.000.000.000 "
                    "en 1.000.000.000.000.000); controleer het getal in de bron", event.start_mark, of_value=True)


def parse_yaml(raw: bytes, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one data file's bytes. Returns the document (None if unreadable) and problems."""

    def fail(message: str, line: int = 1, column: int = 1, path: Path_ | None = None):
        return None, [Problem(display_path, line, column, format_path(path) if path else "", message, stage=0)]

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
    separator = _LINE_SEPARATOR.search(text)  # YAML reads it as a line break where nobody sees one
    if separator:
        return fail(f"onzichtbaar teken {_character_name(separator.group())} gevonden (vaak meegekopieerd uit een pdf "
                    "of webpagina); YAML leest het als een nieuwe regel. Verwijder het",
                    *_line_and_column(text, separator.start()))

    builder = _Builder(text, every_mark=False)
    try:
        data = builder.build()
        if builder.has_duplicates:  # rare: read again, recording where each key stands
            builder = _Builder(text, every_mark=True)
            data = builder.build()
    except _Refused as refusal:
        return fail(refusal.message, refusal.line, refusal.column, refusal.path)
    except yaml.YAMLError as error:
        return None, [Problem(display_path, line, column, "", message, stage=0)
                      for message, line, column in _syntax_errors(text, error)]

    document = YamlDocument(display_path, data, builder.value_marks, builder.key_marks,
                            None if builder.every_mark else text)
    problems = [
        Problem(
            display_path, line, column, str(key),
            f"veld `{key}` staat hier dubbel (eerder op regel {first_line}); "
            "de tweede waarde zou de eerste stilletjes overschrijven", stage=0,
        )
        for key, (line, column), first_line in builder.duplicate_keys
    ]
    return document, problems


# Quoted text that has taken in whole lines of fields ("...\n    kind: ...") was not meant to span them.
_FIELD_LINE = re.compile(r"\n\s*(?:- )?[a-z_]+:(?: |$)", re.M)
MAX_SYNTAX_ERRORS = 20
_ITEM = re.compile(r"^( *)- ")


def _syntax_errors(text: str, first: yaml.YAMLError) -> list[tuple[str, int, int]]:
    """Every syntax error of a file, each with its cause: (message, line, column), in the order of the file.

    The parser stops at the first error. The line of its cause is then blanked
    out (keeping the line numbers) and the rest read again, and so on; when
    that does not get the parser past the line, the whole entry it is in (a
    top-level list item or field) is blanked instead.
    """
    found: list[tuple[str, int, int]] = []
    error: Optional[yaml.YAMLError] = first
    lines = text.split("\n")
    last_line = 0
    while error is not None and len(found) < MAX_SYNTAX_ERRORS:
        explained = _explained("\n".join(lines), error)
        if explained[1] <= last_line:  # blanking that line did not help: blank its entry
            start, end = _enclosing_entry(lines, last_line - 1)
        else:
            found.append(explained)
            start, end = explained[1] - 1, explained[1]
        if start is None or start >= len(lines) or all(line == "#" for line in lines[start:end]):
            break
        last_line = max(last_line, explained[1])
        lines[start:end] = ["#"] * (end - start)
        try:
            _Builder("\n".join(lines), every_mark=False).build()
            error = None
        except yaml.YAMLError as again:
            error = again
        except _Refused:
            error = None  # what remains is valid YAML: a refusal is reported once the file reads
    return sorted(set(found), key=lambda item: (item[1], item[2]))


def _enclosing_entry(lines: list[str], number: int) -> tuple[Optional[int], int]:
    """The lines [start, end) of the top-level list item or top-level field that line ``number`` is in."""
    item_indent = min((len(m.group(1)) for m in map(_ITEM.match, lines) if m), default=None)
    starts = [i for i, line in enumerate(lines)
              if (item_indent is not None and line.startswith(" " * item_indent + "- ")
                  and not line[:item_indent].strip())
              or (line[:1] not in ("", " ", "#", "\t") and item_indent is None)]
    before = [i for i in starts if i <= number]
    if not before:
        return None, 0
    after = [i for i in starts if i > number]
    return before[-1], after[0] if after else len(lines)


def _explained(text: str, error: yaml.YAMLError) -> tuple[str, int, int]:
    """The Dutch message for one parser error, at the line of its cause."""
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _line_and_column(text, error.position)
        character = chr(error.character) if isinstance(error.character, int) else "\ufffd"
        return f"onzichtbaar of ongeldig teken {_character_name(character)} gevonden; verwijder het", line, column
    if not isinstance(error, yaml.MarkedYAMLError):  # pragma: no cover - PyYAML marks nearly everything
        return f"YAML-fout: {error}", 1, 1
    swallowed = _quote_left_open(text, error.problem_mark)
    if swallowed is not None:
        opened, closed = swallowed
        return (f"het aanhalingsteken dat hier begint, wordt pas op regel {closed.line + 1} afgesloten; "
                "sluit het op deze regel af", opened.line + 1, opened.column + 1)
    # An unclosed quote or bracket is noticed where the file ends, a missing colon on the next line:
    # the editor needs the line where the cause is (where the parser started that value).
    problem_at = error.problem_mark.index if error.problem_mark is not None else 0
    runs_to_end = error.context_mark is not None and problem_at >= len(text.rstrip())
    missing_colon = error.context_mark is not None and "could not find expected ':'" in (error.problem or "")
    mark = error.context_mark if runs_to_end or missing_colon else (error.problem_mark or error.context_mark)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if error.problem_mark is not None and error.problem_mark.column > 0:
        before = text[:error.problem_mark.index].rstrip(" ")
        if before.endswith(("'", '"')) and "\n" not in text[len(before):error.problem_mark.index]:
            # `title: "Later" tekst`: the quote ended the value before the text did
            return ("na het afsluitende aanhalingsteken staat nog tekst; zet de hele tekst tussen aanhalingstekens, "
                    "of haal de aanhalingstekens weg", line, column)
    return _dutch_yaml_message(error), line, column


def _quote_left_open(text: str, trouble: yaml.Mark | None) -> tuple[yaml.Mark, yaml.Mark] | None:
    """Where a quote was left open, if one was: (its opening, the later quote that closed it).

    An unclosed quote is closed by the next quote in the file, however far
    away; the parser then trips over what follows, lines later, and names that
    place (``trouble``). Quoted text before it that swallowed field lines
    points to the real one.
    """
    limit = trouble.index if trouble is not None else len(text)
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if token.start_mark.index > limit:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line
                    and _FIELD_LINE.search(text, token.start_mark.index, token.end_mark.index)):
                return token.start_mark, token.end_mark
    except yaml.YAMLError:
        pass
    return None


_LINE_SEPARATOR = re.compile("[\u0085\u2028\u2029]")
_CHARACTER_NAMES = {"\u0085": "volgende regel", "\u2028": "regelscheiding", "\u2029": "alineascheiding"}


def _character_name(character: str) -> str:
    """``U+2028 (regelscheiding)``: how an editor finds the character (search for its code)."""
    name = _CHARACTER_NAMES.get(character)
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


_YAML_MESSAGES = [
    ("alias", _ALIAS_REFUSED),
    ("found character '\\t' that cannot start any token", "tab-teken gevonden; gebruik spaties om in te springen"),
    ("found a tab character", "tab-teken gevonden; gebruik spaties om in te springen"),
    ("mapping values are not allowed", "dubbele punt op een onverwachte plek; zet tekst met `: ` erin tussen aanhalingstekens of controleer de inspringing"),
    ("could not find expected ':'", "verwachtte `veld: waarde`; ontbreekt er een dubbele punt of klopt de inspringing niet?"),
    ("expected <block end>", "de inspringing klopt niet; lijn velden van hetzelfde niveau precies onder elkaar uit"),
    ("while scanning a quoted scalar", "het aanhalingsteken dat hier begint, wordt nergens afgesloten"),
    ("found unexpected end of stream", "bestand houdt onverwacht op; is er een aanhalingsteken niet afgesloten?"),
    ("expected a single document", "bestand bevat meer dan één document (`---`); gebruik er één"),
    ("found unhashable key", "een veldnaam moet gewone tekst zijn"),
    ("special characters are not allowed", "onzichtbaar of ongeldig teken gevonden; verwijder het"),
    ("invalid Unicode character escape", "ongeldige tekencode (`\\u…`) tussen aanhalingstekens; verwijder hem"),
    ("found undefined tag handle", "onbekende tag (`!`); verwijder hem"),
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
