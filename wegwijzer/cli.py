"""The ``wegwijzer`` command: one entry point for editors, the Makefile, CI and pre-commit.

This is a program boundary: "today" is resolved here (``--today``, then
WEGWIJZER_TODAY, then the date in Europe/Amsterdam) and handed to the library.
Errors an editor can fix are printed in Dutch without a traceback; Ctrl-C and
SIGTERM stop cleanly (temporary folders are removed on the way out).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlsplit

from . import DEFAULT_DATA_DIR, PROJECT_ROOT, check_data
from .build import BuildError, build_site, site_summary, zip_site
from .clock import ClockError, resolve_today
from .textformat import counted
from .review import STALE_AFTER_DAYS


class UserError(Exception):
    """Something the person running the command can fix; printed without a traceback."""


def _today(args: argparse.Namespace):
    return resolve_today(getattr(args, "today", None))


# ---------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    result = check_data(args.data, today=_today(args))
    for problem in result.problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    print(validation_summary(result))
    return 1 if result.errors else 0


def validation_summary(result) -> str:
    if result.toolbox is None:
        return f"{len(result.errors)} fout(en), {len(result.warnings)} waarschuwing(en): los de fouten op."
    from .kinds import KINDS

    counts = ", ".join(counted(len(result.toolbox.of_kind(k.name)), k.label, k.plural) for k in KINDS
                       if k.files and result.toolbox.of_kind(k.name))
    sourced, carrying = result.toolbox.source_coverage()
    share = f"{100 * sourced // carrying} %" if carrying else "–"
    return (f"OK: {counts}; bronnen bij {sourced} van {carrying} items ({share}); "
            f"{len(result.warnings)} waarschuwing(en).")


def cmd_build(args: argparse.Namespace) -> int:
    today = _today(args)
    started = time.perf_counter()
    kind = "offline site" if args.offline else "site"
    print(f"Bouwen: {kind} → {args.out}", flush=True)
    attach = args.attach_zip
    if attach is not None and attach.is_dir():  # a folder: the newest offline zip in it
        attach = max(attach.glob("wegwijzer-offline-*.zip"), key=lambda p: p.stat().st_mtime, default=attach)
    build_site(args.out, root=args.root, today=today, offline=args.offline, data_dir=args.data,
               site_url=args.site_url, attach_zip=attach)
    pages, size = site_summary(args.out)
    print(f"Klaar: {pages} pagina's, {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s", flush=True)
    if args.zip:
        archive = zip_site(args.out, args.zip, args.root)
        print(f"Zip: {archive} ({archive.stat().st_size / 1e6:.1f} MB)", flush=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", WEGWIJZER_TODAY=_today(args).isoformat(), WEGWIJZER_SERVE="1")
    if getattr(args, "data", None):
        env["WEGWIJZER_DATA"] = str(args.data.resolve())
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", args.dev_addr]
    return subprocess.run(command, cwd=args.root, env=env).returncode


def cmd_admin(args: argparse.Namespace) -> int:
    """The form editor on this machine: the live preview plus decap-server, which saves into data/ here."""
    from .editorserver import EditorServerError, start_backend, stop

    try:
        backend = start_backend(Path(args.root).resolve())
    except EditorServerError as error:
        print(f"De editor start niet: {error}", file=sys.stderr)
        return 1
    host = args.dev_addr
    print(f"Editor: open http://{host}{site_path(args.root)}admin/ en klik op Inloggen. "
          "Opslaan schrijft direct in data/; controleer daarna met `wegwijzer validate`. Stoppen: Ctrl+C.", flush=True)
    try:
        return cmd_serve(args)
    finally:
        stop(backend)


def site_path(root: Path) -> str:
    """The path the preview serves the site under: mkdocs serve follows the path of site_url ("/toolbox/")."""
    match = re.search(r"^site_url:\s*(\S+)", (Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return urlsplit(match.group(1)).path if match else "/"


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, scaffold

    try:
        path, new_id = scaffold(args, today=_today(args))
    except ScaffoldError as error:
        print(f"Niet toegevoegd: {error}", file=sys.stderr)
        return 1
    print(f"Toegevoegd: `{new_id}` in {path}. Vul daar de overige velden aan en draai `wegwijzer validate`.")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from .review import stale_entries

    today = _today(args)
    result = check_data(args.data, today=today)
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
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .linkcheck import report_links

    return report_links(args, today=_today(args))


def cmd_fmt(args: argparse.Namespace) -> int:
    from .schemas import SchemaSet
    from .yamlformat import format_files

    results = format_files(args.data, SchemaSet(args.data / "schema"), check=args.check)
    for result in results:
        shown = result.path.relative_to(args.root) if result.path.is_relative_to(args.root) else result.path
        if result.error:
            print(f"{shown}: niet opgemaakt: {result.error}; draai eerst `wegwijzer validate`", file=sys.stderr)
        elif result.changed:
            print(f"{shown}: {'niet netjes opgemaakt' if args.check else 'opgemaakt'}")
    changed = [r for r in results if r.changed]
    if args.check and changed:
        print(f"{len(changed)} bestand(en) wijken af van de vaste opmaak. Los het op met `make fmt` "
              "(of `.venv/bin/wegwijzer fmt`) en commit het resultaat.", file=sys.stderr)
        return 1
    if not changed:
        print(f"Alle {len(results)} gegevensbestanden zijn netjes opgemaakt.")
    return 1 if any(r.error for r in results) else 0


def cmd_fields(args: argparse.Namespace) -> int:
    from .fielddocs import field_reference, replace_section
    from .schemas import SchemaSet

    path = args.root / "CONTRIBUTING.md"
    current = path.read_text(encoding="utf-8")
    updated = replace_section(current, field_reference(SchemaSet(args.data / "schema")))
    return _write_or_check(path, current, updated, args.check, "wegwijzer fields")


def cmd_editor_config(args: argparse.Namespace) -> int:
    from .editorconfig import vscode_settings

    path = args.root / ".vscode" / "settings.json"
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    return _write_or_check(path, current, vscode_settings(current), args.check, "wegwijzer editor-config")


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run
    from .clock import now_in_amsterdam

    return run(args, today=_today(args), started_at=now_in_amsterdam().strftime("%Y-%m-%d %H:%M"))


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
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    def command(name: str, handler: Callable, help_text: str, *, data: bool = True, today: bool = True):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        sub.add_argument("--root", type=Path, default=PROJECT_ROOT, help=argparse.SUPPRESS)
        if data:
            sub.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="map met gegevens (standaard: data/)")
        if today:
            sub.add_argument("--today", metavar="JJJJ-MM-DD",
                             help="peildatum (standaard: WEGWIJZER_TODAY, anders vandaag in Nederland)")
        return sub

    validate = command("validate", cmd_validate, "controleer data/ en meld elke fout met bestand, regel en veld")
    validate.add_argument("--format", choices=["text", "github"], default="text",
                          help="github: meldingen als GitHub Actions-annotaties bij de gewijzigde regel")

    build = command("build", cmd_build, "bouw de site (en eventueel de offline zip)")
    build.add_argument("--out", type=Path, default=PROJECT_ROOT / "site", help="doelmap (standaard: site/)")
    build.add_argument("--offline", action="store_true", help="bouw de offline versie (werkt vanaf file://)")
    build.add_argument("--zip", type=Path, metavar="MAP", help="zet de gebouwde map ook in een zip in MAP")
    build.add_argument("--site-url", help="webadres waar de site komt te staan (standaard: uit mkdocs.yml)")
    build.add_argument("--attach-zip", type=Path, metavar="ZIP",
                       help="bied deze offline zip (of de nieuwste in deze map) op de site te downloaden aan")

    serve = command("serve", cmd_serve, "live voorbeeld; bouwt opnieuw zodra een bestand in data/ verandert")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")

    admin = command("admin", cmd_admin, "de formulier-editor op deze computer (/admin/), opslaan gaat direct naar data/",
                    data=False)
    admin.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres en poort (standaard 127.0.0.1:8000)")

    new = command("new", cmd_new, "voeg een nieuwe interventie toe (landelijk of van een regio)")
    from .scaffold import add_arguments

    add_arguments(new)

    review = command("review", cmd_review, "welke items moeten opnieuw gecontroleerd worden")
    review.add_argument("--stale-after", type=_positive, default=STALE_AFTER_DAYS, metavar="DAGEN",
                        help=f"toon items waarvan bron en controle ouder zijn dan dit (standaard {STALE_AFTER_DAYS})")

    links = command("links", cmd_links, "controleer de externe links in data/ (heeft internet nodig)")
    from .linkcheck import add_arguments as link_arguments

    link_arguments(links)

    fmt = command("fmt", cmd_fmt, "maak de gegevensbestanden op zoals het project ze schrijft", today=False)
    fmt.add_argument("--check", action="store_true", help="alleen controleren; fout als een bestand afwijkt")

    fields = command("fields", cmd_fields, "werk de veldentabel in CONTRIBUTING.md bij uit de schema's", today=False)
    fields.add_argument("--check", action="store_true", help="alleen controleren; fout als de tabel verouderd is")
    editor = command("editor-config", cmd_editor_config, "werk .vscode/settings.json bij uit het register",
                     data=False, today=False)
    editor.add_argument("--check", action="store_true", help="alleen controleren")

    bench = command("bench", cmd_bench, "meet bouwtijd, validatie en zoekpagina (schrijft BENCHMARKS.md)", data=False)
    from .bench import add_arguments as bench_arguments

    bench_arguments(bench)
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
        return args.handler(args)
    except KeyboardInterrupt:
        print("\nAfgebroken; tijdelijke bestanden zijn opgeruimd.", file=sys.stderr)
        return 130
    except (BuildError, ClockError, UserError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
