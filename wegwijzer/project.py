"""The project a command works on: the folder with ``mkdocs.yml``, found from where the command runs.

One installed package can serve several checkouts (a second clone, a second
toolbox): every command works on the project in the current directory or
above it, or on ``--project DIR``, never on the checkout the package was
installed from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .core.problems import WegwijzerError

CONFIG_NAME = "mkdocs.yml"


class ProjectError(WegwijzerError):
    """No project where the command runs."""


@dataclass(frozen=True)
class Project:
    """The folders of one toolbox project."""

    root: Path

    @classmethod
    def find(cls, start: Optional[Path] = None) -> "Project":
        """The project containing ``start`` (default: the current directory): the nearest folder upwards with
        ``mkdocs.yml`` and ``data/``."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CONFIG_NAME).is_file() and (folder / "data").is_dir():
                return cls(folder)
        raise ProjectError(f"geen toolbox gevonden in {here} of een map erboven (een map met {CONFIG_NAME} en "
                           "data/); ga naar de map van het project of geef --project MAP")

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    @property
    def node_modules(self) -> Path:
        return self.root / "node_modules"

    def schema_dir_for(self, data_dir: Path) -> Path:
        """A data folder's own schemas, else the project's (a test fixture or a copy uses those)."""
        own = Path(data_dir) / "schema"
        return own if own.is_dir() else self.data_dir / "schema"
