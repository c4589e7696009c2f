"""Calendars (.ics, RFC 5545) via icalendar: one to subscribe to, and one per event.

- ``events/calendar.ics``: upcoming events and those that ended in the last 90 days, so that
  a subscribed calendar keeps recent events instead of seeing them vanish the day after.
- ``events/<slug>/<slug>.ics``: one event, behind the "Add to calendar" link of its page. It
  lives in the event's own page directory, so no slug can collide with ``calendar.ics``.

UIDs come from the slug and the site's address (stable across builds and edits); DTSTAMP is
the build time, never the clock. An event with a ``timezone`` is written in that zone (TZID,
with its VTIMEZONE); one without is written in UTC, because a bare offset has no rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from icalendar import Calendar, Event, vDuration

from .content import Entry, State
from .i18n import Translator
from .model import EventFormat
from .settings import Organization, Site

CALENDAR_PATH = "events/calendar.ics"
RECENT = timedelta(days=90)
PRODID = "-//talent-community//community calendar//EN"
REFRESH = timedelta(days=1)  # the site is rebuilt daily by cron


def event_ics_path(entry: Entry) -> str:
    """Path from the site root of an event's own .ics file."""
    return f"{entry.url}{entry.slug}.ics"


def event_uid(site: Site, entry: Entry) -> str:
    """``<slug>@<host>``, with the project path when the site has one (two Pages sites of
    one account share a host); the site's, not its language's: one event, one UID."""
    parts = urlsplit(site.root_url)
    path = parts.path.strip("/").replace("/", ".")
    local = f"{entry.slug}.{path}" if path else entry.slug
    return f"{local}@{parts.hostname or 'localhost'}"


def webcal_url(site: Site) -> str:
    """The subscription calendar as a ``webcal:`` link: calendar apps subscribe to it (and
    keep it up to date) instead of importing one copy, as an https link to a .ics does."""
    parts = urlsplit(site.url + CALENDAR_PATH)
    return urlunsplit(parts._replace(scheme="webcal"))


def sequence(entry: Entry) -> int:
    """SEQUENCE, RFC 5545: grows with every revision, so a calendar that imported the event
    replaces its copy instead of ignoring the new file or keeping both.

    A static build keeps no history, and the same content must give the same bytes, so the
    revision is read from the content itself: the minutes from ``date`` to ``updated``
    (0 before any update). Setting ``updated`` when an event moves, as the editors' guide
    asks, makes it grow; the build clock never does.
    """
    fields = entry.fields
    if fields.updated is None:
        return 0
    return max(0, int((fields.updated - fields.date).total_seconds() // 60))


@dataclass(frozen=True)
class AddToCalendar:
    """The "Add to calendar" choices of an upcoming event's page."""

    ics: str  # path from the site root of its own .ics file
    google: str  # Google Calendar's event template, times as UTC instants
    outlook: str  # Outlook on the web's compose deep link, times as UTC instants


def _utc(moment: datetime, pattern: str) -> str:
    return moment.astimezone(UTC).strftime(pattern)


def add_to_calendar(entry: Entry, site: Site, t: Translator) -> AddToCalendar:
    fields = entry.event
    page = site.url + entry.url
    join = fields.join_url if entry.state == State.upcoming else None
    details, where = description(entry, join, page, t), location(entry, join, t)
    start, end = fields.start, fields.ends
    google = urlencode({
        "action": "TEMPLATE", "text": fields.title,
        "dates": f"{_utc(start, '%Y%m%dT%H%M%SZ')}/{_utc(end, '%Y%m%dT%H%M%SZ')}",
        "details": details, "location": where})
    outlook = urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": fields.title,
        "startdt": _utc(start, "%Y-%m-%dT%H:%M:%SZ"), "enddt": _utc(end, "%Y-%m-%dT%H:%M:%SZ"),
        "body": details, "location": where})
    return AddToCalendar(
        ics=event_ics_path(entry),
        google=f"https://calendar.google.com/calendar/render?{google}",
        outlook=f"https://outlook.live.com/calendar/0/deeplink/compose?{outlook}")


def description(entry: Entry, join: str | None, page: str, t: Translator) -> str:
    lines = [entry.summary] if entry.summary else []
    if join:
        lines.append(t("calendar.join", url=join))
    lines.append(t("calendar.details", url=page))
    return "\n\n".join(lines)


def location(entry: Entry, join: str | None, t: Translator) -> str:
    """The venue; for an online event its join link (else just "Online")."""
    fields = entry.event
    venue = fields.venue
    if fields.format != EventFormat.online and venue is not None:
        return ", ".join(part for part in (venue.name, venue.address) if part)
    return join or t("format.online")


def calendar_files(events: Iterable[Entry], site: Site, now: datetime,
                   t: Translator, organization: Organization | None = None) -> dict[str, bytes]:
    """Every calendar file of the site: path from the site root -> bytes.

    ``t``: the build's translator (with the site's own strings). A language of a site in
    several (``site`` its own) has its calendars under its path, with every event it shows;
    an event's UID is the same in every language: it is one event."""
    built = sorted((e for e in events if e.state in (State.upcoming, State.past)),
                   key=lambda e: (e.event.start, e.url))
    writer = CalendarWriter(site, now, t, organization)
    recent = [e for e in built if e.event.ends >= now - RECENT]
    prefix = site.language_path
    files = {prefix + CALENDAR_PATH: writer.calendar(recent, subscription=True)}
    for entry in built:
        files[prefix + event_ics_path(entry)] = writer.calendar([entry], subscription=False)
    return files


class CalendarWriter:
    def __init__(self, site: Site, now: datetime, t: Translator,
                 organization: Organization | None = None) -> None:
        self.site = site
        self.now = now.astimezone(UTC)
        self.t = t
        self.organization = organization

    def calendar(self, entries: list[Entry], *, subscription: bool) -> bytes:
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        if subscription:
            name = self.t("calendar.name", site=self.site.name)
            cal.add("name", name)
            cal.add("x-wr-calname", name)
            cal.add("url", self.site.url + CALENDAR_PATH)
            cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
            # Outlook's name for REFRESH-INTERVAL
            cal.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
        for entry in entries:
            cal.add_component(self.event(entry))
        if entries:
            first, last = _years(entries)
            cal.add_missing_timezones(first_date=first, last_date=last)
            # icalendar adds them in set order (random per process): sort them by TZID.
            cal.subcomponents.sort(key=lambda c: (c.name != "VTIMEZONE", str(c.get("TZID"))))
        return cal.to_ical()

    def event(self, entry: Entry) -> Event:
        fields = entry.event
        zone = fields.zone or UTC
        page = self.site.url + entry.url
        join = fields.join_url if entry.state == State.upcoming else None
        event = Event()
        event.add("uid", event_uid(self.site, entry))
        event.add("dtstamp", self.now)
        event.add("dtstart", fields.start.astimezone(zone))
        event.add("dtend", fields.ends.astimezone(zone))
        event.add("summary", fields.title)
        event.add("description", description(entry, join, page, self.t))
        event.add("location", location(entry, join, self.t))
        event.add("sequence", sequence(entry))
        org = self.organization
        if org is not None and org.email:
            # ORGANIZER is an address people can write to (RFC 5545 3.8.4.3): only with one.
            event.add("organizer", f"mailto:{org.email}", parameters={"CN": org.name})
        event.add("url", page)
        event.add("status", "CONFIRMED")
        event.add("created", fields.date.astimezone(UTC))
        event.add("last-modified", (fields.updated or fields.date).astimezone(UTC))
        if join and fields.format != EventFormat.in_person:
            # RFC 7986: calendar apps show a "join" button for it.
            event.add("conference", join, parameters={
                "VALUE": "URI", "FEATURE": "VIDEO", "LABEL": self.t("event.join")})
        return event


def _years(entries: list[Entry]) -> tuple[date, date]:
    """Time zone rules only for the events' years (a margin before), not 1970-2038."""
    first = min(e.event.start for e in entries)
    last = max(e.event.ends for e in entries)
    return date(first.year - 1, 12, 1), date(last.year + 1, 1, 1)
