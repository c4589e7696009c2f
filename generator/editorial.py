"""``community calendar``: what the content will do on its own in the next days, and where
nothing new is coming.

Everything is computed from the validated entries at build time, the same way the daily
publish build sees them: scheduled entries go live, job previews go public, roles close and
events take place. Drafts are left out (they never go live by themselves). A *gap* is a type
or a segment that has gone, or will go, ``GAP_DAYS`` days without anything new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from .content import Entry
from .entry_types import TYPES
from .fields import local_day
from .settings import Settings

GAP_DAYS = 30

# What happens, in the calendar's order on a day: code -> words for the text listing.
HAPPENINGS = {
    "publishes": "publishes",
    "preview_opens": "preview opens",
    "goes_public": "goes public",
    "event": "event",
    "closes": "last day to apply",
}


@dataclass(frozen=True)
class Item:
    day: date  # the calendar day it happens, in the entry's own time zone
    moment: datetime | None  # the exact moment when there is one (publication, event start)
    what: str  # a key of HAPPENINGS
    entry: Entry

    @property
    def sort_key(self) -> tuple:
        return (self.day, list(HAPPENINGS).index(self.what), self.entry.url)


@dataclass(frozen=True)
class Gap:
    stream: str  # "type" or "segment"
    id: str
    label: str
    last: date | None  # the newest entry before the quiet spell (None: never had one)
    quiet_from: date | None  # the first day with nothing new for GAP_DAYS days
    next: date | None  # the next scheduled entry after it, if any


@dataclass(frozen=True)
class Calendar:
    now: datetime
    days: int
    items: list[Item]
    gaps: list[Gap]

    @property
    def until(self) -> datetime:
        return self.now + timedelta(days=self.days)


def editorial_calendar(
    entries: Iterable[Entry], settings: Settings, now: datetime, days: int = 30
) -> Calendar:
    kept = [entry for entry in entries if not entry.fields.draft]
    until = now + timedelta(days=days)
    items = sorted((item for entry in kept for item in _items(entry, now, until)),
                   key=lambda item: item.sort_key)
    return Calendar(now, days, items, list(_gaps(kept, settings, now, until)))


def _items(entry: Entry, now: datetime, until: datetime) -> Iterator[Item]:
    """What the entry does by itself between now and until: its type says (entry_types.py)."""
    for day, moment, what in TYPES[entry.kind].milestones(entry, now, until):
        yield Item(day, moment, what, entry)


def _news_days(entry: Entry, zone: tzinfo) -> set[date]:
    """The days (on the site's clock) an entry is news: its publication, and for a role
    previewed first, the day it goes public too (candidates outside the community see it then
    for the first time)."""
    published = local_day(entry.fields.date, zone)
    days = {published}
    public_on = getattr(entry.fields, "public_on", None)
    if public_on is not None and public_on > published:
        days.add(public_on)
    return days


def _streams(entries: list[Entry],
             settings: Settings) -> Iterator[tuple[str, str, str, list[date]]]:
    """(stream, id, label, publication days) of every type, then every declared segment."""
    by_kind: dict[str, set[date]] = defaultdict(set)
    by_segment: dict[str, set[date]] = defaultdict(set)
    for entry in entries:  # one pass: the cost grows with the entries, not entries x streams
        for day in _news_days(entry, settings.zone):
            by_kind[entry.kind].add(day)
            for segment_id in entry.fields.segments:
                by_segment[segment_id].add(day)
    for kind in TYPES:
        yield "type", kind, TYPES[kind].title, sorted(by_kind[kind])
    for axis in settings.segments.values():
        for segment_id, label in axis.values.items():
            yield "segment", segment_id, label, sorted(by_segment[segment_id])


def _gaps(entries: list[Entry], settings: Settings, now: datetime,
          until: datetime) -> Iterator[Gap]:
    today, last_day = now.date(), until.date()
    for stream, stream_id, label, days in _streams(entries, settings):
        past = [day for day in days if day <= today]
        coming = [day for day in days if today < day <= last_day]
        yield from _quiet_spells(stream, stream_id, label, past[-1] if past else None, coming,
                                 last_day)


def _quiet_spells(stream: str, stream_id: str, label: str, last: date | None,
                  coming: list[date], last_day: date) -> Iterator[Gap]:
    """Every stretch of GAP_DAYS days without anything new that reaches into the window."""
    if last is None:
        yield Gap(stream, stream_id, label, None, None, coming[0] if coming else None)
        return
    for upcoming in [*coming, None]:
        quiet_from = last + timedelta(days=GAP_DAYS)
        if quiet_from <= last_day and (upcoming is None or upcoming > quiet_from):
            yield Gap(stream, stream_id, label, last, quiet_from, upcoming)
        if upcoming is None:
            return
        last = upcoming


# ------------------------------------------------------------------------------ output


def as_json(calendar: Calendar) -> dict[str, Any]:
    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "from": calendar.now.isoformat(),
        "until": calendar.until.isoformat(),
        "days": calendar.days,
        "gap_days": GAP_DAYS,
        "items": [{
            "date": item.day.isoformat(),
            "moment": item.moment.isoformat() if item.moment else None,
            "what": item.what,
            "type": item.entry.kind,
            "title": item.entry.title,
            "url": item.entry.path,
            "path": item.entry.shown_path,
        } for item in calendar.items],
        "gaps": [{
            "stream": gap.stream, "id": gap.id, "label": gap.label, "last": day(gap.last),
            "quiet_from": day(gap.quiet_from), "next": day(gap.next),
        } for gap in calendar.gaps],
    }


def as_text(calendar: Calendar) -> str:
    start, until = calendar.now, calendar.until
    zone = getattr(start.tzinfo, "key", None) or (  # the site's clock
        start.strftime("UTC%z") if start.utcoffset() else "UTC")
    lines = [f"Editorial calendar from {start:%Y-%m-%d %H:%M} {zone} to {until:%Y-%m-%d} "
             f"(the next {calendar.days} days)", ""]
    if not calendar.items:
        lines.append("Nothing is scheduled, opens, closes or takes place in these days.")
    for item in calendar.items:
        when = f"{item.day:%a %Y-%m-%d}"
        if item.what == "event":
            when += f" {item.moment:%H:%M} (UTC{item.moment:%z})"
        lines.append(f"{when:<36} {HAPPENINGS[item.what]:<18} {item.entry.kind:<11} "
                     f"{item.entry.title}  [{item.entry.shown_path}]")
    lines += ["", f"Gaps: nothing new for {GAP_DAYS} days"]
    if not calendar.gaps:
        lines.append(f"  none: every type and segment gets something new within {GAP_DAYS} days")
    lines += [f"  {_gap_text(gap, calendar.now.date())}" for gap in calendar.gaps]
    return "\n".join(lines)


def _gap_text(gap: Gap, today: date) -> str:
    name = f"{gap.stream} {gap.id}" + (f" ({gap.label})" if gap.label != gap.id else "")
    after = f"next: {gap.next}" if gap.next else "nothing scheduled"
    if gap.last is None or gap.quiet_from is None:
        return f"{name}: never had an entry; {after}"
    if gap.quiet_from <= today:
        return f"{name}: nothing new since {gap.last} ({(today - gap.last).days} days); {after}"
    return f"{name}: last new {gap.last}, quiet from {gap.quiet_from}; {after}"
