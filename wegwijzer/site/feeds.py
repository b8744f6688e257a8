"""Subscriptions: Atom feeds (news, what changed) and an iCalendar file (activities).

Professionals subscribe instead of re-reading the site. Every date in them
comes from the data or the history, never from the wall clock, so the same
commit gives the same files.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable, Optional
import icalendar

from ..core.clock import EDITORS_TIME_ZONE as AMSTERDAM

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)
# Characters XML 1.0 cannot hold at all (ElementTree writes them anyway, and the feed is then ill-formed).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable, unique within the feed: becomes the entry's id
    title: str
    day: dt.date
    link: str  # absolute where the site has an address, else relative to the feed
    summary: str  # plain text


def atom_feed(title: str, key: str, self_link: str, site_link: str, entries: Iterable[FeedEntry], *,
              author: str) -> bytes:
    """An Atom 1.0 feed, newest entry first; ``updated`` is the newest entry's day."""
    entries = sorted(entries, key=lambda e: (e.day, e.key), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    _text(feed, "id", f"urn:wegwijzer:{key}")
    _text(feed, "title", title)
    _text(feed, "updated", _stamp(entries[0].day if entries else dt.date(2000, 1, 1)))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_xml(self_link))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_xml(site_link))
    author_element = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author_element, "name", author)
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", f"urn:wegwijzer:{key}:{entry.key}")
        _text(item, "title", entry.title)
        _text(item, "updated", _stamp(entry.day))
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_xml(entry.link))
        _text(item, "summary", entry.summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = _xml(text)


def _xml(text: str) -> str:
    """Text a feed reader can parse: what XML cannot hold becomes U+FFFD (a title from the history or from
    data that never passed today's schema may contain it)."""
    return _NOT_XML.sub("\ufffd", text)


def _stamp(day: dt.date) -> str:
    """Midnight of ``day`` in Amsterdam, as RFC 3339."""
    return dt.datetime.combine(day, dt.time(), AMSTERDAM).isoformat()


@dataclass(frozen=True)
class CalendarEvent:
    key: str
    title: str
    start: dt.date | dt.datetime  # a datetime is Dutch local time
    end: Optional[dt.date | dt.datetime]
    summary: str
    place: str
    link: str


def icalendar_file(events: Iterable[CalendarEvent], stamp: dt.date, calendar_name: str) -> bytes:
    """An iCalendar (RFC 5545) file; ``stamp`` (the build's day) is every event's DTSTAMP."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{calendar_name}//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{calendar_name}: agenda")
    calendar.add("x-wr-timezone", AMSTERDAM.key)
    domain = re.sub(r"[^a-z0-9]+", "-", calendar_name.lower()).strip("-")  # a stable UID suffix
    for event in sorted(events, key=lambda e: (str(e.start), e.key)):
        item = icalendar.Event()
        item.add("uid", f"{event.key}@{domain}")
        item.add("dtstamp", dt.datetime.combine(stamp, dt.time(), dt.timezone.utc))
        item.add("dtstart", _local(event.start))
        if event.end is not None:
            item.add("dtend", _local(_exclusive_end(event.end)))
        item.add("summary", event.title)
        item.add("description", event.summary)
        if event.place:
            item.add("location", event.place)
        item.add("url", event.link)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _local(moment: dt.date | dt.datetime) -> dt.date | dt.datetime:
    return moment.replace(tzinfo=AMSTERDAM) if isinstance(moment, dt.datetime) else moment


def _exclusive_end(end: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """An all-day event's DTEND is the day after its last day (RFC 5545)."""
    return end if isinstance(end, dt.datetime) else end + dt.timedelta(days=1)
