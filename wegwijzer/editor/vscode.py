"""Editor settings derived from the registry of kinds, so they never drift from it.

``.vscode/settings.json`` maps every data file to its schema: VS Code (with the
YAML extension) then completes fields, shows each field's Dutch description and
underlines mistakes while an editor types.
"""

from __future__ import annotations

import json

from ..core.kinds import data_files


def vscode_settings(current: str = "") -> str:
    """The settings file with ``yaml.schemas`` from the registry; other settings are kept."""
    try:
        settings = json.loads(current) if current.strip() else {}
    except ValueError:
        settings = {}
    if not isinstance(settings, dict):
        settings = {}
    defaults = {
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "yaml.format.enable": False,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
        "files.encoding": "utf8",
        "files.insertFinalNewline": True,
    }
    merged = {**defaults, **settings}
    merged["yaml.schemas"] = {f"data/schema/{f.schema}": f"data/{f.pattern}" for _, f in data_files()}
    return json.dumps(merged, indent=2, ensure_ascii=False) + "\n"
