"""What a listing card shows of an entry, as plain data: picture, badges, the facts a
candidate scans, and the values the jobs and events filters match on.

Templates only place these; the rules (which picture, which city, which badge) live here so
that home sections, type, segment and tag listings show an entry the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .community import tag_slug
from .content import Entry, State
from .entry_types import TYPES
from .i18n import Translator
from .model import EventFormat, remote_area
from .settings import Settings
from .structured_data import job_address, venue_address

# States a candidate must see on a card; "live" news and stories need no badge.
BADGED_STATES = (State.draft, State.preview, State.open, State.closed, State.upcoming, State.past)


@dataclass(frozen=True)
class Picture:
    src: str  # as written by the editor: a path inside content/ or an https URL
    alt: str
    portrait: bool  # a person's photo: shown round, on a tinted ground


@dataclass(frozen=True)
class Option:
    value: str  # what the URL carries: ?location=berlin
    label: str


@dataclass
class Card:
    entry: Entry
    picture: Picture | None
    facts: list[str]
    # filter key -> the option values this entry matches (a role may be in two cities)
    matches: dict[str, list[Option]] = field(default_factory=dict)
    day: str = ""  # events: the date badge, in the event's own zone
    month: str = ""
    when: tuple[str, str] | None = None  # events: (ISO moment, the full date) on top of facts
    dated: bool = False  # its facts are its publication date (news, spotlights, stories)

    badge: str = ""  # the state badge's text; "" for states that need none

    @property
    def state_badge(self) -> bool:
        return bool(self.badge)

    def data(self, key: str) -> str:
        """The space-separated values of one filter, for a data-* attribute."""
        return " ".join(option.value for option in self.matches.get(key, []))


def job_city(location: str, language: str) -> str:
    """``Berlin, Germany`` -> ``Berlin``; ``Remote (EU)`` stays whole: it is the place."""
    if remote_area(location) is not None:
        return location.strip()
    return job_address(location, language).get("addressLocality") or location.strip()


def event_city(entry: Entry, t: Translator) -> str:
    """The city of an event's venue ("" when its address names none); "Online" without one."""
    event = entry.event
    if event.format == EventFormat.online or event.venue is None:
        return t("format.online")
    city = venue_address(event.venue.address, t.language).get("addressLocality") \
        if event.venue.address else None
    return _common_name(str(city)) if city else ""


def _common_name(city: str) -> str:
    """A Chinese city as it is spoken of: 上海市 -> 上海 (市, "city", ends its formal name)."""
    return city[:-1] if city.endswith("市") and len(city) > 2 else city


def _option(label: str) -> Option:
    return Option(tag_slug(label), label)


class Places:
    """A city (or a team) as a filter option: one value per city in every language.

    A city that a declared segment names (its id, or its label in any language: Shanghai,
    上海) is that segment: the segment's id as the value (``?city=shanghai`` in every
    language) and its label in the page's language (``languages: zh: labels:``). Any other
    city is its own name. The same city written in two languages (an English address and a
    Chinese one) so becomes one choice."""

    def __init__(self, settings: Settings) -> None:
        self.segments: dict[str, str] = {}  # a name, casefolded -> the segment id
        labels = [language.labels for language in settings.languages.values()]
        for axis in settings.segments.values():
            for segment, label in axis.values.items():
                for name in (segment, label, *(found.get(segment, "") for found in labels)):
                    if name:
                        self.segments.setdefault(name.casefold(), segment)
        self.label = settings.segment_label

    def __call__(self, city: str) -> Option:
        segment = self.segments.get(city.casefold())
        return Option(segment, self.label(segment)) if segment else _option(city)


def _local(moment: datetime, entry: Entry) -> datetime:
    zone = entry.event.zone
    return moment.astimezone(zone) if zone is not None else moment


class CardMaker:
    """Builds each entry's card once per build (home and listings reuse it)."""

    def __init__(self, t: Translator, salary: object, settings: Settings) -> None:
        self.t = t
        self.salary = salary  # PageRenderer.salary: a Salary -> "€65,000 – €80,000 per year"
        self.place = Places(settings)  # the settings of the page's language
        self._cards: dict[int, Card] = {}

    def __call__(self, entry: Entry) -> Card:
        card = self._cards.get(id(entry))
        if card is None:
            card = self._cards[id(entry)] = self._make(entry)
        return card

    def _make(self, entry: Entry) -> Card:
        maker = TYPES[entry.kind].card  # entry_types.py: one of the methods below, or none
        card = getattr(self, maker)(entry) if maker else Card(
            entry, _picture(entry), [self.t.date(entry.fields.date)], dated=True)
        card.badge = self._badge(entry)
        return card

    def _badge(self, entry: Entry) -> str:
        if entry.state not in BADGED_STATES:
            return ""
        if entry.state == State.preview and entry.job.public_on:
            # The date is the point of a preview: when candidates can apply.
            return self.t("state.preview", date=self.t.date(entry.job.public_on))
        return self.t(f"badge.{entry.state.value}")

    def job_card(self, entry: Entry) -> Card:
        job, t = entry.job, self.t
        cities = list(dict.fromkeys(job_city(place, t.language) for place in job.locations))
        facts = [job.team, " · ".join(cities), t(f"workplace.{job.workplace.value}")]
        if job.salary:
            facts.append(self.salary(job.salary))  # type: ignore[operator]
        if job.closes and entry.state in (State.open, State.preview):
            facts.append(t("card.closes", date=t.date(job.closes, "medium")))
        matches = {
            "team": [self.place(job.team)],  # a team a segment names: its label too
            "location": list({option.value: option for option in map(self.place, cities)}
                             .values()),
            "workplace": [Option(job.workplace.value, t(f"workplace.{job.workplace.value}"))],
            "state": [Option(entry.state.value, t(f"filter.state.{entry.state.value}"))],
        }
        return Card(entry, _picture(entry), [f for f in facts if f], matches)

    def event_card(self, entry: Entry) -> Card:
        event, t = entry.event, self.t
        start = _local(event.start, entry)
        city = event_city(entry, t)
        when = t("event.time_in_zone", time=t.time(start), zone=t.zone_label(start, event.zone))
        # The card names the venue when its address gives no city; the city filter never
        # takes a venue's name for a city (such an event shows under "All cities" only).
        place = city or (event.venue.name if event.venue else "")
        facts = [t("card.starts", time=when), *([place] if place else [])]
        matches = {
            "state": [Option(entry.state.value, t(f"filter.state.{entry.state.value}"))],
            "format": [Option(event.format.value, t(f"format.{event.format.value}"))],
            "city": [self._city(entry, city)] if city else [],
        }
        return Card(entry, _picture(entry), facts, matches,
                    day=start.strftime("%d").lstrip("0"), month=t.day_there(start, "MMM"),
                    when=(event.start.isoformat(), t.day_there(start, "full")))

    def _city(self, entry: Entry, city: str) -> Option:
        """The city filter's choice: online events share one in every language."""
        online = entry.event.format == EventFormat.online or entry.event.venue is None
        return Option(EventFormat.online.value, city) if online else self.place(city)


def _picture(entry: Entry) -> Picture | None:
    fields = entry.fields
    if fields.image:
        return Picture(fields.image, fields.image_alt or "", portrait=False)
    person = getattr(fields, "member", None) or getattr(fields, "employee", None)
    if person is not None and person.photo:
        return Picture(person.photo, person.photo_alt or "", portrait=True)
    return None


def filter_options(cards: list[Card], key: str) -> list[Option]:
    """Every value of one filter among ``cards``, by label, each once."""
    found: dict[str, Option] = {}
    for card in cards:
        for option in card.matches.get(key, []):
            found.setdefault(option.value, option)
    return sorted(found.values(), key=lambda option: option.label.casefold())
