"""The site's files that are not pages: feeds, the calendar and the open data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from ..core import model as m
from ..core.changes import Change, describe, grouped_by_day
from ..core.dates import dutch_date
from ..core.kinds import KIND_BY_NAME
from ..core.schemas import SchemaSet
from ..core.textformat import plain_text
from .feeds import CalendarEvent, FeedEntry, atom_feed, icalendar_file
from .listings import Listings
from .opendata import CATALOGUE_SCHEMA, CC0, LICENCE_NAMES, SCHEMA_FOLDER, open_data_files, title_of_file
from .paths import CALENDAR_FILE, CHANGES_FEED, NEWS_FEED, SITE_PAGE, page_path, page_url


@dataclass(frozen=True)
class Publication:
    """Who publishes the site and where: printed in feeds, the open data and hand-outs."""

    site_name: str
    site_url: str = ""  # where the site is published; "" for a site without an address
    use_directory_urls: bool = True
    data_licence: str = CC0  # the open data's licence (a URL)

    @property
    def licence_name(self) -> str:
        return LICENCE_NAMES.get(self.data_licence, self.data_licence)

    @property
    def publisher(self) -> str:
        return f"Redactie {self.site_name}"

    def absolute(self, target: str) -> str:
        """A page or file's address for feeds: on the site's address if it has one, else from the site's root."""
        url = page_url(target, self.use_directory_urls) if target.endswith(".md") else target
        return self.site_url.rstrip("/") + "/" + url if self.site_url else url


class Outputs:
    """Feeds, calendar and open data of one toolbox."""

    def __init__(self, toolbox: m.Toolbox, schemas: SchemaSet, listings: Listings, publication: Publication,
                 changes: Optional[list[Change]], today: dt.date):
        self.toolbox, self.schemas, self.listings = toolbox, schemas, listings
        self.publication, self.changes, self.today = publication, changes, today

    def files(self) -> dict[str, str | bytes]:
        absolute, name = self.publication.absolute, self.publication.site_name
        files: dict[str, str | bytes] = {NEWS_FEED: atom_feed(
            f"{name}: nieuws", "nieuws", absolute(NEWS_FEED), absolute(KIND_BY_NAME["news"].overview_page),
            [FeedEntry(n.id, n.name, n.day, absolute(page_path(n)), plain_text(n.summary))
             for n in self.toolbox.news.values()], author=self.publication.publisher)}
        events = self.listings.dated_events
        if events:
            files[CALENDAR_FILE] = icalendar_file(
                [CalendarEvent(e.id, e.name, e.start, e.end, plain_text(e.summary), e.place or "",
                               absolute(page_path(e))) for e in events], stamp=self.today, calendar_name=name)
        if self.changes:
            changes_page, field_title = SITE_PAGE["changes"].path, self.listings.vocabulary.field_title
            files[CHANGES_FEED] = atom_feed(
                f"{name}: wat is er veranderd", "wijzigingen", absolute(CHANGES_FEED), absolute(changes_page),
                [FeedEntry(day.isoformat(), f"Wijzigingen op {dutch_date(day)}", day,
                           absolute(changes_page) + f"#d-{day.isoformat()}", describe(found, field_title))
                 for day, found in grouped_by_day(self.changes)], author=self.publication.publisher)
        files.update(self.open_data)
        return files

    @cached_property
    def open_data(self) -> dict[str, str]:
        if self.toolbox.dataset is None:
            return {}
        return open_data_files(self.toolbox.dataset, self.schemas, self.today, self.publication.site_url,
                               self.publication.publisher, self.publication.site_name, self.publication.data_licence)

    def open_data_list(self) -> list[tuple[str, str, int]]:
        """(path, title, size in kB) of the open-data files, for the Open data page."""
        return [(path, title_of_file(path), max(1, round(len(content.encode("utf-8")) / 1024)))
                for path, content in self.open_data.items() if not path.startswith(SCHEMA_FOLDER + "/")
                or path == CATALOGUE_SCHEMA]
