"""Benchmark: what users wait for — the live preview after a save, builds, validation, the finder, the editor.

Everything is measured side by side in one run (runs interleaved, medians
reported) because this machine is noisy; ratios matter more than seconds.

* Datasets: the shipped reference data (partners, themes, factors, barrier
  model, ...) plus synthetic interventions cloned from the real ones, with
  their text lengths, facets and cross-references, up to N in total.
* Baseline: plain MkDocs + Material, same theme settings and navigation,
  building the same pages as hand-written Markdown with the same text.
* Builds: wall-clock and CPU time, without history (data outside a checkout)
  and with it (the data committed in a clone of this repository).
* Preview: `wegwijzer serve` beside `mkdocs serve` (and `--dirty`) on the
  baseline; headless Chromium shows an intervention's page, the script saves
  a change to its summary and times until the reloaded page shows it. Also
  the time from starting each server to its first page.
* Finder: headless Chromium times one filter change, the first text query
  after the page loaded and later ones, the site search's first and later
  query, and counts the bytes the finder page loads.

Usage: wegwijzer-dev bench [--sizes 100,1000,10000] [--finder-sizes 1000,5000] [--preview-sizes shipped,1000]
                       [--repeat 2] [--preview-rounds 5] [--output BENCHMARKS.md] [--smoke]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import html
import http.server
import os
import platform
import posixpath
import random
import re
import resource
import shutil
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Optional

import yaml

from wegwijzer.core import CheckResult, check_data
from wegwijzer.core.kinds import KINDS
from wegwijzer.core.model import Entity, Node, Toolbox
from wegwijzer.core.review import recently_reviewed
from wegwijzer.core.textformat import first_sentence, sort_key
from wegwijzer.editor.cms import ADMIN_FOLDER
from wegwijzer.project import Project
from wegwijzer.site.assemble import Site
from wegwijzer.site.config import read_site_config
from wegwijzer.site.facts import card_facts, description_of, format_ages
from wegwijzer.site.outputs import Publication
from wegwijzer.site.paths import SITE_PAGE, kind_page, page_path, page_url
from wegwijzer.site.render import RenderSettings

ROOT = Path.cwd()  # the project the benchmark measures: set by `run` from where it is started
FINDER_PAGE, FIT_PAGE, HANDOUT_PAGE, RECENT_PAGE = (kind_page("intervention"), SITE_PAGE["fit"].path,
                                                    SITE_PAGE["handout"].path, SITE_PAGE["recent"].path)
FACTOR_TABLE_PAGE, STEP_TABLE_PAGE = SITE_PAGE["factor_table"].path, SITE_PAGE["step_table"].path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner on every build
# Everything after this line in BENCHMARKS.md is hand-written (profiles, decisions) and kept on rewrite.
NOTES_MARKER = "<!-- notes: kept by `wegwijzer bench` -->\n"
OLD_NOTES_MARKERS = ("<!-- notes: kept by scripts/bench.py -->\n",)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def log(message: str) -> None:
    print(message, flush=True)


# ---------------------------------------------------------------------------
# Synthetic data
# ---------------------------------------------------------------------------


def make_dataset(target: Path, size: int, today: dt.date, seed: int = 7) -> Path:
    """Real data plus synthetic national interventions, ``size`` interventions in total."""
    shutil.copytree(ROOT / "data", target)
    real = check_data(target, today=today).toolbox
    assert real is not None, "the shipped data must be valid"
    templates = list(real.interventions.values())
    extra = max(0, size - len(templates))
    rng = random.Random(seed)
    themes, factors, steps = list(real.themes), list(real.factors), list(real.steps)
    entries = []
    for number in range(extra):
        base = rng.choice(templates)
        entries.append(_clone(base, number, rng, themes, factors, steps))
    if entries:
        with (target / "interventions.yaml").open("a", encoding="utf-8") as handle:
            handle.write(_as_list_items(entries))
    return target


def _as_list_items(entries: list[dict]) -> str:
    """Entries as YAML list items indented under the file's ``interventions:`` key."""
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))


def _plain_source(source) -> str:
    name = source.document.title if getattr(source, "document", None) else (source.title or source.url)
    return f"{name} ({source.published or source.consulted or ''})"


def _plain(node):
    """A model node back as YAML-ready data (references as ids, nested nodes and lists of them too)."""
    if node is None:
        return None

    def value(v):
        if isinstance(v, Entity):
            return v.id
        if isinstance(v, list):
            return [value(item) for item in v]
        return _plain(v) if isinstance(v, Node) else v

    return {k: value(v) for k, v in vars(node).items() if k != "owner" and v}


def _clone(base: Entity, number: int, rng: random.Random, themes, factors, steps) -> dict:
    entry = {
        "id": f"{base.id}-variant-{number}",
        "name": f"{base.name} (variant {number})",
        "summary": base.summary,
        "kind": base.kind,
        "target_groups": list(base.target_groups),
        "used_by": list(base.used_by),
        "prevention_levels": list(base.prevention_levels),
        "provider": base.provider.id if base.provider else None,
        "themes": rng.sample(themes, k=min(len(themes), rng.randint(1, 3))),
        "factors": rng.sample(factors, k=min(len(factors), rng.randint(0, 4))),
        "barrier_steps": rng.sample(steps, k=min(len(steps), rng.randint(0, 1))),
        "recognition": _plain(base.recognition),
        "links": [{"title": link.title, "url": link.url} for link in base.links],
        "sources": [_plain(source) for source in base.sources],
    }
    if base.age_min is not None or base.age_max is not None:
        entry["age"] = {k: v for k, v in (("min", base.age_min), ("max", base.age_max)) if v is not None}
    if base.delivery:
        entry["delivery"] = base.delivery
    return {k: v for k, v in entry.items() if v not in ([], None)}


# ---------------------------------------------------------------------------
# Baseline: plain Material with equivalent hand-written pages
# ---------------------------------------------------------------------------


def make_baseline(target: Path, toolbox: Toolbox, schemas, *, today: dt.date, only_interventions: bool = False) -> Path:
    """Plain Material with the same pages as our site, written as Markdown a person would write.

    Same page paths, same navigation, same hand-written content pages, and for
    every generated page the same visible text (facts, linked entries with their
    teasers, edit links). Aggregate pages stay out of search, as ours do.
    ``only_interventions`` keeps just the intervention pages (the overviews in
    the navigation become one-line pages): the narrower baseline of earlier runs.
    """
    docs = target / "docs"
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    result = CheckResult(toolbox=toolbox, schemas=schemas)
    site = Site(result, RenderSettings(Publication(config["site_name"], config["site_url"])), today=today,
                template_dir=ROOT / "overrides")
    baseline = {
        "site_name": config["site_name"], "docs_dir": "docs", "use_directory_urls": True,
        "theme": {k: v for k, v in config["theme"].items() if k != "custom_dir"},
        "plugins": [{"search": config["plugins"][0]["search"]}],
        "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}},
                                "pymdownx.keys"],
        "nav": site.navigation(config["nav"]),  # the same navigation, so Material renders the same chrome
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"not_found": "ignore", "anchors": "ignore"}},
    }
    (target / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(baseline, allow_unicode=True), encoding="utf-8")
    for page in (ROOT / "content").rglob("*.md"):  # our hand-written pages are plain Markdown already
        copy = docs / page.relative_to(ROOT / "content")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    writer = _BaselineWriter(toolbox, site)
    pages = {page_path(i): writer.intervention(i) for i in writer.by_name} if only_interventions else writer.pages()
    for path in _nav_paths(baseline["nav"]):  # ours has only the pages it made in its navigation
        pages.setdefault(path, f"# {Path(path).stem}\n\nOverzicht.\n")
    for path, text in pages.items():
        page = docs / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return target


class _BaselineWriter:
    """Markdown with the same text as each generated page (see ``make_baseline``)."""

    def __init__(self, toolbox: Toolbox, site: Site):
        self.toolbox, self.site, self.renderer = toolbox, site, site.renderer
        self.by_name = sorted(toolbox.interventions.values(), key=lambda i: sort_key(i.name))

    def pages(self) -> dict[str, str]:
        t = self.toolbox
        pages = {page_path(i): self.intervention(i) for i in self.by_name}
        for kind in KINDS:  # every kind with pages, as the renderer does (Renderer.render_all)
            if kind.has_pages and kind.name != "intervention":
                pages.update({page_path(entity): self.entity(entity) for entity in t.of_kind(kind.name).values()})
        excluded = "---\nsearch:\n  exclude: true\n---\n\n"
        pages[FINDER_PAGE] = excluded + "# Interventies en aanbod\n\n" + self.cards(self.by_name, FINDER_PAGE)
        pages[HANDOUT_PAGE] = excluded + "# Hand-out\n\n" + "\n".join(
            f"## {i.name}\n\n{i.summary}\n\n{self.facts(i, HANDOUT_PAGE)}" for i in self.by_name)
        ours = {page.src_uri: page for page in self.site.pages}
        if FACTOR_TABLE_PAGE in ours:
            pages[FACTOR_TABLE_PAGE] = excluded + self.cross_table(
                "Interventies en factoren", list(t.factors.values()), lambda i: i.factors, FACTOR_TABLE_PAGE)
        if STEP_TABLE_PAGE in ours:
            pages[STEP_TABLE_PAGE] = excluded + self.cross_table(
                "Interventies en het barrièremodel", list(t.steps.values()), lambda i: i.steps, STEP_TABLE_PAGE)
        for path, title, entities in [(kind.overview_page, kind.overview.title, t.of_kind(kind.name))
                                      for kind in KINDS if kind.overview and kind.name != "intervention"]:
            pages[path] = f"# {title}\n\n" + "\n".join(
                f"- {self.link(e, path)}: {description_of(e)}" for e in entities.values()) + "\n"
        if RECENT_PAGE in ours:
            pages[RECENT_PAGE] = "# Recent gecontroleerd\n\n" + "\n".join(
                f"- {e.last_reviewed}: {self.link(e, RECENT_PAGE)}" for e in recently_reviewed(t)) + "\n"
        pages[FIT_PAGE] = "# Welke interventies passen bij onze situatie?\n\n" + "\n".join(
            f"- [ ] {f.name}" for f in t.factors.values()) + "\n"
        for path, page in ours.items():  # the rest (news archive, what changed, comparison): its text as paragraphs
            if path not in pages:
                text = html.unescape(re.sub(r"<[^>]+>", "\n", page.body))
                pages[path] = ("" if page.searchable else excluded) + f"# {page.title}\n\n" + "\n\n".join(line.strip() for line in text.splitlines()
                                                                    if line.strip()) + "\n"
        return pages

    def link(self, entity, here: str, text: str | None = None) -> str:
        target = posixpath.relpath(page_path(entity), posixpath.dirname(here) or ".")
        return f"[{text or _name(entity)}]({target})"

    def label(self, value: str, vocabulary: str) -> str:
        return self.site.listings.vocabulary.label(value, vocabulary)

    def facts(self, i, here: str) -> str:
        rows = [("Soort", self.label(i.kind, "offering_kind")), ("Status", self.label(i.status, "status")),
                ("Aanbieder", self.link(i.provider, here) if i.provider else ""),
                ("Bereik", self.link(i.region, here) if i.region else "Landelijk"),
                ("Doelgroep", ", ".join(self.label(v, "target_group") for v in i.target_groups)),
                ("Leeftijd", format_ages(i)),
                ("Preventieniveau", ", ".join(self.label(v, "prevention_level") for v in i.prevention_levels)),
                ("Online of offline", self.label(i.delivery, "delivery") if i.delivery else ""),
                ("Ingezet door", ", ".join(self.label(v, "role") for v in i.used_by)),
                ("Erkenning", i.recognition_label), ("Kosten", i.cost or "")]
        return "\n".join(f"- **{name}:** {value}" for name, value in rows if value) + "\n"

    def intervention(self, i) -> str:
        here = page_path(i)
        parts = [f"[Interventies en aanbod](index.md)\n\n# {i.name}\n\n{i.summary}\n", self.facts(i, here),
                 "Een erkenning zegt iets over hoe goed een interventie beschreven, onderbouwd of onderzocht is "
                 "(databanken van NJI en Loket Gezond Leven). Het is geen aanbeveling: kijk altijd of een interventie "
                 "past bij jullie situatie.\n"]
        if i.conditions:
            parts.append(f"## Voorwaarden voor invoering\n\n{i.conditions}\n")
        sections = [("Thema's", i.themes), ("Risicofactoren", i.risk_factors),
                    ("Beschermende factoren", i.protective_factors), ("Barrièremodel", list(i.steps) + list(i.barriers)),
                    ("Samenwerkingspartners", i.partners)]
        for title, entities in sections:
            parts.append(f"## {title}\n\n" + ("\n".join(f"- {self.link(e, here)}" for e in entities) or "Geen.") + "\n")
        if i.matrix_cells:
            parts.append("## In de interventiematrix\n\n" + "\n".join(
                f"- {self.link(self.toolbox.matrix, here, cell.owner.name)}: {cell.party.label}" for cell in i.matrix_cells) + "\n")
        if i.projects:
            parts.append("## In programma's\n\n" + "\n".join(
                f"- {self.link(p.programme, here, p.name)} ({p.programme.name})" for p in i.projects) + "\n")
        if i.links:
            parts.append("## Meer informatie\n\n" + "\n".join(f"- [{l.title}]({l.url})" for l in i.links) + "\n")
        parts.append("Bronnen: " + ", ".join(_plain_source(source) for source in i.sources) + "\n")
        parts.append(self.edit_links(i))
        return "\n".join(parts)

    def edit_links(self, entity) -> str:
        links = self.renderer.edit_links(entity.location, getattr(entity, "name", "") or "")
        if not links:
            return ""
        return (f"Bron: [{links['file']}, regel {links['line']}]({links['view']})\n\n"
                f"[Bewerken (redacteuren)]({links['edit']}) · [Wijziging voorstellen]({links['suggest']})\n")

    def cards(self, interventions, here: str) -> str:
        return "\n".join(
            f"- {self.link(i, here)}  \n  {' · '.join(card_facts(i, self.site.listings.vocabulary))} · "
            f"{i.region.name if i.region else 'Landelijk'}  \n  {first_sentence(i.summary)}" for i in interventions) + "\n"

    def entity(self, entity) -> str:
        """Title, every text field, lists of text, linked pages and nested parts, in field order."""
        here = page_path(entity)
        title = _name(entity)
        parts = [f"# {title}\n"]
        self._fields(entity, here, parts, depth=0)
        if getattr(entity, "location", None) is not None:
            parts.append(self.edit_links(entity))
        return "\n".join(parts)

    def _fields(self, entity, here: str, parts: list[str], depth: int) -> None:
        for name, value in vars(entity).items():
            if name in ("id", "name", "location", "parent", "owner", "referrers", "data_kind", "kind", "sources") or not value:
                continue
            if isinstance(value, str) and len(value) > 12:
                parts.append(f"{value}\n")
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                parts.append(f"**{name}**\n\n" + "\n".join(f"- {v}" for v in value) + "\n")
            elif isinstance(value, list) and name == "links":
                parts.append("## Links\n\n" + "\n".join(f"- [{link.title}]({link.url})" for link in value) + "\n")
            elif isinstance(value, list) and getattr(value[0], "data_kind", None) is not None \
                    and value[0].data_kind.name == "intervention":
                parts.append(f"## {name}\n\n" + self.cards(sorted(value, key=lambda i: sort_key(i.name)), here))
            elif isinstance(value, list) and all(hasattr(v, "id") for v in value) and _has_page(value[0]):
                parts.append(f"## {name}\n\n" + "\n".join(f"- {self.link(v, here)}" for v in value) + "\n")
            elif isinstance(value, list) and depth == 0 and isinstance(value[0], Node):
                for part in value:
                    parts.append(f"### {getattr(part, 'name', None) or getattr(part, 'title', '')}\n")
                    self._fields(part, here, parts, depth + 1)

    def cross_table(self, title: str, columns: list, linked, here: str) -> str:
        header = "| Interventie | " + " | ".join(_name(c) for c in columns) + " |"
        rows = [header, "|" + " --- |" * (len(columns) + 1)]
        for i in self.by_name:
            targets = set(linked(i))
            if targets:
                rows.append(f"| {self.link(i, here)} | " + " | ".join("✓" if c in targets else "" for c in columns) + " |")
        return f"# {title}\n\n" + "\n".join(rows) + "\n"


def _name(entity) -> str:
    return getattr(entity, "name", None) or entity.title  # barrier steps may have only a number and title


def _nav_paths(nav) -> list[str]:
    paths = []
    for item in nav:
        for value in item.values():
            paths += _nav_paths(value) if isinstance(value, list) else [value]
    return paths


def _has_page(entity) -> bool:
    return isinstance(entity, Entity) and entity.data_kind.has_pages


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------


def timed(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the command and what it starts) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def site_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    return sum(p.stat().st_size for p in files), (sum(p.stat().st_size for p in html) // max(len(html), 1))


def _page_count(site: Path) -> int:
    """HTML pages of the site itself (the form editor's page under admin/ is not one)."""
    return sum(1 for page in site.rglob("*.html") if page.relative_to(site).parts[0] != ADMIN_FOLDER)


def with_history(data: Path, target: Path, today: dt.date) -> Optional[Path]:
    """A clone of this project's repository whose last commit (today) puts ``data`` in data/: a build there reads
    the history as CI does (blame of every file, the changes of the last 60 commits). None outside a checkout."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        return None
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "checkout", "--quiet", head.stdout.strip()], cwd=target, check=True)
    shutil.rmtree(target / "data")
    shutil.copytree(data, target / "data")
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # the form editor's files, as in the checkout
    stamp = f"{today.isoformat()}T12:00:00+01:00"
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
               GIT_COMMITTER_EMAIL="bench@example.org", GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    subprocess.run(["git", "add", "-A", "data"], cwd=target, check=True, env=env)
    subprocess.run(["git", "commit", "--quiet", "-m", "Synthetische gegevens", "--allow-empty"], cwd=target,
                   check=True, env=env)
    return target


def measure_build(size: int, workdir: Path, repeat: int, today: dt.date) -> dict:
    data = make_dataset(workdir / f"data-{size}", size, today)
    result = check_data(data, today=today)
    if result.toolbox is None:
        raise SystemExit("synthetic data set is not valid:\n" + "\n".join(p.format() for p in result.errors[:20]))
    toolbox = result.toolbox
    baseline = make_baseline(workdir / f"baseline-{size}", toolbox, result.schemas, today=today)
    narrow = make_baseline(workdir / f"narrow-{size}", toolbox, result.schemas, today=today, only_interventions=True)
    repository = with_history(data, workdir / f"repo-{size}", today)
    ours_out, base_out, narrow_out, history_out = (workdir / f"{name}-site-{size}"
                                                   for name in ("ours", "base", "narrow", "history"))
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    ours = [sys.executable, "-m", "wegwijzer", "build", "--data", str(data), "--today", today.isoformat(), "--out"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir"]
    times: dict[str, list[tuple[float, float]]] = {"ours": [], "base": [], "narrow": [], "history": []}
    for _ in range(repeat):  # interleaved: A B C D A B C D
        times["ours"].append(timed(ours + [str(ours_out)], env))
        times["base"].append(timed(mkdocs + [str(base_out)], cwd=baseline))
        times["narrow"].append(timed(mkdocs + [str(narrow_out)], cwd=narrow))
        if repository is not None:
            times["history"].append(timed([sys.executable, "-m", "wegwijzer", "--project", str(repository), "build",
                                           "--today", today.isoformat(), "--out", str(history_out)]))
    validate_times = []
    for _ in range(max(repeat, 3)):
        started = time.perf_counter()
        check_data(data, today=today)
        validate_times.append(time.perf_counter() - started)
    ours_total, ours_page = site_size(ours_out)
    base_total, base_page = site_size(base_out)
    median = {name: (statistics.median(w for w, _ in found), statistics.median(c for _, c in found)) if found
              else (None, None) for name, found in times.items()}
    row = {
        "n": len(toolbox.interventions), "validate_s": statistics.median(validate_times),
        "ours_s": median["ours"][0], "ours_cpu": median["ours"][1], "base_s": median["base"][0],
        "base_cpu": median["base"][1], "narrow_s": median["narrow"][0], "history_s": median["history"][0],
        "history_cpu": median["history"][1],
        "ours_bytes": ours_total, "base_bytes": base_total, "ours_avg_page": ours_page, "base_avg_page": base_page,
        "ours_pages": _page_count(ours_out), "base_pages": _page_count(base_out),
    }
    row["ratio"] = row["ours_s"] / row["base_s"]
    row["cpu_ratio"] = row["ours_cpu"] / row["base_cpu"]
    for folder in (base_out, narrow_out, narrow, history_out, workdir / f"repo-{size}"):
        shutil.rmtree(folder, ignore_errors=True)
    return row | {"site": ours_out, "data": data, "baseline": baseline, "toolbox": toolbox}


# ---------------------------------------------------------------------------
# The editor's wait: the live preview after a save, and its first page
# ---------------------------------------------------------------------------

PREVIEW_TOOLS = ("ours", "material", "dirty")  # wegwijzer serve; mkdocs serve on the baseline; the same with --dirty


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return b"<h1" in response.read()
    except OSError:
        return False


class _PreviewServer:
    """One live preview on a copy of its sources, and the file a test edit goes into."""

    def __init__(self, tool: str, data: Path, baseline: Path, entity: Entity, workdir: Path, today: dt.date):
        self.tool, self.port = tool, _free_port()
        if tool == "ours":
            self.source = shutil.copytree(data, workdir / f"preview-{tool}-data")
            self.file = self.source / "interventions.yaml"
            self.command = [sys.executable, "-m", "wegwijzer", "serve", "--data", str(self.source), "--today",
                            today.isoformat(), "--dev-addr", f"127.0.0.1:{self.port}"]
            self.cwd, path = ROOT, read_site_config(ROOT / "mkdocs.yml").url_path()
        else:
            self.source = shutil.copytree(baseline, workdir / f"preview-{tool}-site")
            self.file = self.source / "docs" / page_path(entity)
            self.command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}",
                            *(["--dirty"] if tool == "dirty" else [])]
            self.cwd, path = self.source, "/"
        self.home = f"http://127.0.0.1:{self.port}{path}"
        self.page = self.home + page_url(page_path(entity), use_directory_urls=True)
        self.entity_id = entity.id
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> float:
        """Start the server; seconds until its first page is served."""
        started = time.perf_counter()
        self.process = subprocess.Popen(self.command, cwd=self.cwd, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        while not _served(self.home):
            if self.process.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit(f"the {self.tool} preview did not start: {' '.join(self.command)}")
            time.sleep(0.02)
        return time.perf_counter() - started

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=60)
            self.process = None

    def edit(self, marker: str) -> None:
        """Put ``marker`` at the start of the intervention's summary, as an editor's save would."""
        text = self.file.read_text(encoding="utf-8")
        if self.tool == "ours":
            at = text.index(f"\n  - id: {self.entity_id}\n")
            summary = re.compile(r"\n    summary: (>-\n +|['\"])?").search(text, at)
            text = text[:summary.end()] + marker + " " + text[summary.end():]
        else:
            heading = text.index("\n\n", text.index("\n# ")) + 2
            text = text[:heading] + marker + " " + text[heading:]
        self.file.write_text(text, encoding="utf-8")


def measure_preview(label: str, data: Path, baseline: Path, toolbox: Toolbox, workdir: Path, today: dt.date,
                    rounds: int, starts: int = 2) -> dict:
    """Time to first preview (``starts`` times each), and from a save to the browser showing it, for ours and
    plain Material."""
    from playwright.sync_api import sync_playwright

    entity = next(i for i in sorted(toolbox.interventions.values(), key=lambda i: i.id)
                  if i.location.file.endswith("/interventions.yaml"))
    servers = [_PreviewServer(tool, data, baseline, entity, workdir / label, today) for tool in PREVIEW_TOOLS]
    first: dict[str, list[float]] = {tool: [] for tool in PREVIEW_TOOLS}
    for _ in range(starts):  # each alone (a start builds everything), interleaved
        for server in servers:
            first[server.tool].append(server.start())
            server.stop()
    saves: dict[str, list[float]] = {tool: [] for tool in PREVIEW_TOOLS}
    try:
        for server in servers:
            server.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tabs = {}
            for server in servers:
                tabs[server.tool] = browser.new_page()
                tabs[server.tool].goto(server.page)
            time.sleep(2)  # every page connected to its server's reload poll
            for number in range(rounds):  # interleaved: A B C A B C
                for server in servers:
                    marker = f"Bewerkt{number}{server.tool}"
                    started = time.perf_counter()
                    server.edit(marker)
                    tabs[server.tool].wait_for_function("m => document.body.innerText.includes(m)", arg=marker,
                                                        timeout=600_000, polling=10)
                    saves[server.tool].append(time.perf_counter() - started)
                    time.sleep(1)  # let the server finish whatever it does after the page (search index, sitemap)
            browser.close()
    finally:
        for server in servers:
            server.stop()
    return {"label": label, "n": len(toolbox.interventions),
            **{f"{tool}_first_s": statistics.median(found) for tool, found in first.items()},
            **{f"{tool}_save_s": statistics.median(found) for tool, found in saves.items()}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_finder(site: Path, n: int) -> dict:
    """The finder's filter change and text query (the first after the page loaded, then later ones), and the
    site search's first and later query, in Chromium; every timing includes the layout it causes."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/interventies/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            loaded = []
            page.on("response", lambda r: loaded.append(r.url))
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("#finder[data-ready]")
            load_s = time.perf_counter() - started
            timings = page.evaluate("""() => {
                const form = document.getElementById('finder');
                const box = form.querySelector('input[name=thema]');
                const q = document.getElementById('finder-q');
                // Each timing includes the style and layout work the change causes (forced by reading a size).
                const fire = (el, type) => { el.dispatchEvent(new Event(type, {bubbles: true})); void document.body.offsetHeight; };
                q.value = 'wapens';
                let t = performance.now(); fire(form, 'submit'); const first = performance.now() - t;  // the first query
                q.value = ''; fire(form, 'submit');
                const filter = [], query = [];
                for (let i = 0; i < 15; i++) {
                  box.checked = !box.checked;
                  t = performance.now(); fire(box, 'change'); filter.push(performance.now() - t);
                  q.value = i % 2 ? 'ouders' : 'wapens';
                  t = performance.now(); fire(form, 'submit'); query.push(performance.now() - t);
                }
                const med = a => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
                return {filter_ms: med(filter), query_ms: med(query), first_query_ms: first};
            }""")
            firsts = [timings["first_query_ms"]] + [_first_query(browser, url) for _ in range(2)]
            timings["first_query_ms"] = statistics.median(firsts)  # one sample per page load: take three
            timings.update(_site_search(browser, url))
            browser.close()
        server.shutdown()
    raw = 0
    compressed = 0
    for resource_url in loaded:
        path = resource_url.split("127.0.0.1:", 1)[1].split("/", 1)[1].split("#")[0]
        file = site / (path or "index.html")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            content = file.read_bytes()
            raw += len(content)
            compressed += len(gzip.compress(content, 6))
    return {"n": n, **timings, "load_s": load_s, "bytes": raw, "gzip_bytes": compressed, "requests": len(loaded)}


def _first_query(browser, url: str) -> float:
    """Milliseconds of the first text query on a freshly loaded finder page (script + layout)."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#finder[data-ready]")
    took = page.evaluate("""() => {
        const form = document.getElementById('finder');
        document.getElementById('finder-q').value = 'wapens';
        const t = performance.now();
        form.dispatchEvent(new Event('submit', {bubbles: true}));
        void document.body.offsetHeight;
        return performance.now() - t;
    }""")
    page.close()
    return took


def _site_search(browser, url: str) -> dict:
    """Material's site search on a fresh page: typed right after the page loaded, then again.

    From the keystrokes until the results for the typed word are listed, so the first query includes
    building the index in Material's search worker if it is not built yet.
    """
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#finder[data-ready]")
    page.click(".md-search__input")
    timings = []
    for word in ("wapens", "ouders", "school"):
        before = page.evaluate("() => document.querySelector('.md-search-result__item')?.textContent || ''")
        page.keyboard.press("Control+A")
        started = time.perf_counter()
        page.keyboard.type(word)
        page.wait_for_function("""([q, before]) => {
            const first = document.querySelector('.md-search-result__item');
            return document.querySelector('.md-search__input').value === q && first && first.textContent !== before;
        }""", arg=[word, before], timeout=120_000, polling=10)
        timings.append(time.perf_counter() - started)
    page.close()
    return {"search_first_ms": timings[0] * 1000, "search_later_ms": statistics.median(timings[1:]) * 1000}


# In the page: one keystroke into the focused text field as React sees it (the native value setter and an
# input event), timed until the browser has painted the result; the median and the slowest of 20.
_KEYSTROKES = """async (field) => {
  const input = document.getElementById(field);
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const times = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    setter.call(input, input.value + 'abcdefghijklmnopqrst'[i]);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await painted();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median_ms: times[10], max_ms: times[19] };
}"""


def measure_editor(workdir: Path, today: dt.date, size: int) -> dict:
    """The form editor with ``size`` interventions and the local backend, as an editor meets it.

    For the interventions (one entry of a list file per form) and, side by side, a news item (one file per
    entry): how long the list takes to show, how long an entry takes to open (from the click in the list
    until its form shows it; median of 3), and one keystroke in its name (script, React and paint).
    """
    from playwright.sync_api import sync_playwright

    from wegwijzer.core.schemas import SchemaSet
    from wegwijzer.editor.backend import loopback_origins, start_backend, stop
    from wegwijzer.editor.cms import admin_files, write_files

    data = make_dataset(workdir / "editor-repo" / "data", size, today)
    entries = {"interventions": yaml.safe_load((data / "interventions.yaml").read_text(encoding="utf-8"))["interventions"],
               "news": [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((data / "news").glob("*.yaml"))]}
    site = workdir / "editor-site"
    site.mkdir()
    handler = functools.partial(_Quiet, directory=str(site))
    rows = []
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server, sync_playwright() as playwright:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        backend = start_backend(data.parent, origins=loopback_origins(f"127.0.0.1:{server.server_address[1]}"), port=0)
        try:
            write_files(admin_files(SchemaSet(ROOT / "data" / "schema"), ROOT / "node_modules", repo="org/repo",
                                    branch="main", site_url="", local_backend=backend.url), site)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
            page.set_default_timeout(120_000)
            page.on("dialog", lambda dialog: dialog.accept())  # leaving the typed-in entry unsaved
            admin = f"http://127.0.0.1:{server.server_address[1]}/admin/"
            page.goto(admin)
            page.get_by_role("button", name="Inloggen").click()
            page.locator("html[data-wegwijzer-controle=klaar]").wait_for(state="attached")
            for form, label, items in (("interventions", "Interventies", entries["interventions"]),
                                       ("news", "Actueel", entries["news"])):
                page.goto(admin + "#/")
                started = time.perf_counter()
                page.get_by_role("link", name=label, exact=True).click()
                page.get_by_role("link", name=items[-1]["name"], exact=True).wait_for()
                list_s = time.perf_counter() - started
                opened = []
                for item in (items[-1], items[len(items) // 2], items[1]):
                    page.goto(admin + f"#/collections/{form}")
                    link = page.get_by_role("link", name=item["name"], exact=True)
                    link.wait_for()
                    started = time.perf_counter()
                    link.click()
                    page.wait_for_function("name => [...document.querySelectorAll('input')].some(i => i.value === name)",
                                           arg=item["name"])
                    opened.append(time.perf_counter() - started)
                field = page.get_by_label(re.compile(r"^(Naam|Kop)$")).first.get_attribute("id")
                keystrokes = page.evaluate(_KEYSTROKES, field)
                rows.append({"form": label, "entries": len(items), "list_s": list_s,
                             "open_s": statistics.median(opened), **keystrokes})
            browser.close()
        finally:
            stop(backend)
            server.shutdown()
    return {"rows": rows, "size": size}


def editor_report(editor: dict) -> list[str]:
    """The editor's section of BENCHMARKS.md, with its targets (open an entry ≤ 1 s, a keystroke ≤ 50 ms)."""
    lines = ["", f"## Form editor (/admin/, headless Chromium, local backend, {editor['size']:,} interventions)", "",
             "Each form edits one entry: the interventions are the items of one list file, a news item is a file of "
             "its own. Opening: from the click in the list until the form shows the entry (median of 3). "
             "Keystroke: one character in the name field until the browser has painted it (median and slowest of 20).",
             "", "| form | entries | list shown | entry opened | keystroke (median / slowest) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for row in editor["rows"]:
        lines.append(f"| {row['form']} | {row['entries']:,} | {row['list_s']:.2f} s | {row['open_s']:.2f} s | "
                     f"{row['median_ms']:.1f} ms / {row['max_ms']:.1f} ms |")
    interventions = editor["rows"][0]
    lines += ["", f"- {'✅' if interventions['open_s'] <= 1 else '❌'} open an intervention ≤ 1 s at "
                  f"{interventions['entries']:,}: {interventions['open_s']:.2f} s",
              f"- {'✅' if interventions['median_ms'] <= 50 else '❌'} a keystroke ≤ 50 ms at "
              f"{interventions['entries']:,}: {interventions['median_ms']:.1f} ms (slowest {interventions['max_ms']:.1f} ms)"]
    return lines


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def versions() -> str:
    names = ["mkdocs", "mkdocs-material", "Jinja2", "Markdown", "PyYAML", "jsonschema", "playwright"]
    found = ", ".join(f"{n} {metadata.version(n)}" for n in names)
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip() if Path(CHROMIUM).exists() else "n/a"
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    return (f"- Machine: {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.platform()}\n"
            f"- Python {platform.python_version()}; {found}; {chromium}")


def machine_speed() -> float:
    """Seconds for a fixed workload that does not depend on our code, to compare runs.

    The workload is libyaml parsing a fixed 2 MB document, the floor of our
    validation. This machine's speed drifts by up to 2× within an hour, so the
    absolute targets (2 s, 30 ms) can only be read next to this number.
    """
    text = yaml.safe_dump([{"id": f"entry-{n}", "name": "Een interventie " * 4, "summary": "tekst " * 40,
                            "themes": ["a", "b", "c"], "age": {"min": 12, "max": 18}} for n in range(5000)])
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
            pass
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _ratio(ours: Optional[float], theirs: Optional[float]) -> str:
    return f"×{ours / theirs:.2f}" if ours and theirs else "–"


def _seconds(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def waits(builds: list[dict], finders: list[dict], previews: list[dict]) -> list[str]:
    """The table of what a user waits for, ours beside plain Material, ratios first."""
    lines = ["## What the user waits for", "",
             "Ours beside plain Material for MkDocs on the same pages, measured side by side in this run (medians, "
             "interleaved). The ratio is ours divided by theirs: below 1 is faster. Zensical is not measured here "
             "(see the notes).", "",
             "| what the user waits for | ours ÷ Material | ours ÷ Material `--dirty` | ours | plain Material "
             "(full rebuild) | Material `--dirty` |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for p in previews:
        lines.append(f"| a save → the page shows it, {p['label']} ({p['n']:,} interventions) | "
                     f"{_ratio(p['ours_save_s'], p['material_save_s'])} | {_ratio(p['ours_save_s'], p['dirty_save_s'])} "
                     f"| **{_seconds(p['ours_save_s'])}** | {_seconds(p['material_save_s'])} | "
                     f"{_seconds(p['dirty_save_s'])} |")
    for p in previews:
        lines.append(f"| first page after starting the preview, {p['label']} ({p['n']:,}) | "
                     f"{_ratio(p['ours_first_s'], p['material_first_s'])} | "
                     f"{_ratio(p['ours_first_s'], p['dirty_first_s'])} | {_seconds(p['ours_first_s'])} | "
                     f"{_seconds(p['material_first_s'])} | {_seconds(p['dirty_first_s'])} |")
    for b in builds:
        lines.append(f"| full build, {b['n']:,} interventions (CPU) | {_ratio(b['ours_cpu'], b['base_cpu'])} | | "
                     f"{_seconds(b['ours_cpu'])} | {_seconds(b['base_cpu'])} | |")
        if b.get("history_cpu"):
            lines.append(f"| full build with the history read, {b['n']:,} (CPU) | "
                         f"{_ratio(b['history_cpu'], b['base_cpu'])} | | {_seconds(b['history_cpu'])} | "
                         f"{_seconds(b['base_cpu'])} | |")
    for f in finders:
        lines.append(f"| finder at {f['n']:,}: the first text query after the page loaded / a later one | | | "
                     f"{f['first_query_ms']:.1f} ms / {f['query_ms']:.1f} ms | | |")
        lines.append(f"| site search at {f['n']:,}: the first query / a later one (keystroke to results) | | | "
                     f"{f['search_first_ms']:.0f} ms / {f['search_later_ms']:.0f} ms | | |")
    return lines + [""]


def report(builds: list[dict], finders: list[dict], started: str, elapsed: float, reference: float,
           editor: Optional[dict] = None, previews: Optional[list[dict]] = None) -> str:
    lines = [
        "# Benchmarks", "",
        f"Written by `wegwijzer bench` on {started} ({elapsed / 60:.1f} min). Builds are interleaved (ours, baseline, "
        "interventions only, ours with history, …) and the median is reported; compare the ratios, not the seconds, "
        "on a noisy machine.", "",
        versions(),
        f"- Machine speed reference: libyaml parsing a fixed 2 MB document took {reference:.2f} s in this run "
        "(lower is faster; compare runs by it, see `machine_speed` in the script)", "",
        *waits(builds, finders, previews or []),
        "## Build and validation", "",
        "Baseline: plain Material building the same pages (same paths, navigation and visible text) from "
        "hand-written Markdown. For reference also plain Material with only the intervention pages. Without "
        "history: data outside a git checkout; with history: the same data committed in a clone of this "
        "repository (every file blamed, the last 60 commits compared). CPU: user + system time of the build.", "",
        "| interventions | validation | our build | baseline | ours / baseline | CPU ours / baseline | with history "
        "(CPU) | interventions only | ours / that | our site | baseline site | avg. page (ours / baseline) | "
        "pages (ours / baseline) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in builds:
        lines.append(f"| {r['n']:,} | {r['validate_s']:.2f} s | {r['ours_s']:.1f} s | {r['base_s']:.1f} s | {r['ratio']:.2f} | "
                     f"{r['ours_cpu']:.1f} / {r['base_cpu']:.1f} s = {r['cpu_ratio']:.2f} | "
                     f"{_seconds(r['history_s'])} ({_seconds(r['history_cpu'])}) | "
                     f"{r['narrow_s']:.1f} s | {r['ours_s'] / r['narrow_s']:.2f} | "
                     f"{r['ours_bytes'] / 1e6:.1f} MB | {r['base_bytes'] / 1e6:.1f} MB | "
                     f"{r['ours_avg_page'] / 1e3:.1f} KB / {r['base_avg_page'] / 1e3:.1f} KB | "
                     f"{r['ours_pages']:,} / {r['base_pages']:,} |")
    by_n = {r["n"]: r for r in builds}
    if len(builds) >= 2:
        small, large = builds[-2], builds[-1]
        growth = large["ours_s"] / small["ours_s"]
        lines += ["", f"Growth of our build from {small['n']:,} to {large['n']:,} interventions: "
                      f"{growth:.1f}× for {large['n'] / small['n']:.1f}× the entries."]
    lines += ["", "## Finder (headless Chromium)", "",
              "| interventions | one filter change (script + layout) | first text query after load | a later text query "
              "(script + layout) | page load | bytes loaded (raw / gzip) | requests |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for f in finders:
        lines.append(f"| {f['n']:,} | {f['filter_ms']:.1f} ms | {f['first_query_ms']:.1f} ms | {f['query_ms']:.1f} ms | "
                     f"{f['load_s']:.2f} s | {f['bytes'] / 1e3:.0f} KB / {f['gzip_bytes'] / 1e3:.0f} KB | "
                     f"{f['requests']} |")
    if editor:
        lines += editor_report(editor)
    lines += ["", "## Targets", ""]
    lines += targets(by_n, {f["n"]: f for f in finders}, previews or [])
    return "\n".join(lines) + "\n"


def targets(builds: dict, finders: dict, previews: list[dict]) -> list[str]:
    rows = []

    def check(name, ok, value):
        rows.append(f"- {'✅' if ok else '❌'} {name}: {value}")

    for p in previews:
        limit = 0.5 if p["label"] == "shipped data" else 1.0
        check(f"preview after a save, {p['label']} ({p['n']:,}) ≤ {limit} s", p["ours_save_s"] <= limit,
              _seconds(p["ours_save_s"]))
    if builds:
        thousand = min(builds.values(), key=lambda r: abs(r["n"] - 1000))
        check("full build at ~1,000 ≤ 0.8 × plain Material (CPU)", thousand["cpu_ratio"] <= 0.8,
              f"×{thousand['cpu_ratio']:.2f} at {thousand['n']:,}")
        largest = max(builds.values(), key=lambda r: r["n"])
        if largest is not thousand:
            growth = largest["ours_s"] / thousand["ours_s"]
            bound = 11 * largest["n"] / thousand["n"] / 10
            check(f"{largest['n']:,} costs ≤ 11 × {thousand['n']:,} (scaled)", growth <= bound, f"{growth:.1f}×")
            check("average page ≤ 30 KB", largest["ours_avg_page"] <= 30_000, f"{largest['ours_avg_page'] / 1e3:.1f} KB")
            check(f"validation of {largest['n']:,} entries ≤ 2 s", largest["validate_s"] <= 2, f"{largest['validate_s']:.2f} s")
    for n, f in sorted(finders.items()):
        check(f"finder filter change over {n:,} ≤ 30 ms", f["filter_ms"] <= 30, f"{f['filter_ms']:.1f} ms")
        check(f"finder text query over {n:,} ≤ 30 ms", f["query_ms"] <= 30, f"{f['query_ms']:.1f} ms")
        if n >= 5000:
            check(f"first finder query over {n:,} ≤ 50 ms", f["first_query_ms"] <= 50, f"{f['first_query_ms']:.1f} ms")
        if n <= 1000:
            check(f"finder page for {n:,} ≤ 400 KB transferred (gzip)", f["gzip_bytes"] <= 400_000,
                  f"{f['gzip_bytes'] / 1e3:.0f} KB gzip, {f['bytes'] / 1e3:.0f} KB raw")
    return rows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--finder-sizes", default="1000,5000")
    parser.add_argument("--preview-sizes", default="shipped,1000",
                        help="de voorbeelden na een wijziging: shipped (de gegevens van de toolbox) en/of aantallen")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--preview-rounds", type=int, default=5)
    parser.add_argument("--output", type=Path, help="standaard: BENCHMARKS.md van het project")
    parser.add_argument("--smoke", action="store_true", help="tiny run for tests: sizes 120, finder 120, one repeat, one start and one save per preview")


def run(args: argparse.Namespace, *, today: dt.date, started_at: str) -> int:
    """The benchmark; ``today`` and the report's time stamp come from the command line's clock."""
    global ROOT
    ROOT = Project.find().root
    args.output = args.output or ROOT / "BENCHMARKS.md"
    if args.smoke:  # above the real count: clones included
        args.sizes, args.finder_sizes, args.preview_sizes, args.repeat, args.preview_rounds = "120", "120", "120", 1, 1
    sizes = [int(s) for s in args.sizes.split(",") if s]
    finder_sizes = [int(s) for s in args.finder_sizes.split(",") if s]
    preview_sizes = [s for s in args.preview_sizes.split(",") if s]
    started = time.perf_counter()
    reference = machine_speed()
    builds, finders, previews = [], [], []
    with tempfile.TemporaryDirectory(prefix="wegwijzer-bench-") as temp:
        workdir = Path(temp)
        made = {}
        for size in sizes:
            log(f"Bouwen en valideren bij {size:,} interventies…")
            row = measure_build(size, workdir, args.repeat, today)
            made[size] = {key: row.pop(key) for key in ("site", "data", "baseline", "toolbox")}
            builds.append(row)
            log(f"  validatie {row['validate_s']:.2f} s, build {row['ours_s']:.1f} s vs {row['base_s']:.1f} s "
                f"(×{row['ratio']:.2f}, CPU ×{row['cpu_ratio']:.2f}), met geschiedenis {_seconds(row['history_s'])}, "
                f"gem. pagina {row['ours_avg_page'] / 1e3:.1f} KB")
        for size in preview_sizes:
            log(f"Voorbeeld na een wijziging: {size}…")
            if size == "shipped":
                result = check_data(ROOT / "data", today=today)
                baseline = make_baseline(workdir / "baseline-shipped", result.toolbox, result.schemas, today=today)
                source = (ROOT / "data", baseline, result.toolbox, "shipped data")
            else:
                if int(size) not in made:
                    data = make_dataset(workdir / f"preview-data-{size}", int(size), today)
                    result = check_data(data, today=today)
                    made[int(size)] = {"data": data, "toolbox": result.toolbox, "baseline": make_baseline(
                        workdir / f"preview-baseline-{size}", result.toolbox, result.schemas, today=today)}
                found = made[int(size)]
                source = (found["data"], found["baseline"], found["toolbox"], "synthetic data")
            data, baseline, toolbox, label = source
            previews.append(measure_preview(label, data, baseline, toolbox, workdir / "previews", today,
                                            args.preview_rounds, starts=1 if args.smoke else 2))
            log(f"  ons {previews[-1]['ours_save_s']:.2f} s, Material {previews[-1]['material_save_s']:.2f} s, "
                f"--dirty {previews[-1]['dirty_save_s']:.2f} s; eerste pagina {previews[-1]['ours_first_s']:.1f} s")
        for size in finder_sizes:
            site = made.get(size, {}).get("site")
            if site is None:
                log(f"Bouwen voor de zoekpagina bij {size:,} interventies…")
                data = make_dataset(workdir / f"finder-data-{size}", size, today)
                site = workdir / f"finder-site-{size}"
                subprocess.run([sys.executable, "-m", "wegwijzer", "build", "--data", str(data), "--today",
                                today.isoformat(), "--out", str(site)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            log(f"Zoekpagina meten bij {size:,} interventies…")
            finders.append(measure_finder(site, size))
            log(f"  filter {finders[-1]['filter_ms']:.1f} ms, eerste zoekvraag {finders[-1]['first_query_ms']:.1f} ms, "
                f"later {finders[-1]['query_ms']:.1f} ms, {finders[-1]['gzip_bytes'] / 1e3:.0f} KB gzip")
        log("Editor meten (/admin/, één interventie tegelijk)…")
        editor = measure_editor(workdir, today, 120 if args.smoke else 1000)
        log(f"  interventie open in {editor['rows'][0]['open_s']:.2f} s, toetsaanslag {editor['rows'][0]['median_ms']:.1f} ms")
    text = report(builds, finders, started_at, time.perf_counter() - started, reference, editor, previews)
    notes = ""
    if args.output.is_file():
        previous = args.output.read_text(encoding="utf-8")
        for marker in (NOTES_MARKER, *OLD_NOTES_MARKERS):
            if marker in previous:
                notes = previous.split(marker, 1)[1]
                break
    args.output.write_text(f"{text}\n{NOTES_MARKER}{notes}", encoding="utf-8")
    log(f"Geschreven: {args.output}")
    print(text)
    return 0
