"""The ``wegwijzer`` command: one entry point for editors, the Makefile, CI and pre-commit.

It works on the project in the current directory (or above it), or on
``--project DIR``. This is a program boundary: "today" is resolved here
(``--today``, then WEGWIJZER_TODAY, then the date in Europe/Amsterdam) and
handed to the library. Errors a user can fix are printed in Dutch without a
traceback; Ctrl-C and SIGTERM stop cleanly (temporary folders are removed on
the way out).
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

from .core import check_data
from .core.clock import resolve_today
from .core.kinds import KINDS
from .core.problems import ProblemsError, WegwijzerError
from .core.review import STALE_AFTER_DAYS
from .core.textformat import counted
from .project import Project
from .plugin.engine import ENGINES
from .site.build import BuildOptions, build_site, run_engine
from .site.config import ConfigError, read_site_config
from .site.content import content_problems


def _today(args: argparse.Namespace):
    return resolve_today(getattr(args, "today", None))


def _data(args: argparse.Namespace) -> Path:
    return args.data if getattr(args, "data", None) else args.project.data_dir


def _check(args: argparse.Namespace):
    data = _data(args)
    return check_data(data, today=_today(args), schema_dir=args.project.schema_dir_for(data))


# ---------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    result = _check(args)
    try:
        config = read_site_config(args.project.config_file)
        config_problems = content_problems(config.docs_dir, result.toolbox, config.use_directory_urls)
    except ConfigError as error:
        config_problems = error.problems
    problems = config_problems + result.problems
    for problem in problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    print(validation_summary(result, problems))
    return 1 if any(p.severity == "error" for p in problems) else 0


def validation_summary(result, problems: list) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if result.toolbox is None or errors:
        return f"{errors} fout(en), {warnings} waarschuwing(en): los de fouten op."
    counts = ", ".join(counted(len(result.toolbox.of_kind(k.name)), k.label, k.plural) for k in KINDS
                       if k.files and result.toolbox.of_kind(k.name))
    sourced, carrying = result.toolbox.source_coverage()
    share = f"{100 * sourced // carrying} %" if carrying else "–"
    return (f"OK: {counts}; bronnen bij {sourced} van {carrying} items ({share}); "
            f"{warnings} waarschuwing(en).")


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out = args.out or args.project.root / "site"
    print(f"Bouwen: {'offline site' if args.offline else 'site'} → {out}", flush=True)
    attach = args.attach_zip
    if attach is not None and attach.is_dir():  # a folder: the newest offline zip in it
        attach = max(attach.glob("wegwijzer-offline-*.zip"), key=lambda p: p.stat().st_mtime, default=attach)
    built = build_site(args.project, out, BuildOptions(today=_today(args), offline=args.offline, data_dir=args.data,
                                                       site_url=args.site_url, attach_zip=attach, engine=args.engine),
                       zip_dir=args.zip)
    print(f"Klaar: {built.pages} pagina's, {built.size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s",
          flush=True)
    if built.archive is not None:
        print(f"Zip: {built.archive} ({built.archive.stat().st_size / 1e6:.1f} MB)", flush=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The live preview: the engine process serves the site and rebuilds on every change."""
    project = args.project
    read_site_config(project.config_file)  # an unsafe mkdocs.yml is refused before anything starts
    options = BuildOptions(today=_today(args), data_dir=getattr(args, "data", None), preview=True)
    with tempfile.NamedTemporaryFile(suffix=".json", prefix="wegwijzer-voorbeeld-", delete=False) as spec:
        spec_file = Path(spec.name)
    try:
        return run_engine(project, "serve", options, spec_file, dev_addr=args.dev_addr)
    finally:
        spec_file.unlink(missing_ok=True)


def cmd_admin(args: argparse.Namespace) -> int:
    """The form editor on this machine: the live preview plus the local backend, which saves into data/ here."""
    from .editor.backend import loopback_origins, start_backend, stop
    from .editor.preview import EntryPreview

    project = args.project
    preview = EntryPreview(project.data_dir, project.schema_dir_for(project.data_dir), project.overrides_dir,
                           today=lambda: _today(args))  # the editor may keep running past midnight
    backend = start_backend(project.root, origins=loopback_origins(args.dev_addr),
                            mode="git" if args.workflow else "fs", preview=preview)
    path = read_site_config(project.config_file).url_path()
    saving = ("Opslaan maakt per item een voorstel (een branch cms/…); publiceren voegt het samen"
              if args.workflow else "Opslaan schrijft direct in data/")
    print(f"Editor: open http://{args.dev_addr}{path}admin/ en klik op Inloggen. {saving}. Stoppen: Ctrl+C.",
          flush=True)
    try:
        return cmd_serve(args)
    finally:
        stop(backend)


def cmd_new(args: argparse.Namespace) -> int:
    from .editor.scaffold import ScaffoldError, scaffold

    try:
        path, new_id = scaffold(args, data_dir=_data(args), project=args.project, today=_today(args))
    except ScaffoldError as error:
        print(f"Niet toegevoegd: {error}", file=sys.stderr)
        return 1
    print(f"Toegevoegd: `{new_id}` in {path}. Vul daar de overige velden aan en draai `wegwijzer validate`.")
    return 0


def cmd_review_page(args: argparse.Namespace) -> int:
    """The proposal's preview: one page with every entry changed since ``--base``, as the site shows it."""
    from .editor.review_page import review_page

    page = review_page(args.project, args.base, _today(args))
    args.out.write_text(page, encoding="utf-8")
    print(f"Voorbeeld: {args.out} ({len(page) / 1e3:.0f} kB)")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .core.review import action_gaps, stale_entries, unreviewed

    today = _today(args)
    result = _check(args)
    if result.toolbox is None:
        for problem in result.errors:
            print(problem.format(), file=sys.stderr)
        print("De gegevens bevatten fouten; los die eerst op (wegwijzer validate).", file=sys.stderr)
        return 2
    groups = stale_entries(result.toolbox, today, args.stale_after)
    total = sum(len(items) for providers in groups.values() for items in providers.values())
    print(f"# Te controleren: {total} item(s) waarvan de nieuwste bron en de laatste controle ouder zijn dan "
          f"{args.stale_after} dagen (peildatum {today})")
    for scope, providers in groups.items():
        print(f"\n## {scope}")
        for provider, items in providers.items():
            print(f"\n### {provider}")
            for item in items:
                print(f"- {item.name} ({item.kind}) — {item.reason} — {item.location.file}:{item.location.line}")
    if not total:
        print("\nAlles is recent gecontroleerd.")
    print("\n# Nog niet door de redactie gecontroleerd")
    for plural, count, of in unreviewed(result.toolbox):
        print(f"- {plural}: {count} van {of}")
    print("\n# Waar de lezer nog niet verder kan")
    for gap in action_gaps(result.toolbox):
        print(f"\n## {gap.title}: {len(gap.entries)} van {gap.of_how_many}")
        for entity in gap.entries:
            print(f"- {entity.name} — {entity.location.file}:{entity.location.line}")
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    from .core.schemas import SchemaSet
    from .editor.yamlformat import format_files

    data, root = _data(args), args.project.root
    results = format_files(data, SchemaSet(args.project.schema_dir_for(data)), check=args.check, root=root)
    for result in results:
        shown = result.path.relative_to(root) if result.path.is_relative_to(root) else result.path
        for problem in result.problems:
            print(problem.format(), file=sys.stderr)
        if result.changed:
            print(f"{shown}:{result.first_difference}: {'niet netjes opgemaakt' if args.check else 'opgemaakt'}")
    unreadable = [r for r in results if r.problems]
    if unreadable:
        print(f"{len(unreadable)} bestand(en) niet opgemaakt: los eerst de fouten hierboven op.", file=sys.stderr)
    changed = [r for r in results if r.changed]
    if args.check and changed:
        print(f"{len(changed)} bestand(en) wijken af van de vaste opmaak. Los het op met `make fmt` "
              "(of `.venv/bin/wegwijzer fmt`) en commit het resultaat.", file=sys.stderr)
        return 1
    if not changed and not unreadable:
        print(f"Alle {len(results)} gegevensbestanden zijn netjes opgemaakt.")
    return 1 if unreadable else 0


def cmd_fields(args: argparse.Namespace) -> int:
    from .core.schemas import SchemaSet
    from .editor.fielddocs import field_reference, replace_section

    path = args.project.root / "CONTRIBUTING.md"
    current = path.read_text(encoding="utf-8")
    updated = replace_section(current, field_reference(SchemaSet(args.project.data_dir / "schema")))
    return _write_or_check(path, current, updated, args.check, "wegwijzer fields")


def cmd_editor_config(args: argparse.Namespace) -> int:
    from .editor.vscode import vscode_settings

    path = args.project.root / ".vscode" / "settings.json"
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    return _write_or_check(path, current, vscode_settings(current), args.check, "wegwijzer editor-config")


def _write_or_check(path: Path, current: str, updated: str, check: bool, command: str) -> int:
    if check:
        if updated != current:
            print(f"{path.name} is verouderd: draai `{command}`", file=sys.stderr)
            return 1
        print(f"{path.name} is actueel.")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")
    print(f"{path} bijgewerkt.")
    return 0


# ---------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wegwijzer", description="Wegwijzer Jeugd en Veiligheid: gegevens en site.")
    project_help = "de map van het project (standaard: de map waarin je staat, of een map erboven)"
    parser.add_argument("--project", type=Path, metavar="MAP", help=project_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    def command(name: str, handler: Callable, help_text: str, *, data: bool = True, today: bool = True):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        sub.add_argument("--project", type=Path, metavar="MAP", default=argparse.SUPPRESS, help=project_help)
        if data:
            sub.add_argument("--data", type=Path, help="map met gegevens (standaard: data/ van het project)")
        if today:
            sub.add_argument("--today", metavar="JJJJ-MM-DD",
                             help="peildatum (standaard: WEGWIJZER_TODAY, anders vandaag in Nederland)")
        return sub

    validate = command("validate", cmd_validate, "controleer data/ en mkdocs.yml en meld elke fout met bestand, "
                                                 "regel en veld")
    validate.add_argument("--format", choices=["text", "github"], default="text",
                          help="github: meldingen als GitHub Actions-annotaties bij de gewijzigde regel")

    build = command("build", cmd_build, "bouw de site (en eventueel de offline zip)")
    build.add_argument("--out", type=Path, help="doelmap (standaard: site/ van het project)")
    build.add_argument("--offline", action="store_true", help="bouw de offline versie (werkt vanaf file://)")
    build.add_argument("--zip", type=Path, metavar="MAP", help="zet de gebouwde map ook in een zip in MAP")
    build.add_argument("--site-url", help="webadres waar de site komt te staan (standaard: uit mkdocs.yml)")
    build.add_argument("--attach-zip", type=Path, metavar="ZIP",
                       help="bied deze offline zip (of de nieuwste in deze map) op de site te downloaden aan")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="bouw met MkDocs (standaard) of met ProperDocs, de onderhouden voortzetting van MkDocs 1")

    serve = command("serve", cmd_serve, "live voorbeeld; bouwt opnieuw zodra een bestand in data/ verandert")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")

    admin = command("admin", cmd_admin, "de formulier-editor op deze computer (/admin/), opslaan gaat direct naar data/",
                    data=False)
    admin.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")
    admin.add_argument("--workflow", action="store_true",
                       help="werk met voorstellen zoals op GitHub: elk opgeslagen item een eigen branch in git")

    new = command("new", cmd_new, "voeg een nieuwe interventie toe (landelijk of van een regio)")
    from .editor.scaffold import add_arguments

    add_arguments(new)

    review = command("review", cmd_review, "welke items moeten opnieuw gecontroleerd worden")
    review.add_argument("--stale-after", type=_positive, default=STALE_AFTER_DAYS, metavar="DAGEN",
                        help=f"toon items waarvan bron en controle ouder zijn dan dit (standaard {STALE_AFTER_DAYS})")

    page = command("review-page", cmd_review_page, "één pagina met elk item dat sinds een commit veranderde, zoals de "
                   "site het toont (het voorbeeld bij een voorstel)", data=False)
    page.add_argument("--base", required=True, metavar="COMMIT", help="vergelijk met deze commit, bijv. origin/main")
    page.add_argument("--out", type=Path, required=True, metavar="BESTAND", help="het HTML-bestand dat gemaakt wordt")

    fmt = command("fmt", cmd_fmt, "maak de gegevensbestanden op zoals het project ze schrijft", today=False)
    fmt.add_argument("--check", action="store_true", help="alleen controleren; fout als een bestand afwijkt")

    fields = command("fields", cmd_fields, "werk de veldentabel in CONTRIBUTING.md bij uit de schema's",
                     data=False, today=False)
    fields.add_argument("--check", action="store_true", help="alleen controleren; fout als de tabel verouderd is")
    editor = command("editor-config", cmd_editor_config, "werk .vscode/settings.json bij uit het register",
                     data=False, today=False)
    editor.add_argument("--check", action="store_true", help="alleen controleren")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is geen geheel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError("moet minstens 1 zijn")
    return value


def _stop_on_sigterm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise KeyboardInterrupt


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # so `finally` blocks remove temporary folders
    try:
        args.project = Project.find(args.project)
        return args.handler(args)
    except KeyboardInterrupt:
        print("\nAfgebroken; tijdelijke bestanden zijn opgeruimd.", file=sys.stderr)
        return 130
    except ProblemsError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        return 2
    except WegwijzerError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
