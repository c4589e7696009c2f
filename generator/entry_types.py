"""The entry types, each declared once: everything that makes news, a spotlight, a story, a
job preview or an event special.

Every stage iterates ``TYPES`` (in this order: the order of navigation, listings, feeds and
the field reference) and asks a type's declaration instead of testing its name: a new type is
one ``EntryType`` here (or ``register()`` from elsewhere) plus its model, its catalog strings
(``type.<kind>``, ``one.<kind>``, ``feed.about.<kind>``) and its ``facts/<kind>.html``
template; tests/test_entry_types.py adds one from the test file alone.

What a type declares (the behaviour that differs between types lives here, as small
functions of an entry, so no other module branches on a type's name):

- ``model``: the front-matter contract (model.py); ``model.kind`` is the folder under
  ``content/`` and the first part of every address; what each field is for is the string
  under it there (the JSON Schemas, the README and ``community new`` take it from there);
- ``title``: its English name in the README, the JSON Schemas and ``community new``;
- ``hints`` (what ``community new`` asks for in a required field), ``examples`` (the example
  value of an optional field), ``asked`` (optional fields ``community new`` writes as
  placeholders) and ``alias`` (the singular ``community new`` accepts);
- ``state``: a published entry's state at the build time (default: live; roles are in
  preview, open or closed, events upcoming or past: ARCHITECTURE.md, publication rules);
- ``order``: the order of its own listing (default: newest first);
- ``groups``, ``filters`` and ``empty``: the headed groups its listing is split into (by
  state), the filters over it, and what it says when empty;
- ``home``: its section on the home page (rank, size, which entries, heading, hero count);
- ``milestones``: the dated things ``community calendar`` lists for an entry;
- ``meta_line``: the one line of facts under an entry's title in the e-mail digest;
- ``search_terms``: words the site search must find an entry by that its text does not hold
  as one word (a role's workplace as the contract names it, its salary figures);
- ``card`` / ``feed_facts_template``: how its listing card is made and the template of the
  key facts on top of its feed items;
- ``jsonld``: which ``StructuredData`` builder describes an entry in each state;
- ``form``: which ``SignupForms`` builder gives an entry's page its own form;
- ``calendar``: its entries are events with a time: they go into the iCalendar files (and
  its listing offers the calendar subscription);
- ``ats_import``: ``community import`` writes the roles of an applicant tracking system as
  entries of this type (at most one type; its model has the role fields the import writes,
  ``ats.sync.IMPORTED``: a subclass of ``JobFields``);
- ``strings`` and ``templates``: catalog messages and template sources a type registered from
  outside the package brings with it (the built-in types' are in locales/ and templates/).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from .content import Entry, State
from .fields import local_day
from .model import (
    EntryFields,
    EventFields,
    JobFields,
    NewsFields,
    SpotlightFields,
    StoryFields,
)

if TYPE_CHECKING:
    from .i18n import Translator

Milestone = tuple[date, datetime | None, str]  # day, moment (None: all day), what happens


@dataclass(frozen=True)
class HomeSection:
    """A type's section on the home page: its ``limit`` first ``select``-ed entries (default:
    its latest), headed ``heading`` (default: the type's name), ``rank`` placing it."""

    rank: int
    limit: int = 3
    select: Callable[[list[Entry]], list[Entry]] | None = None  # from its listing, in order
    anchor: str = ""  # the section's id: cm-home-<anchor>; default: the kind
    heading: str = ""  # catalog key; default: type.<kind>
    count: str = ""  # catalog key of its live count in the home hero ("" for none)


@dataclass(frozen=True)
class ListingGroup:
    """A headed part of a type's listing: the entries in one state."""

    name: str  # the group's key (its element id)
    title: str  # catalog key of its heading
    state: State
    note: str = ""  # catalog key of a line under the heading ("" for none)


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.sort_key)


def _published_on(entry: Entry, t: Translator) -> str:
    return t("entry.published", date=t.date(entry.fields.date))


def _no_search_terms(entry: Entry, t: Translator) -> list[str]:
    return []


def _live(entry: Entry, now: datetime) -> State:
    return State.live


def _published(entry: Entry, now: datetime, until: datetime) -> Iterator[Milestone]:
    if now < entry.fields.date <= until:
        yield local_day(entry.fields.date, now.tzinfo), entry.fields.date, "publishes"


@dataclass(frozen=True)
class EntryType:
    model: type[EntryFields]
    title: str
    hints: Mapping[str, str] = field(default_factory=dict)
    examples: Mapping[str, str] = field(default_factory=dict)
    asked: tuple[str, ...] = ()
    # Its own fields in words a translation rewrites (`community translate` marks them; the
    # common ones, title, summary, tags, image_alt, are every type's); the rest are facts.
    translated: tuple[str, ...] = ()
    alias: str | None = None
    state: Callable[[Entry, datetime], State] = _live  # a published entry's state (schedule)
    order: Callable[[list[Entry]], list[Entry]] = _newest_first
    groups: tuple[ListingGroup, ...] = ()
    filters: tuple[str, ...] = ()  # its listing's filters (then one page: filters see all)
    empty: str = "empty.listing"  # catalog key: what an empty listing or home section says
    home: HomeSection = HomeSection(rank=9)
    milestones: Callable[[Entry, datetime, datetime], Iterator[Milestone]] = _published
    meta_line: Callable[[Entry, Translator], str] = _published_on
    search_terms: Callable[[Entry, Translator], list[str]] = _no_search_terms
    card: str | None = None  # the cards.CardMaker method for its card; None: a dated card
    feed_facts_template: str | None = None
    jsonld: Mapping[State, str] = field(default_factory=dict)
    form: str | None = None
    calendar: bool = False
    ats_import: bool = False
    strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    templates: Mapping[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def facts_template(self) -> str:
        return f"facts/{self.kind}.html"


# -- the built-in types' own behaviour ------------------------------------------------------

def _open_or_preview(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.state in (State.open, State.preview)]


def _upcoming(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.state == State.upcoming]


def _is_past(entry: Entry) -> bool:
    return entry.state == State.past


def _events_order(entries: list[Entry]) -> list[Entry]:
    """Upcoming events soonest first, then past events latest first."""
    upcoming = sorted((e for e in entries if not _is_past(e)),
                      key=lambda e: (e.event.start, e.url))
    past = sorted((e for e in entries if _is_past(e)),
                  key=lambda e: (-e.event.start.timestamp(), e.url))
    return upcoming + past


def _job_state(entry: Entry, now: datetime) -> State:
    job, today = entry.job, now.date()
    if job.closes is not None and today > job.closes:
        return State.closed  # open through the whole `closes` day
    if job.public_on is not None and today < job.public_on:
        return State.preview
    return State.open


def _event_state(entry: Entry, now: datetime) -> State:
    return State.upcoming if now < entry.event.ends else State.past


def _job_milestones(entry: Entry, now: datetime, until: datetime) -> Iterator[Milestone]:
    job, today, last_day = entry.job, now.date(), until.date()
    if now < job.date <= until:
        published = local_day(job.date, now.tzinfo)
        preview = job.public_on is not None and job.public_on > published
        yield published, job.date, "preview_opens" if preview else "publishes"
    if job.public_on is not None and today < job.public_on <= last_day:
        yield job.public_on, None, "goes_public"
    if job.closes is not None and today <= job.closes <= last_day:
        yield job.closes, None, "closes"


def _job_line(entry: Entry, t: Translator) -> str:
    job = entry.job
    return " · ".join([job.team, ", ".join(job.locations), t(f"workplace.{job.workplace.value}")])


def _job_search_terms(entry: Entry, t: Translator) -> list[str]:
    """"onsite" for "On-site" (the search splits at the hyphen; any word for a zh label) and
    the salary figures as plain numbers ("65000" for "€65,000")."""
    job = entry.job
    key, label = job.workplace.value, t(f"workplace.{job.workplace.value}")
    terms = [key] if key.casefold() != label.casefold() else []
    if job.salary:
        terms += [f"{amount:.0f}" for amount in (job.salary.min, job.salary.max)
                  if amount is not None]
    return terms


def _event_line(entry: Entry, t: Translator) -> str:
    return t.moment_range(entry.event.start, entry.event.end, entry.event.zone)


def _event_milestones(entry: Entry, now: datetime, until: datetime) -> Iterator[Milestone]:
    yield from _published(entry, now, until)
    if now < entry.event.start <= until:
        # the day where it happens, as its time is shown (`community calendar`)
        yield entry.event.start.date(), entry.event.start, "event"


_PERSON_PHOTO = {
    "photo": "images/portrait.svg",
    "photo_alt": "What the portrait shows",
}

BUILT_IN = (
    EntryType(
        NewsFields, "News",
        examples={"author": "Name, Role"},
        translated=("author",),
        home=HomeSection(rank=5),
        jsonld={State.live: "article"},
    ),
    EntryType(
        SpotlightFields, "Member spotlights", alias="spotlight",
        hints={"member.name": "the member's name"},
        examples={"quote": '"A sentence of theirs."',
                  "member.headline": "What they do, in one line",
                  **{f"member.{name}": value for name, value in _PERSON_PHOTO.items()},
                  "member.url": "https://example.com/their-page"},
        translated=("member.headline", "member.photo_alt", "quote"),
        home=HomeSection(rank=4),
        feed_facts_template="feed_facts/spotlights.html",
        jsonld={State.live: "article"},
    ),
    EntryType(
        StoryFields, "Employee stories", alias="story",
        hints={"employee.name": "the employee's name", "employee.role": "their job title"},
        examples={"quote": '"A sentence of theirs."', "employee.team": "Engineering",
                  **{f"employee.{name}": value for name, value in _PERSON_PHOTO.items()}},
        translated=("employee.role", "employee.team", "employee.photo_alt", "quote"),
        home=HomeSection(rank=3),
        feed_facts_template="feed_facts/stories.html",
        jsonld={State.live: "article"},
    ),
    EntryType(
        JobFields, "Job previews", alias="job",
        hints={
            "team": "the hiring team, e.g. Engineering",
            "locations": "a city and country, e.g. Berlin, Germany",
            "apply_url": "the application page, https://... (or replace this line with "
                         "apply_email)",
        },
        examples={
            "workplace": "hybrid",
            "employment_type": "full_time",
            "public_on": "{in_two_weeks}",
            "closes": "{in_two_months}",
            "apply_url": "https://jobs.example.com/this-role",
            "apply_email": "jobs@example.com    # instead of apply_url; an open role needs "
                           "one of the two",
            "salary": "{{currency: EUR, min: 60000, max: 75000, per: year}}",
            "level": "Senior",
            "remote_countries": "[DE, PL, PT]",
            "source": "(written by `community import` for roles it brings from the ATS; not "
                      "by hand)",
        },
        asked=("apply_url",),
        translated=("team", "level"),
        state=_job_state,
        groups=(ListingGroup("open", "listing.open", State.open),
                ListingGroup("preview", "listing.preview", State.preview,
                             note="listing.preview_note")),
        filters=("location", "team", "workplace", "state"),
        empty="empty.jobs",
        home=HomeSection(rank=1, limit=6, select=_open_or_preview, anchor="roles",
                         heading="home.open_roles", count="home.count_roles"),
        milestones=_job_milestones,
        meta_line=_job_line,
        search_terms=_job_search_terms,
        card="job_card",
        feed_facts_template="feed_facts/jobs.html",
        jsonld={State.open: "job_posting"},
        form="job_interest",
        ats_import=True,
    ),
    EntryType(
        EventFields, "Events", alias="event",
        hints={
            "start": "when it starts, with the UTC offset, e.g. {start}",
            "format": "online, in_person or hybrid",
            "venue.name": "the place's name (delete 'venue' for an online event)",
        },
        examples={
            "end": "{end}",
            "timezone": "Europe/Berlin",
            "venue.address": '"Street 1, 10115 City, Country"',
            "join_url": "https://meet.example.com/this-event",
            "register_url": "https://events.example.com/this-event",
            "price": "{{amount: 15, currency: EUR}}",
        },
        asked=("venue",),
        translated=("venue.name", "venue.address"),
        state=_event_state,
        order=_events_order,
        groups=(ListingGroup("upcoming", "listing.upcoming", State.upcoming),
                ListingGroup("past", "listing.past", State.past)),
        filters=("state", "format", "city"),
        empty="empty.events",
        home=HomeSection(rank=2, select=_upcoming, anchor="events", heading="home.upcoming",
                         count="home.count_events"),
        milestones=_event_milestones,
        meta_line=_event_line,
        card="event_card",
        feed_facts_template="feed_facts/events.html",
        jsonld={State.upcoming: "event", State.past: "event"},
        form="event_registration",
        calendar=True,
    ),
)

TYPES: dict[str, EntryType] = {entry_type.kind: entry_type for entry_type in BUILT_IN}
"""kind -> its declaration, in order. Iterate it at call time (it may grow: ``register``)."""


def register(entry_type: EntryType) -> None:
    """Add a type after the built-in ones (a site's own, or a test's)."""
    if entry_type.kind in TYPES:
        raise ValueError(f"an entry type '{entry_type.kind}' is registered already")
    importing = ats_import_type()
    if entry_type.ats_import and importing is not None:
        raise ValueError(f"'{importing.kind}' is the type community import writes already")
    TYPES[entry_type.kind] = entry_type


def unregister(kind: str) -> None:
    if any(entry_type.kind == kind for entry_type in BUILT_IN):
        raise ValueError(f"'{kind}' is a built-in entry type")
    TYPES.pop(kind, None)


def type_of(kind: str) -> EntryType:
    return TYPES[kind]


def ats_import_type() -> EntryType | None:
    """The type ``community import`` writes roles into (``ats_import``), if any."""
    return next((t for t in TYPES.values() if t.ats_import), None)


def aliases() -> dict[str, str]:
    """The singular names ``community new`` accepts: ``job`` -> ``jobs``."""
    return {t.alias: t.kind for t in TYPES.values() if t.alias}


def type_strings(language: str) -> dict[str, str]:
    """The catalog messages registered types bring, in ``language`` (else English)."""
    found: dict[str, str] = {}
    for entry_type in TYPES.values():
        found.update(entry_type.strings.get("en", {}))
        found.update(entry_type.strings.get(language, {}))
    return found



def calendar_entries(entries: Iterable[Entry]) -> list[Entry]:
    return [e for e in entries if TYPES[e.kind].calendar]
