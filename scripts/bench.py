#!/usr/bin/env python3
"""Benchmark: validation, build and finder at 100, 1,000 and 10,000 interventions.

Everything is measured side by side in one run (runs interleaved, medians
reported) because this machine is noisy; ratios matter more than seconds.

* Datasets: the shipped reference data (partners, themes, factors, barrier
  model, ...) plus synthetic interventions cloned from the real ones, with
  their text lengths, facets and cross-references, up to N in total.
* Baseline: plain MkDocs + Material, same theme settings, building N
  hand-written Markdown pages with the same text (not in the nav either).
* Finder: headless Chromium times one filter change and one text query, and
  counts the bytes the finder page loads.

Usage: scripts/bench.py [--sizes 100,1000,10000] [--finder-sizes 1000,5000] [--repeat 2]
                        [--output BENCHMARKS.md] [--smoke]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import platform
import random
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wegwijzer import check_data  # noqa: E402
from wegwijzer.model import Intervention, Toolbox  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner on every build
# Everything after this line in BENCHMARKS.md is hand-written (profiles, decisions) and kept on rewrite.
NOTES_MARKER = "<!-- notes: kept by scripts/bench.py -->\n"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def log(message: str) -> None:
    print(message, flush=True)


# ---------------------------------------------------------------------------
# Synthetic data
# ---------------------------------------------------------------------------


def make_dataset(target: Path, size: int, seed: int = 7) -> Path:
    """Real data plus synthetic national interventions, ``size`` interventions in total."""
    shutil.copytree(ROOT / "data", target)
    real = check_data(target).toolbox
    assert real is not None, "the shipped data must be valid"
    templates = list(real.interventions.values())
    extra = max(0, size - len(templates))
    rng = random.Random(seed)
    themes, factors, steps = list(real.themes), list(real.factors), list(real.steps)
    entries = []
    for number in range(extra):
        base = rng.choice(templates)
        entries.append(_clone(base, number, rng, themes, factors, steps))
    path = target / "interventions.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(_as_list_items(entries))
    return target


def _as_list_items(entries: list[dict]) -> str:
    """Entries as YAML list items indented under the file's ``interventions:`` key."""
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))


def _clone(base: Intervention, number: int, rng: random.Random, themes, factors, steps) -> dict:
    entry = {
        "id": f"{base.id}-variant-{number}",
        "name": f"{base.name} (variant {number})",
        "summary": base.summary,
        "format": base.format,
        "target_groups": list(base.target_groups),
        "used_by": list(base.used_by),
        "prevention_levels": list(base.prevention_levels),
        "provider": base.provider.id,
        "themes": rng.sample(themes, k=min(len(themes), rng.randint(1, 3))),
        "factors": rng.sample(factors, k=min(len(factors), rng.randint(0, 4))),
        "barrier_steps": rng.sample(steps, k=rng.randint(0, 1)),
        "evidence": base.evidence,
        "links": [{"title": link.title, "url": link.url} for link in base.links],
        "last_reviewed": base.last_reviewed,
    }
    if base.age_min is not None or base.age_max is not None:
        entry["age"] = {k: v for k, v in (("min", base.age_min), ("max", base.age_max)) if v is not None}
    if base.delivery:
        entry["delivery"] = base.delivery
    return {k: v for k, v in entry.items() if v not in ([], None)}


# ---------------------------------------------------------------------------
# Baseline: plain Material with equivalent hand-written pages
# ---------------------------------------------------------------------------


def make_baseline(target: Path, toolbox: Toolbox) -> Path:
    docs = target / "docs"
    (docs / "interventies").mkdir(parents=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV [OFFLINE, false]", "false")
                            .replace("!!python/name:material.extensions.emoji.twemoji", "x")
                            .replace("!!python/name:material.extensions.emoji.to_svg", "x"))
    baseline = {
        "site_name": config["site_name"], "docs_dir": "docs", "use_directory_urls": True,
        "theme": {k: v for k, v in config["theme"].items() if k != "custom_dir"},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", {"toc": {"permalink": True}}],
        "nav": config["nav"],  # the same navigation, so Material renders the same chrome
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    for path in _nav_paths(config["nav"]):
        target_page = docs / path
        target_page.parent.mkdir(parents=True, exist_ok=True)
        target_page.write_text(f"# {Path(path).stem}\n\nOverzicht.\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(baseline, allow_unicode=True), encoding="utf-8")
    (docs / "index.md").write_text("# Start\n\n[Interventies](interventies/index.md)\n", encoding="utf-8")
    lines = ["# Interventies\n"]
    for intervention in toolbox.interventions.values():
        lines.append(f"- [{intervention.name}]({intervention.id}.md)")
        themes = ", ".join(t.name for t in intervention.themes)
        factors = ", ".join(f.name for f in intervention.factors)
        links = "\n".join(f"- [{link.title}]({link.url})" for link in intervention.links)
        page = (f"# {intervention.name}\n\n{intervention.summary}\n\n"
                f"- **Vorm:** {intervention.format}\n- **Aanbieder:** {intervention.provider.name}\n"
                f"- **Doelgroep:** {', '.join(intervention.target_groups)}\n- **Erkenning:** {intervention.evidence}\n\n"
                f"## Thema's\n\n{themes}\n\n## Factoren\n\n{factors}\n\n## Meer informatie\n\n{links}\n")
        (docs / "interventies" / f"{intervention.id}.md").write_text(page, encoding="utf-8")
    (docs / "interventies" / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _nav_paths(nav) -> list[str]:
    paths = []
    for item in nav:
        for value in item.values():
            paths += _nav_paths(value) if isinstance(value, list) else [value]
    return paths


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------


def timed(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def site_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    return sum(p.stat().st_size for p in files), (sum(p.stat().st_size for p in html) // max(len(html), 1))


def measure_build(size: int, workdir: Path, repeat: int) -> dict:
    data = make_dataset(workdir / f"data-{size}", size)
    result = check_data(data)
    toolbox = result.toolbox
    baseline = make_baseline(workdir / f"baseline-{size}", toolbox)
    ours_out, base_out = workdir / f"ours-site-{size}", workdir / f"base-site-{size}"
    env = dict(os.environ, WEGWIJZER_DATA=str(data), SOURCE_DATE_EPOCH="0")
    ours_times, base_times, validate_times = [], [], []
    for _ in range(repeat):  # interleaved: A B A B
        ours_times.append(timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(ours_out)], env))
        base_times.append(timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(base_out)],
                                cwd=baseline))
    for _ in range(max(repeat, 3)):
        started = time.perf_counter()
        check_data(data)
        validate_times.append(time.perf_counter() - started)
    ours_total, ours_page = site_size(ours_out)
    base_total, base_page = site_size(base_out)
    row = {
        "n": len(toolbox.interventions), "validate_s": statistics.median(validate_times),
        "ours_s": statistics.median(ours_times), "base_s": statistics.median(base_times),
        "ours_bytes": ours_total, "base_bytes": base_total, "ours_avg_page": ours_page, "base_avg_page": base_page,
        "ours_pages": sum(1 for _ in ours_out.rglob("*.html")),
    }
    row["ratio"] = row["ours_s"] / row["base_s"]
    shutil.rmtree(base_out, ignore_errors=True)
    shutil.rmtree(baseline, ignore_errors=True)
    return row | {"site": ours_out}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_finder(site: Path, n: int) -> dict:
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
            page.wait_for_selector("#finder:not([hidden])")
            load_s = time.perf_counter() - started
            timings = page.evaluate("""() => {
                const form = document.getElementById('finder');
                const box = form.querySelector('input[name=thema]');
                const q = document.getElementById('finder-q');
                // Each timing includes the style and layout work the change causes (forced by reading a size).
                const fire = (el, type) => { el.dispatchEvent(new Event(type, {bubbles: true})); void document.body.offsetHeight; };
                // warm-up: build the text index once, as the first keystroke would
                q.value = 'wapen'; fire(form, 'submit'); q.value = ''; fire(form, 'submit');
                const filter = [], query = [];
                for (let i = 0; i < 7; i++) {
                  box.checked = !box.checked;
                  let t = performance.now(); fire(box, 'change'); filter.push(performance.now() - t);
                  q.value = i % 2 ? 'ouders' : 'wapens';
                  t = performance.now(); fire(form, 'submit'); query.push(performance.now() - t);
                }
                const med = a => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
                return {filter_ms: med(filter), query_ms: med(query)};
            }""")
            browser.close()
        server.shutdown()
    raw = 0
    compressed = 0
    for resource in loaded:
        path = resource.split("127.0.0.1:", 1)[1].split("/", 1)[1].split("#")[0]
        file = site / (path or "index.html")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            content = file.read_bytes()
            raw += len(content)
            compressed += len(gzip.compress(content, 6))
    return {"n": n, **timings, "load_s": load_s, "bytes": raw, "gzip_bytes": compressed, "requests": len(loaded)}


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


def report(builds: list[dict], finders: list[dict], started: str, elapsed: float) -> str:
    lines = [
        "# Benchmarks", "",
        f"Written by `scripts/bench.py` on {started} ({elapsed / 60:.1f} min). Builds are interleaved (ours, baseline, "
        "ours, baseline, …) and the median is reported; compare the ratios, not the seconds, on a noisy machine.", "",
        versions(), "",
        "## Build and validation", "",
        "| interventions | validation | our build | plain Material | ours / baseline | our site | baseline site | avg. page (ours / baseline) | pages |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in builds:
        lines.append(f"| {r['n']:,} | {r['validate_s']:.2f} s | {r['ours_s']:.1f} s | {r['base_s']:.1f} s | {r['ratio']:.2f} | "
                     f"{r['ours_bytes'] / 1e6:.1f} MB | {r['base_bytes'] / 1e6:.1f} MB | "
                     f"{r['ours_avg_page'] / 1e3:.1f} KB / {r['base_avg_page'] / 1e3:.1f} KB | {r['ours_pages']:,} |")
    by_n = {r["n"]: r for r in builds}
    if len(builds) >= 2:
        small, large = builds[-2], builds[-1]
        growth = large["ours_s"] / small["ours_s"]
        lines += ["", f"Growth of our build from {small['n']:,} to {large['n']:,} interventions: "
                      f"{growth:.1f}× for {large['n'] / small['n']:.1f}× the entries."]
    lines += ["", "## Finder (headless Chromium)", "",
              "| interventions | one filter change (script + layout) | one text query (script + layout) | page load | bytes loaded (raw / gzip) | requests |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for f in finders:
        lines.append(f"| {f['n']:,} | {f['filter_ms']:.1f} ms | {f['query_ms']:.1f} ms | {f['load_s']:.2f} s | "
                     f"{f['bytes'] / 1e3:.0f} KB / {f['gzip_bytes'] / 1e3:.0f} KB | {f['requests']} |")
    lines += ["", "## Targets", ""]
    lines += targets(by_n, {f["n"]: f for f in finders})
    return "\n".join(lines) + "\n"


def targets(builds: dict, finders: dict) -> list[str]:
    rows = []

    def check(name, ok, value):
        rows.append(f"- {'✅' if ok else '❌'} {name}: {value}")

    if builds:
        thousand = min(builds.values(), key=lambda r: abs(r["n"] - 1000))
        check("build overhead over plain Material ≤ 15 % at ~1,000", thousand["ratio"] <= 1.15,
              f"{(thousand['ratio'] - 1) * 100:+.0f} % at {thousand['n']:,}")
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
        if n <= 1000:
            check(f"finder page for {n:,} ≤ 400 KB transferred (gzip)", f["gzip_bytes"] <= 400_000,
                  f"{f['gzip_bytes'] / 1e3:.0f} KB gzip, {f['bytes'] / 1e3:.0f} KB raw")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--finder-sizes", default="1000,5000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--smoke", action="store_true", help="tiny run for tests: sizes 80, finder 80, one repeat")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.finder_sizes, args.repeat = "80", "80", 1
    sizes = [int(s) for s in args.sizes.split(",") if s]
    finder_sizes = [int(s) for s in args.finder_sizes.split(",") if s]
    started_at = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    started = time.perf_counter()
    builds, finders = [], []
    with tempfile.TemporaryDirectory(prefix="wegwijzer-bench-") as temp:
        workdir = Path(temp)
        sites = {}
        for size in sizes:
            log(f"Bouwen en valideren bij {size:,} interventies…")
            row = measure_build(size, workdir, args.repeat)
            sites[size] = row.pop("site")
            builds.append(row)
            log(f"  validatie {row['validate_s']:.2f} s, build {row['ours_s']:.1f} s vs {row['base_s']:.1f} s "
                f"(×{row['ratio']:.2f}), gem. pagina {row['ours_avg_page'] / 1e3:.1f} KB")
        for size in finder_sizes:
            site = sites.get(size)
            if site is None:
                log(f"Bouwen voor de zoekpagina bij {size:,} interventies…")
                data = make_dataset(workdir / f"finder-data-{size}", size)
                site = workdir / f"finder-site-{size}"
                subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                               env=dict(os.environ, WEGWIJZER_DATA=str(data)), check=True)
            log(f"Zoekpagina meten bij {size:,} interventies…")
            finders.append(measure_finder(site, size))
            log(f"  filter {finders[-1]['filter_ms']:.1f} ms, zoeken {finders[-1]['query_ms']:.1f} ms, "
                f"{finders[-1]['gzip_bytes'] / 1e3:.0f} KB gzip")
    text = report(builds, finders, started_at, time.perf_counter() - started)
    notes = ""
    if args.output.is_file() and NOTES_MARKER in args.output.read_text(encoding="utf-8"):
        notes = args.output.read_text(encoding="utf-8").split(NOTES_MARKER, 1)[1]
    args.output.write_text(f"{text}\n{NOTES_MARKER}{notes}", encoding="utf-8")
    log(f"Geschreven: {args.output}")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
