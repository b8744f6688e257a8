"""Dates as the data holds them (sometimes only a year or a month) and as Dutch readers read them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
# The years a date in the data can have: wider than any source or activity, narrow enough that 9999-12-31
# (which has no next day) or a news item "from" 2099 is a typing error, not a page.
FIRST_YEAR, LAST_YEAR = 1800, 2100
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WRITTEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$")


def date_problem(text: str) -> Optional[str]:
    """Why a date as the data writes it (JJJJ, JJJJ-MM, JJJJ-MM-DD, JJJJ-MM-DDTUU:MM) names no moment we can
    publish, in Dutch; None when it does, or when it is not written as a date at all (the schema says so)."""
    match = _WRITTEN.match(text)
    if not match:
        return None
    year, month, day, hour, minute = (int(part) if part else None for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"`{text}` ligt niet tussen {FIRST_YEAR} en {LAST_YEAR}; controleer het jaar"
    if month is not None and not 1 <= month <= 12:
        return f"`{text}` is geen bestaande datum: een maand is 01 tot en met 12"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        days = calendar.monthrange(year, month)[1]
        return f"`{text}` is geen bestaande datum: {MONTHS[month - 1]} {year} heeft {days} dagen"
    if hour is not None and not (hour < 24 and minute < 60):
        return f"`{text}` is geen bestaande tijd: schrijf UU:MM van 00:00 tot en met 23:59"
    return None


def earliest_day(text: str) -> Optional[dt.date]:
    """The first day a date as the data writes it can mean ("2023" → 1 January 2023); None if it names none."""
    match = _WRITTEN.match(text)
    if not match or date_problem(text):
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups()[:3])
    return dt.date(year, month, day)
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
