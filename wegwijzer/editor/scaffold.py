"""``wegwijzer new``: add an intervention to data/ (national, or a region's own offering).

Asks for what is missing when run in a terminal; takes everything as options
otherwise. The entry is appended in the canonical form (``yamlformat``: the
rest of the file and its comments stay as they are) and only written if the
whole data set still validates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from ..core import check_data
from ..core.kinds import file_for
from ..core.problems import WegwijzerError
from ..core.schemas import Shape
from ..core.yamlfile import parse_yaml
from ..project import Project
from ..site.facets import slug
from .yamlformat import canonical_text, ordered

class ScaffoldError(WegwijzerError):
    """A problem the user can fix; printed without a traceback."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", help="id van de regio, of `landelijk` (standaard)")
    parser.add_argument("--id", help="id (standaard: gemaakt van de naam)")
    parser.add_argument("--name")
    parser.add_argument("--summary", help="korte omschrijving in eigen woorden")
    parser.add_argument("--kind", dest="kind", help="soort aanbod (interventie, lespakket, handreiking, …)")
    parser.add_argument("--provider", help="id van de aanbieder in partners.yaml (alleen als een bron die noemt)")
    parser.add_argument("--theme", action="append", default=[], help="id van een thema (mag vaker)")
    parser.add_argument("--target-group", action="append", default=[], help="doelgroep (mag vaker)")
    parser.add_argument("--link", action="append", default=[], metavar="TITEL=URL", help="link (mag vaker)")
    parser.add_argument("--source-url", help="openbare webpagina waar de gegevens vandaan komen")
    parser.add_argument("--source-document", help="id van een brondocument uit sources.yaml")
    parser.add_argument("--reviewed", action="store_true",
                        help="zet last_reviewed op vandaag: alleen als je de gegevens zelf hebt nagekeken")


def target_file(data_dir: Path, region: str | None) -> Path:
    if not region or region == "landelijk":
        return data_dir / "interventions.yaml"
    path = data_dir / "regions" / f"{region}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in (data_dir / "regions").glob("*.yaml"))
        raise ScaffoldError(f"regio `{region}` bestaat niet; kies uit: landelijk, {', '.join(known)}")
    return path


def insert_entry(text: str, list_key: str, entry: dict, shape: Shape, header: str, shown: str) -> str:
    """``text`` with ``entry`` appended to its top-level list ``list_key``, in the canonical form (comments kept)."""
    document, problems = parse_yaml(text.encode("utf-8"), shown)
    if document is None or problems or not isinstance(document.data, dict):
        raise ScaffoldError(f"{shown} is niet leesbaar; draai eerst `wegwijzer validate`")
    data = document.data
    data[list_key] = [*(data.get(list_key) or []), {k: v for k, v in entry.items() if v not in (None, [], "")}]
    return canonical_text(text, ordered(data, shape), header)


def validate_with(data_dir: Path, schema_dir: Path, changed: Path, new_text: str, today: dt.date) -> list[str]:
    """Errors the data set would have with ``changed`` replaced by ``new_text``."""
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        (copy / changed.relative_to(data_dir)).write_text(new_text, encoding="utf-8")
        result = check_data(copy, root=Path(temp), today=today, schema_dir=schema_dir)
        return [p.format() for p in result.errors]


def ask(prompt: str, choices: list[str] | None = None, default: str | None = None, many: bool = False):
    hint = f" [{default}]" if default else ""
    if choices:
        print(f"  keuzes: {', '.join(choices)}")
    while True:
        answer = input(f"{prompt}{hint}: ").strip() or (default or "")
        values = [v.strip() for v in answer.split(",") if v.strip()] if many else [answer]
        wrong = [v for v in values if choices and v not in choices]
        if wrong:
            print(f"  onbekend: {', '.join(wrong)}")
        elif values and values[0] or many:
            return values if many else values[0]


def scaffold(args: argparse.Namespace, *, data_dir: Path, project: Project, today: dt.date) -> tuple[Path, str]:
    """Write the new entry; returns the file and the new id. Raises ScaffoldError."""
    schema_dir = project.schema_dir_for(data_dir)
    result = check_data(data_dir, today=today, schema_dir=schema_dir)
    if result.toolbox is None:
        raise ScaffoldError("los eerst de bestaande fouten op (wegwijzer validate)")
    toolbox, schemas = result.toolbox, result.schemas
    interactive = sys.stdin.isatty()
    try:
        region = args.region or (ask("Regio (of landelijk)", ["landelijk", *toolbox.regions], "landelijk")
                                 if interactive else "landelijk")
        path = target_file(data_dir, region)
        name = args.name or (ask("Naam") if interactive else None)
        summary = args.summary or (ask("Korte omschrijving in eigen woorden") if interactive else None)
        kinds = schemas.definitions["offering_kind"]["enum"]
        kind = args.kind or (ask("Soort", kinds) if interactive else None)
        provider = args.provider or (ask("Aanbieder (id uit partners.yaml; leeg als geen bron het zegt)",
                                         ["", *sorted(toolbox.partners)]) if interactive else None)
        themes = args.theme or (ask("Thema's (ids, komma-gescheiden)", sorted(toolbox.themes), many=True)
                                if interactive else [])
        source_url = args.source_url or (ask("Bron: openbare webpagina waar dit staat (of leeg)") or None
                                         if interactive and not args.source_document else None)
    except (KeyboardInterrupt, EOFError):
        raise ScaffoldError("afgebroken; er is niets gewijzigd") from None
    missing = [flag for flag, value in (("--name", name), ("--summary", summary), ("--kind", kind),
                                        ("--source-url of --source-document", source_url or args.source_document))
               if not value]
    if missing:
        raise ScaffoldError(f"ontbrekend: {', '.join(missing)}")
    new_id = args.id or slug(name)
    if new_id in toolbox.interventions:
        existing = toolbox.interventions[new_id].location
        raise ScaffoldError(f"id `{new_id}` bestaat al ({existing.file} regel {existing.line}); kies een ander met --id")
    links = []
    for item in args.link:
        title, _, url = item.partition("=")
        if not url:
            raise ScaffoldError(f"link `{item}` moet de vorm TITEL=URL hebben")
        links.append({"title": title, "url": url})
    sources = []
    if args.source_document:
        sources.append({"document": args.source_document})
    if source_url:
        sources.append({"url": source_url, "consulted": today.isoformat()})
    entry = {
        "id": new_id, "name": name, "summary": summary, "kind": kind, "provider": provider or None,
        "themes": themes, "target_groups": args.target_group, "links": links,
        "sources": sources, "last_reviewed": today.isoformat() if args.reviewed else None,
    }
    list_key = "interventions" if path.name == "interventions.yaml" else "offerings"
    _, data_file = file_for(path.relative_to(data_dir).as_posix())
    new_text = insert_entry(path.read_text(encoding="utf-8"), list_key, entry, schemas.shape(data_file.schema),
                            data_file.header, path.name)
    errors = validate_with(data_dir, schema_dir, path, new_text, today)
    if errors:
        raise ScaffoldError("de nieuwe interventie is niet geldig:\n" + "\n".join(errors))
    path.write_text(new_text, encoding="utf-8")
    return path, new_id
