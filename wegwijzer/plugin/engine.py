"""Run MkDocs (or its maintained continuation ProperDocs) on checked settings, in a process of its own.

``wegwijzer build`` and ``serve`` start this module with a small JSON file that
says which project, which engine and this build's values (output folder,
day, offline or not). It reads the project's mkdocs.yml through
``site/config.py`` — never through MkDocs' own YAML loader — and hands MkDocs
the checked values. A process of its own keeps each build reproducible
(fixed hash seed, the commit's time for every date MkDocs writes).
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..core.problems import ProblemsError
from ..site.config import read_site_config

ENGINES = ("mkdocs", "properdocs")


def load_config(spec: dict[str, Any], site_dir: str):
    """MkDocs' configuration object for ``spec``, from the checked mkdocs.yml."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort

    settings = read_site_config(Path(spec["config_file"]))
    options = settings.mkdocs_options(site_dir=site_dir, plugin=spec["plugin"], offline=spec["offline"],
                                      site_url=spec.get("site_url"))
    config = MkDocsConfig(config_file_path=str(settings.path))
    config.load_dict(options)
    errors, warnings = config.validate()
    for name, message in warnings:
        logging.getLogger("mkdocs").warning(f"mkdocs.yml, `{name}`: {message}")
    for name, message in errors:
        logging.getLogger("mkdocs").error(f"mkdocs.yml, `{name}`: {message}")
    if errors or (config.strict and warnings):
        raise Abort("mkdocs.yml is niet bruikbaar; de site is niet gebouwd.")
    return config


def build(spec: dict[str, Any]) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    mkdocs_build(load_config(spec, spec["site_dir"]))


def serve(spec: dict[str, Any]) -> None:
    """The live preview (``preview.py``): a full build, then updates after every change."""
    from .preview import serve as serve_preview

    site_dir = tempfile.mkdtemp(prefix="wegwijzer-voorbeeld-")
    try:
        serve_preview(spec, site_dir)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _log_to_console(quiet: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)


def main(argv: list[str]) -> int:
    command, spec_file = argv
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    if spec.get("engine", "mkdocs") == "properdocs":
        import properdocs.replacement  # noqa: F401 - from here on, `import mkdocs…` is ProperDocs
    _log_to_console(spec.get("quiet", False))
    from mkdocs.exceptions import Abort

    try:
        (build if command == "build" else serve)(spec)
    except ProblemsError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    except Abort as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
