"""One clock: "today" is an input, resolved once at each program boundary in Europe/Amsterdam."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT, wegwijzer
from wegwijzer.core.clock import ClockError, resolve_today


def test_explicit_value_wins_then_the_environment_then_amsterdam():
    environ = {"WEGWIJZER_TODAY": "2030-05-06"}
    assert resolve_today("2031-01-02", environ) == dt.date(2031, 1, 2)
    assert resolve_today(None, environ) == dt.date(2030, 5, 6)
    just_after_midnight_in_amsterdam = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.timezone.utc)  # 00:30 CET
    assert resolve_today(None, {}, now=just_after_midnight_in_amsterdam) == dt.date(2026, 11, 24)
    summer = dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.timezone.utc)  # 00:30 CEST
    assert resolve_today(None, {}, now=summer) == dt.date(2026, 7, 1)


def test_a_date_that_is_not_a_date_is_a_dutch_error():
    with pytest.raises(ClockError, match="geen datum in de vorm JJJJ-MM-DD"):
        resolve_today("24-11-2026", {})
    result = wegwijzer("validate", "--today", "morgen")
    assert result.returncode == 2 and "`morgen` is geen datum" in result.stderr and "Traceback" not in result.stderr


def test_the_command_line_passes_today_down(minimal_copy):
    """A date one day after --today is in the future; on --today itself it is not."""
    path = minimal_copy / "themes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("last_reviewed: 2026-01-10", "last_reviewed: 2026-06-01", 1),
                    encoding="utf-8")
    assert wegwijzer("validate", "--data", str(minimal_copy), "--today", "2026-06-01").returncode == 0
    late = wegwijzer("validate", "--data", str(minimal_copy), "--today", "2026-05-31")
    assert late.returncode == 1 and "ligt in de toekomst (vandaag is 2026-05-31)" in late.stdout


def test_library_code_never_reads_the_wall_clock():
    """Only wegwijzer/clock.py may ask the machine what day it is."""
    offenders = []
    for path in sorted((ROOT / "wegwijzer").glob("*.py")) + sorted((ROOT / "hooks").glob("*.py")):
        if path.name == "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.localtime)\s*\(", text):
            offenders.append(path.name)
    assert offenders == []
