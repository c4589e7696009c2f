"""The content contract: one pydantic model per entry type.

The same models validate front matter and generate the JSON Schema (``community schema``).
Rules that need more than one field live in ``rules()``; checks against the site around the
entry (declared segments, image files) in ``site_findings()``, which reads the raw front
matter so that it reports even when other fields are wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.numbers import list_currencies
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from .errors import KeyPath
from .fields import (
    SUMMARY_MAX,
    AwareMoment,
    Day,
    Email,
    HttpsUrl,
    ImageRef,
    Link,
    Moment,
    Slug,
    TagList,
    Text,
    TextList,
    local_day,
)

Finding = tuple[KeyPath, str]


PLACEHOLDER = "TODO:"
"""What ``community new`` writes into required fields: never valid, so nothing unedited ships."""


class ContractModel(BaseModel):
    """Unknown fields are errors: a typo must never pass silently."""

    # The string under a field says what it is for: the JSON Schema's description, the README's
    # field reference and `community new`'s comments all take it from there (schema.py).
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True, frozen=True,
        use_attribute_docstrings=True,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _not_a_placeholder(cls, value: Any) -> Any:
        # Runs before each field's own parsing, so a placeholder in a date or a choice gets
        # this message too, and every placeholder of a file is reported in the same run.
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.lstrip().startswith(PLACEHOLDER):
                raise PydanticCustomError(
                    "placeholder", "still holds the placeholder '{value}': write the real value",
                    {"value": item.strip()},
                )
        return value


class Context:
    """What the rules need to know of the site: declared segments, where images live, and its
    time zone (a date written without one is a day there)."""

    def __init__(self, segment_ids: set[str], docs_dir: Path | None,
                 zone: tzinfo | None = None, languages: tuple[str, ...] = ()) -> None:
        self.segment_ids = segment_ids
        self.docs_dir = docs_dir
        self.zone = zone
        # The site's languages, the default first; more than one: `x.<lang>.md` is the
        # translation of `x.md` (validate.py).
        self.languages = languages

    def missing_image(self, ref: str) -> bool:
        if self.docs_dir is None or urlsplit(ref).scheme:
            return False
        path = (self.docs_dir / ref.lstrip("/")).resolve()
        # '../mkdocs.yml' exists but is not published: only files inside content/ count.
        return not (path.is_file() and path.is_relative_to(self.docs_dir.resolve()))


def _image_rules(
    ctx: Context, path: KeyPath, image: str | None, alt: str | None, alt_name: str
) -> Iterator[Finding]:
    if image is None:
        if alt is not None:
            yield (*path[:-1], alt_name), f"is set but '{path[-1]}' is not"
    elif not alt:
        yield (*path[:-1], alt_name), (
            f"is required with '{path[-1]}': describe the picture for people who cannot see it"
        )


_IMAGE_PATHS: tuple[KeyPath, ...] = (("image",), ("member", "photo"), ("employee", "photo"))


def site_findings(data: dict[str, Any], ctx: Context) -> Iterator[Finding]:
    """Checks against the site (declared segments, image files) on the raw front matter.

    They run even when other fields fail validation, so one run reports every problem.
    """
    segments = data.get("segments")
    for index, segment in enumerate([segments] if isinstance(segments, str) else
                                    segments if isinstance(segments, list) else []):
        if isinstance(segment, str) and segment not in ctx.segment_ids:
            known = ", ".join(sorted(ctx.segment_ids)) or "none"
            path = ("segments",) if isinstance(segments, str) else ("segments", index)
            yield path, f"'{segment}' is not a declared segment (declared in mkdocs.yml: {known})"
    for path in _IMAGE_PATHS:
        parent = data.get(path[0]) if len(path) > 1 else data
        ref = parent.get(path[-1]) if isinstance(parent, dict) else None
        if isinstance(ref, int | float) and not isinstance(ref, bool):
            ref = str(ref)  # the contract reads `image: 2026` as the path "2026"
        if isinstance(ref, str) and ref.strip() and ctx.missing_image(ref.strip()):
            yield path, f"'{ref}' does not exist in content/ (paths are relative to content/)"


class EntryFields(ContractModel):
    """Fields common to every type."""

    kind: ClassVar[str] = ""

    title: Annotated[str, Field(min_length=1, max_length=150)]
    """The headline: on the page, in listings, feeds and search results."""
    date: Moment
    """The publication moment. In the future, the entry is scheduled: the first build after it
    publishes it. No time zone means the site's `timezone` (a date alone is that day's midnight
    there)."""
    updated: Moment | None = None
    """When the entry last changed in substance; not before `date`."""
    summary: Annotated[str, Field(max_length=SUMMARY_MAX)] | None = None
    """One or two sentences for listings, feeds and search results; without it, the text before
    `<!-- more -->`, else the first paragraph."""
    segments: TextList = []
    """Who it is for: ids declared under `segments` in `mkdocs.yml` (teams, locations)."""
    tags: TagList = []
    """Free topics; each one gets a page under `/tags/`."""
    image: ImageRef | None = None
    """A picture: a path inside `content/` (e.g. `images/office.svg`) or an https URL."""
    image_alt: str | None = None
    """What the picture shows, for people who cannot see it; required with `image`."""
    draft: bool = False
    """`true` keeps the entry out of every build; `mkdocs serve` shows it with a banner saying
    when it goes live once `draft: true` is removed."""
    slug: Slug | None = None
    """The last part of the address: lowercase letters, digits and `-`; default: the file name
    without its date."""
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")] | None = None
    """The language the entry is written in, when it is not the site's (`zh`, `en`, `de`):
    browsers, screen readers and search use it. On a site in several `languages`, an entry
    in one of them belongs to it (its page under `/zh/`); a translation says its language in
    its file name instead (`x.zh.md`)."""

    def rules(self, ctx: Context) -> Iterator[Finding]:
        if self.updated is not None and self.updated < self.date:
            yield ("updated",), "is before 'date'; an update cannot come before publication"
        yield from _image_rules(ctx, ("image",), self.image, self.image_alt, "image_alt")


class NewsFields(EntryFields):
    kind: ClassVar[str] = "news"
    author: Text | None = None
    """Who wrote it, as shown under the title."""


class Member(ContractModel):
    name: Text
    """Their name."""
    headline: Text | None = None
    """One line about them: what they do, how they know the company."""
    photo: ImageRef | None = None
    """Their portrait: a path inside `content/` or an https URL."""
    photo_alt: str | None = None
    """What the portrait shows; required with `photo`."""
    url: Link | None = None
    """Their own page: an http(s) address or a relative path."""


class Employee(ContractModel):
    name: Text
    """Their name."""
    role: Text
    """Their job title."""
    team: Text | None = None
    """Their team."""
    photo: ImageRef | None = None
    """Their portrait: a path inside `content/` or an https URL."""
    photo_alt: str | None = None
    """What the portrait shows; required with `photo`."""


class PersonEntryFields(EntryFields):
    """An entry about one person (a spotlight's member, a story's employee), held in the
    field ``person_field`` names: their portrait needs its alt text."""

    person_field: ClassVar[str]

    def rules(self, ctx: Context) -> Iterator[Finding]:
        yield from super().rules(ctx)
        person: Member | Employee = getattr(self, self.person_field)
        yield from _image_rules(ctx, (self.person_field, "photo"), person.photo,
                                person.photo_alt, "photo_alt")


class SpotlightFields(PersonEntryFields):
    kind: ClassVar[str] = "spotlights"
    person_field: ClassVar[str] = "member"
    member: Member
    """The community member in the spotlight."""
    quote: Text | None = None
    """A sentence of theirs, shown as a pull quote."""


class StoryFields(PersonEntryFields):
    kind: ClassVar[str] = "stories"
    person_field: ClassVar[str] = "employee"
    employee: Employee
    """The employee who tells the story."""
    quote: Text | None = None
    """A sentence of theirs, shown as a pull quote."""


class Workplace(StrEnum):
    onsite = "onsite"
    hybrid = "hybrid"
    remote = "remote"


class EmploymentType(StrEnum):
    full_time = "full_time"
    part_time = "part_time"
    contract = "contract"
    temporary = "temporary"
    internship = "internship"


class Salary(ContractModel):
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    """ISO 4217 code: `EUR`, `USD`, `CNY`, ..."""
    # Bounded: Babel cannot format amounts like 1e300 (decimal.InvalidOperation).
    min: Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)] | None = None
    """The lowest amount; `min`, `max` or both."""
    max: Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)] | None = None
    """The highest amount; not less than `min`."""
    per: Literal["hour", "day", "week", "month", "year"] = "year"
    """The period the amounts are paid for."""


# "Remote", "Remote (EU)", "Remote - Germany", "远程（欧盟）": a place candidates may live in,
# not an office address.
_REMOTE = re.compile(r"^\s*(?:remote|anywhere|远程)(?![a-z])\W*(?P<area>.*?)\W*$", re.I)


def remote_area(location: str) -> str | None:
    """``Remote (EU)`` -> ``EU``; ``Remote`` -> ``""``; an office location -> None."""
    match = _REMOTE.match(location)
    return match.group("area") if match else None


_CURRENCIES = frozenset(list_currencies())
# ISO 3166-1 alpha-2 codes Babel knows as territories (not regions like 150 or EU).
_COUNTRIES = frozenset(code for code in Locale.parse("en").territories
                       if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ",
                                                                               "UN", "ZZ"))


class Source(ContractModel):
    """Where an imported role comes from: written by ``community import``, which finds the
    file again by it. Editors leave it alone (deleting it detaches the file from the ATS)."""

    ats: Literal["greenhouse", "lever", "ashby"]
    """The applicant tracking system."""
    board: Text
    """The company's board name there."""
    id: Text
    """The posting's id on that board."""
    updated_at: Text | None = None
    """When the ATS last changed the posting, as it reported it."""


class JobFields(EntryFields):
    kind: ClassVar[str] = "jobs"
    team: Text
    """The hiring team."""
    locations: Annotated[TextList, Field(min_length=1)]
    """Where the role can be done, e.g. `Berlin, Germany` or `Remote (EU)`."""
    workplace: Workplace = Workplace.onsite
    """Where the work happens."""
    employment_type: EmploymentType | None = None
    """The kind of contract. Left out, the page, its feeds and its JobPosting say nothing
    about it: nothing is assumed (an ATS may not say either)."""
    public_on: Day | None = None
    """The day the role goes on public job boards. Before it, the role is a community preview:
    listed and in feeds, marked, hidden from search engines."""
    closes: Day | None = None
    """The last day to apply. After it the page stays with a notice that the role is closed, out
    of listings and feeds."""
    apply_url: HttpsUrl | None = None
    """Where candidates apply (an applicant tracking system's page). An open role needs
    `apply_url` or `apply_email`."""
    apply_email: Email | None = None
    """Where candidates send their application, if not through `apply_url`: the page links to it
    with the role's title as the subject."""
    salary: Salary | None = None
    """The pay range."""
    level: Text | None = None
    """Seniority, e.g. `Senior` or `Intern`."""
    remote_countries: TextList = []
    """For a remote role: the countries applicants may live in, as ISO 3166 codes (`[DE, PL,
    PT]`); search engines show the role there."""
    source: Source | None = None
    """Written by `community import`: the ATS posting this role mirrors. Leave it as it is; the
    next import finds the file by it."""

    @property
    def remote(self) -> bool:
        """Done from home: the workplace says so, or a location is "Remote (...)"."""
        return self.workplace == Workplace.remote or any(
            remote_area(location) is not None for location in self.locations)

    def goes_public(self, zone: tzinfo | None) -> date:
        """The first day candidates can apply (publication day if there is no preview), on
        the site's clock (``zone``)."""
        published = local_day(self.date, zone)
        return max(self.public_on or published, published)

    def rules(self, ctx: Context) -> Iterator[Finding]:
        yield from super().rules(ctx)
        if self.apply_url and self.apply_email:
            yield ("apply_email",), (
                "is set together with 'apply_url': give candidates one way to apply")
        if self.public_on and self.closes and self.closes < self.public_on:
            yield ("closes",), "is before 'public_on'; a role cannot close before it opens"
        for index, code in enumerate(self.remote_countries):
            if code not in _COUNTRIES:
                yield ("remote_countries", index), (
                    f"'{code}' is not an ISO 3166 country code; write two capital letters, "
                    "e.g. DE, PL, PT")
        if self.remote_countries and not self.remote:
            yield ("remote_countries",), (
                "is only for remote roles: set 'workplace: remote' or add a 'Remote (...)' "
                "location, or remove it")
        salary = self.salary
        if salary is not None:
            if salary.currency not in _CURRENCIES:
                yield ("salary", "currency"), (
                    f"'{salary.currency}' is not an ISO 4217 currency code (EUR, USD, CNY, ...)"
                )
            if salary.min is None and salary.max is None:
                yield ("salary",), "needs 'min', 'max' or both"
            if salary.min is not None and salary.max is not None and salary.max < salary.min:
                yield ("salary", "max"), "is less than 'min'"


class EventFormat(StrEnum):
    online = "online"
    in_person = "in_person"
    hybrid = "hybrid"


class Venue(ContractModel):
    name: Text
    """The place's name."""
    address: Text | None = None
    """Its street address."""


class Price(ContractModel):
    amount: Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]
    """The price of one ticket."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    """ISO 4217 code: `EUR`, `USD`, `CNY`, ..."""


class EventFields(EntryFields):
    kind: ClassVar[str] = "events"
    start: AwareMoment
    """When it starts, always with the UTC offset: `2026-12-10T18:30:00+01:00`."""
    end: AwareMoment | None = None
    """When it ends (default: one hour after `start`), not before `start`. The event is upcoming
    until then, past after."""
    timezone: Text | None = None
    """The IANA time zone to show times in, e.g. `Europe/Berlin`."""
    format: EventFormat
    """How people attend."""
    venue: Venue | None = None
    """Where it takes place; required unless the event is `online`."""
    join_url: HttpsUrl | None = None
    """The link to the online meeting."""
    register_url: HttpsUrl | None = None
    """An external registration page; without it, the page shows the community's registration
    form."""
    price: Price | None = None
    """What a ticket costs; without it, the event is free."""

    @property
    def ends(self) -> datetime:
        return self.end or self.start + timedelta(hours=1)

    @property
    def zone(self) -> ZoneInfo | None:
        try:
            return ZoneInfo(self.timezone) if self.timezone else None
        except (ZoneInfoNotFoundError, ValueError):
            return None

    def rules(self, ctx: Context) -> Iterator[Finding]:
        yield from super().rules(ctx)
        if self.end is not None and self.end < self.start:
            yield ("end",), "is before 'start'"
        if self.timezone and self.zone is None:
            yield ("timezone",), (
                f"'{self.timezone}' is not a time zone name; use one like Europe/Berlin"
            )
        if self.price is not None and self.price.currency not in _CURRENCIES:
            yield ("price", "currency"), (
                f"'{self.price.currency}' is not an ISO 4217 currency code (EUR, USD, CNY, ...)")
        if self.format != EventFormat.online and self.venue is None:
            yield ("venue",), (
                f"is required unless the event is online (format is {self.format.value}): "
                "give its name and address"
            )


