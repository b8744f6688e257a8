"""A small smoke run of the benchmark (the real numbers live in BENCHMARKS.md)."""

from __future__ import annotations

import re

import subprocess
import sys

from conftest import ROOT
import pytest

pytestmark = pytest.mark.slow  # starts a server or the benchmark


def test_benchmark_smoke_run_writes_a_report(tmp_path):
    output = tmp_path / "BENCH.md"
    result = subprocess.run([sys.executable, "-m", "wegwijzer_dev.cli", "bench", "--smoke", "--output", str(output)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = output.read_text(encoding="utf-8")
    build_row = re.search(r"^\| (\d[\d,]*) \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) \|", report, re.M)
    assert build_row, report
    assert float(build_row.group(3)) > 0 and float(build_row.group(4)) > 0
    # The baseline builds the same pages as ours (last column: pages ours / baseline).
    row = report[build_row.start():].splitlines()[0]
    ours, baseline = re.search(r"\| ([\d,]+) / ([\d,]+) \|$", row).groups()
    assert ours == baseline, row
    finder_row = re.search(r"^\| [\d,]+ \| ([\d.]+) ms \| ([\d.]+) ms \| ([\d.]+) ms \|", report, re.M)
    assert finder_row, report  # a filter change, the first text query after load, a later one
    saved = re.search(r"^\| a save → the page shows it, .* \| ×([\d.]+) \| ×([\d.]+) \| \*\*([\d.]+) s\*\* \| "
                      r"([\d.]+) s \| ([\d.]+) s \|$", report, re.M)
    assert saved and all(float(value) > 0 for value in saved.groups()), report  # ours beside plain Material
    assert re.search(r"^\| full build with the history read, ", report, re.M), report
    editor_row = re.search(r"^\| Interventies \| [\d,]+ \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) ms / ([\d.]+) ms \|$",
                           report, re.M)
    assert editor_row and float(editor_row.group(2)) > 0 and float(editor_row.group(3)) > 0, report
    assert "## Targets" in report and "Machine:" in report
