"""Problems found in the data, with the file position an editor needs to fix them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding; messages are Dutch because editors read them."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"
    stage: int = 1  # 0: the file itself (reading, YAML); 1: its shape; 2: ids across files; 3: references
    path: tuple = ()  # the field as keys and list positions, for tools that name it otherwise (the editor)

    def order_key(self) -> tuple:
        """Errors before warnings, and causes before consequences: a broken file before what it breaks."""
        return (self.severity != "error", self.stage, self.file, self.line, self.column, self.field, self.message)

    def format(self) -> str:
        prefix = "waarschuwing: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.column}: {self.field or '(bestand)'}: {prefix}{self.message}"

    def format_github(self) -> str:
        # GitHub Actions workflow command; see "Setting an error message" in the Actions docs.
        level = "warning" if self.severity == "warning" else "error"
        props = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", self.file),
                ("line", self.line),
                ("col", self.column),
                ("title", self.field or "bestand"),
            )
        )
        return f"::{level} {props}::{_escape_data(self.message)}"


class WegwijzerError(Exception):
    """A problem the person running the program can fix.

    The one base class of the package's errors: its message is Dutch and the
    command line prints it without a traceback.
    """


class ProblemsError(WegwijzerError):
    """An error that carries located problems (in the data, the schemas or the configuration)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.order_key)
        super().__init__("\n".join(p.format() for p in self.problems if p.severity == "error"))


class DataError(ProblemsError):
    """Raised when the data cannot become a model; carries every problem found."""


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_path(path: Iterable[object]) -> str:
    """Render a JSON path like ``interventions[3].themes[0]`` for messages."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def shown(value: Any, limit: int = 60) -> str:
    """A value as it may appear inside a message: bounded, with invisible characters made visible."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text[:limit] + ("…" if len(text) > limit else "")
    return "".join(_visible(char) for char in text)


def _visible(char: str) -> str:
    if char in "\t":
        return "\\t"
    if char.isprintable() and char not in "\u00a0\u200b\u200c\u200d\u2060\ufeff":
        return char
    return f"\\u{ord(char):04x}"
