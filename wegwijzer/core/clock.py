"""The one clock: what "today" is, decided once at each program boundary.

Library code never reads the wall clock; it is handed ``today``. Command-line
programs and the MkDocs hook resolve it here, in this order:

1. an explicit value (``--today JJJJ-MM-DD``),
2. the environment variable ``WEGWIJZER_TODAY`` (tests set it once for every
   subprocess they start; CI can pin a build to a day),
3. the current date in Europe/Amsterdam, where the editors work: a pull request
   made just after midnight must not be judged by a UTC runner's yesterday.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping, Optional
from zoneinfo import ZoneInfo

from .problems import WegwijzerError

ENVIRONMENT_VARIABLE = "WEGWIJZER_TODAY"
EDITORS_TIME_ZONE = ZoneInfo("Europe/Amsterdam")


class ClockError(WegwijzerError, ValueError):
    """A ``today`` that is not a date; the message is Dutch because editors see it."""


def parse_day(text: str, *, what: str = "datum") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(f"{what} `{text}` is geen datum in de vorm JJJJ-MM-DD") from None


def resolve_today(explicit: Optional[str] = None, environ: Mapping[str, str] = os.environ,
                  now: Optional[dt.datetime] = None) -> dt.date:
    """The date a program run works with (see the module docstring for the order)."""
    if explicit:
        return parse_day(explicit, what="--today")
    if environ.get(ENVIRONMENT_VARIABLE):
        return parse_day(environ[ENVIRONMENT_VARIABLE], what=ENVIRONMENT_VARIABLE)
    return now_in_amsterdam(now).date()


def day_of(epoch_seconds: int) -> dt.date:
    """The Amsterdam calendar day of a Unix time (a commit's time, for example)."""
    return dt.datetime.fromtimestamp(epoch_seconds, dt.timezone.utc).astimezone(EDITORS_TIME_ZONE).date()


def now_in_amsterdam(now: Optional[dt.datetime] = None) -> dt.datetime:
    """The current moment in Europe/Amsterdam, for a program boundary that must stamp a report."""
    moment = now if now is not None else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(EDITORS_TIME_ZONE)
