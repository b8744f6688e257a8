"""Dates as the data holds them (sometimes only a year or a month) and as Dutch readers read them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEARS = re.compile(r"\b(19|20)\d{2}\b")


def latest_day(partial: Optional[str]) -> Optional[dt.date]:
    """The last day a partial date can mean ("2023" → 31 December 2023); None if it is not a date."""
    match = _PARTIAL.match(partial or "")
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            return dt.date(year, month, day)
        if month is not None:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 12, 31)
    except ValueError:
        return None


def period_end(period: Optional[str]) -> Optional[dt.date]:
    """The end of a period written as text ("2020–2022", "2023"): the last day of its last year."""
    years = [match.group(0) for match in _YEARS.finditer(period or "")]
    return latest_day(years[-1]) if years else None


def dutch_date(value) -> str:
    """"2026-11-23" → "23 november 2026"; "2023-05" → "mei 2023"; "2023" → "2023"."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    match = _PARTIAL.match(str(value or ""))
    if not match:
        return str(value or "")
    year, month, day = match.groups()
    if day:
        return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    if month:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


def dutch_moment(value: str) -> str:
    """"2023-09-28T14:00" → "28 september 2023, 14.00 uur"; a date alone as ``dutch_date``."""
    day, _, time = str(value).partition("T")
    return dutch_date(day) + (f", {time.replace(':', '.')} uur" if time else "")
