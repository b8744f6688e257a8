"""One page with every entry a pull request changes, as the site shows it: the proposal's preview.

CI makes it in a minute, long before the full test suite is done, and puts it
beside the pull request (a commit status "Voorbeeld van de site", which the
form editor shows as "Bekijk voorbeeld"). It is one self-contained HTML file
without scripts, so a browser opens it straight from the run's artifacts, on
GitHub's own address: never on the site's address, where unreviewed pages
could reach the editor's login.

Each changed entry's own page comes from the site's templates (the same
renderer as the build); a section's id is the entry's path on the site, so
``…#/interventies/x/`` (what the editor adds to the preview's address) jumps
to it.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import re
from pathlib import Path
from typing import Optional

from ..core import check_data
from ..core.history import git
from ..core.kinds import KIND_BY_NAME, data_files
from ..core.problems import WegwijzerError
from ..core.schemas import SchemaSet, entities_in
from ..core.yamlfile import MAX_FILE_BYTES, parse_yaml
from ..project import Project
from ..site.assemble import Site
from ..site.outputs import Publication
from ..site.pages import entity_page
from ..site.paths import page_url
from ..site.render import RenderSettings

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


class ReviewPageError(WegwijzerError):
    """Said to the user without a traceback."""


def _entities(text: Optional[bytes], shown: str, schema: str, schemas: SchemaSet) -> dict[tuple[str, str], str]:
    """(kind, id) → the entry as canonical JSON, read with the same bounds as data/ (nothing if unreadable)."""
    if not text or len(text) > MAX_FILE_BYTES:
        return {}
    document, problems = parse_yaml(text, shown)
    if document is None:
        return {}
    return {(kind, fields["id"]): json.dumps(fields, sort_keys=True, default=str)
            for kind, fields, _, _ in entities_in(schemas.shape(schema), document.data)}


def changed_entries(project: Project, base: str, schemas: SchemaSet) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The entries whose fields differ from ``base`` (new ones too), and the removed ones: (kind, id) each."""
    if git(project.root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        raise ReviewPageError(f"`{base}` is geen commit in deze repository")
    changed, removed = [], []
    listed = (git(project.root, "ls-tree", "-r", "--name-only", base, "--", "data") or "").splitlines()
    for _, data_file in data_files():
        paths = sorted(project.data_dir.glob(data_file.pattern)) if data_file.is_folder else [project.data_dir / data_file.pattern]
        relative = {p.relative_to(project.root).as_posix() for p in paths if p.is_file()}
        relative |= {line for line in listed if data_file.matches(line.removeprefix("data/"))}
        for path in sorted(relative):
            before = git(project.root, "show", f"{base}:{path}")
            now = project.root / path
            old = _entities(before.encode("utf-8") if before else None, path, data_file.schema, schemas)
            new = _entities(now.read_bytes() if now.is_file() and not now.is_symlink() else None, path,
                            data_file.schema, schemas)
            changed += [key for key, fields in new.items() if old.get(key) != fields]
            removed += [key for key in old if key not in new]
    return changed, removed


def _stylesheets(project: Project) -> str:
    """Material's and the site's own styles, inline: the page loads nothing."""
    found = importlib.util.find_spec("material")
    folder = Path(found.origin).parent / "templates" / "assets" / "stylesheets" if found and found.origin else None
    sheets = sorted(folder.glob("*.min.css")) if folder and folder.is_dir() else []
    sheets += sorted((project.content_dir / "assets" / "stylesheets").glob("*.css"))
    return "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets).replace("</style", "<\\/style")


def review_page(project: Project, base: str, today: dt.date) -> str:
    """The page, as one HTML document; the data must be valid (the build fails on it anyway)."""
    result = check_data(project.data_dir, today=today, schema_dir=project.schema_dir_for(project.data_dir))
    if result.toolbox is None:
        raise ReviewPageError("de gegevens bevatten fouten; die staan bij de controle van het voorstel")
    changed, removed = changed_entries(project, base, result.schemas)
    site = Site(result, RenderSettings(Publication("Voorbeeld")), today=today, template_dir=project.overrides_dir)
    sections = []
    for kind_name, entity_id in changed:
        kind = KIND_BY_NAME[kind_name]
        entity = result.toolbox.of_kind(kind_name).get(entity_id)
        if entity is None:
            continue
        if not kind.has_pages:
            sections.append(f'<section class="ww-voorbeeld"><h2>{html.escape(kind.label.capitalize())}: '
                            f'{html.escape(entity.display_name)}</h2><p>Dit staat op de overzichtspagina, niet op een '
                            f'eigen pagina.</p></section>')
            continue
        page = site.renderer.render(entity_page(kind, entity))
        anchor = "/" + page_url(page.src_uri, True)
        sections.append(f'<section class="ww-voorbeeld" id="{html.escape(anchor)}"><p class="ww-voorbeeld__wat">'
                        f'{html.escape(kind.label.capitalize())} · {html.escape(anchor)}</p>'
                        f'{_SCRIPT.sub("", page.body)}</section>')
    gone = "".join(f"<li>{html.escape(KIND_BY_NAME[k].label)} <code>{html.escape(i)}</code></li>" for k, i in removed)
    summary = (f"{len(sections)} gewijzigde of nieuwe {'pagina' if len(sections) == 1 else 'pagina’s'}"
               + (f", {len(removed)} verwijderd" if removed else ""))
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Voorbeeld van dit voorstel</title>
<style>{_stylesheets(project)}
.ww-voorbeeld {{ max-width: 61rem; margin: 0 auto 3rem; padding: 1rem 1.2rem; border-top: 4px solid #3f51b5; }}
.ww-voorbeeld__wat {{ color: #555; font-size: .8rem; }}</style></head>
<body class="md-typeset"><main>
<section class="ww-voorbeeld"><h1>Voorbeeld van dit voorstel</h1>
<p>{html.escape(summary)}, zoals de site ze zal tonen. Links wijzen naar pagina’s die in dit voorbeeld niet staan.</p>
{f"<h2>Verwijderd</h2><ul>{gone}</ul>" if gone else ""}</section>
{"".join(sections) or '<section class="ww-voorbeeld"><p>Dit voorstel verandert geen items.</p></section>'}
</main></body></html>
"""
