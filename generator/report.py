"""The community report's figures: signups read from the providers' exports, and content.

Plain data in, plain data out (report_page.py draws it). Every export, CSV or JSON, is read
by column *name*, matched case-insensitively, the first name found winning (``COLUMNS``): form
services keep each field under the name the form posted it (``email``, ``source``,
``interests``, ...), so their exports are expected to carry those names; they differ in the
date column and in wrappers, listed here and in the README ("Community report"), which also
says which names are confirmed.

Privacy: an address is read only to count a person once (compared case-insensitively) and is
never kept beyond that comparison; names are never read. Values that end up in the report
pass the same rules as the form (sourcing.py): an undeclared source is ``other``, a campaign
or referrer that is not ``[a-z0-9-]{1,40}`` is dropped, only declared segments and
relationships count. So nothing a person typed can reach the report except through those
rules, and an address pasted into a referrer field is not a token.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from .content import Entry
from .settings import Settings
from .sourcing import OTHER, clean_source, clean_token

# Logical field -> the column names that hold it, in order of preference (lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "email_address", "email address", "e-mail", "_replyto"),
    "time": ("_date", "date", "created_at", "createdat", "creation_date", "created_date",
             "submitted_at", "submitted", "timestamp", "timestamp_opt", "optin_time",
             "confirm_time", "submission date", "time"),
    "form": ("form", "metadata__form", "metadata.form"),
    "source": ("source", "metadata__source", "metadata.source", "merge_fields.source"),
    "campaign": ("campaign", "metadata__campaign", "metadata.campaign",
                 "merge_fields.campaign"),
    "referrer": ("referrer", "metadata__referrer", "metadata.referrer",
                 "merge_fields.referrer", "merge_fields.ref"),
    "relationship": ("relationship", "metadata__relationship", "metadata.relationship",
                     "merge_fields.relation"),
    "interests": ("interests", "tags"),
}
REQUIRED = ("email", "time")
# JSON exports and API answers wrap their rows: Formspree `submissions`, Buttondown `results`,
# Mailchimp `members`, others `data` or `items`; a plain list is read as it is.
JSON_WRAPPERS = ("submissions", "results", "members", "data", "items")
SEPARATORS = str.maketrans({";": ",", "|": ","})  # "data; berlin", "data|berlin"
NONE = ""  # no value given: shown as "direct" (source) or "not given"


class ExportError(Exception):
    """An export that cannot be read at all: ``problems`` name the file and what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Signup:
    """One row of an export, reduced to what the report may know."""

    key: str  # the address folded for comparison; dropped once people are counted
    at: datetime
    source: str
    campaign: str
    referrer: str
    relationship: str
    segments: frozenset[str]


@dataclass
class Member:
    """A person counted once: the first signup's attribution, every segment ever ticked."""

    joined: datetime
    source: str
    campaign: str
    referrer: str
    relationship: str
    segments: set[str] = field(default_factory=set)


@dataclass
class ReadResult:
    signups: list[Signup]
    rows: int
    skipped: list[str]  # "file:line: why" for each row left out


# ------------------------------------------------------------------------- reading


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 (``Z`` too), ``YYYY-MM-DD HH:MM:SS``, or Unix seconds/milliseconds; UTC."""
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        try:
            return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        names = [item.get("name", "") if isinstance(item, dict) else str(item)
                 for item in value]
        return [name.strip() for name in names if name.strip()]
    if not isinstance(value, str):
        return []
    # Mailchimp writes its TAGS column as "data","berlin": the quotes are not part of a tag.
    parts = (part.strip().strip('"').strip() for part in value.translate(SEPARATORS).split(","))
    return [part for part in parts if part]


def _flatten(row: dict[str, Any]) -> dict[str, Any]:
    """Lower-case keys; a nested object (Buttondown's ``metadata``, Mailchimp's
    ``merge_fields``) also as ``parent.key``; a JSON string in ``metadata`` is opened."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = str(key).strip().lower()
        if isinstance(value, str) and name == "metadata" and value.startswith("{"):
            with contextlib.suppress(json.JSONDecodeError):  # else kept as text
                value = json.loads(value)
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                flat[f"{name}.{str(inner).strip().lower()}"] = inner_value
        else:
            flat[name] = value
    return flat


def _text(row: dict[str, Any], name: str) -> str:
    found = row.get(name)
    return found.strip() if isinstance(found, str) else ""


def _columns(names: Iterable[str]) -> dict[str, str | None]:
    present = set(names)
    return {logical: next((name for name in candidates if name in present), None)
            for logical, candidates in COLUMNS.items()}


def _json_rows(text: str, shown: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError([f"{shown}:{error.lineno}: not valid JSON ({error.msg})"]) from None
    if isinstance(data, dict):
        data = next((data[key] for key in JSON_WRAPPERS if isinstance(data.get(key), list)),
                    None)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ExportError([f"{shown}:1: expected a list of submissions (or an object with "
                           f"one of: {', '.join(JSON_WRAPPERS)})"])
    return data


def _csv_rows(text: str, shown: str) -> Iterator[dict[str, Any]]:
    """Each row as {logical field: value}, the columns found once from the header."""
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    header = [name.strip().lower() for name in next(reader, [])]
    if not header:
        raise ExportError([f"{shown}:1: no rows (an export has a header line, then one line "
                           "per submission)"])
    found = _columns(header)
    missing = [name for name in REQUIRED if found[name] is None]
    if missing:
        raise ExportError([f"{shown}:1: no {name} column (looked for: "
                           f"{', '.join(COLUMNS[name])})" for name in missing])
    indexes = [(logical, header.index(column)) for logical, column in found.items()
               if column is not None]
    for row in reader:
        yield {logical: row[index] for logical, index in indexes if index < len(row)}


def _json_logical(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each JSON row as {logical field: value}; rows may differ in their keys."""
    for raw in rows:
        row = _flatten(raw)
        yield {logical: row[column] for logical, column in _columns(row).items()
               if column is not None}


def read_export(path: Path, settings: Settings, shown: str | None = None) -> ReadResult:
    """Every usable row of one export file; raise ExportError when the file is unusable."""
    shown = shown or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ExportError([f"{shown}: cannot read it ({error.strerror})"]) from None
    except UnicodeDecodeError:
        raise ExportError([f"{shown}: not UTF-8 text; export it again as UTF-8 CSV or JSON"]
                          ) from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        return _signups(_json_logical(_json_rows(text, shown)), settings, shown, 1)
    # A CSV's first line holds the column names: its rows start at line 2.
    return _signups(_csv_rows(text, shown), settings, shown, 2)


def _signups(rows: Iterable[dict[str, Any]], settings: Settings, shown: str,
             first_line: int) -> ReadResult:
    sources = frozenset(settings.attribution.sources)
    relationships = settings.attribution.relationships
    segment_ids = settings.segment_ids
    tokens: dict[str, str] = {}  # campaigns and referrers repeat: check each once
    interests: dict[str, frozenset[str]] = {}
    signups: list[Signup] = []
    skipped: list[str] = []
    count = 0
    for number, row in enumerate(rows):
        count += 1
        address = str(row.get("email") or "").strip()
        if "@" not in address:
            skipped.append(f"{shown}:{number + first_line}: no e-mail address")
            continue
        moment = parse_time(row.get("time"))
        if moment is None:
            skipped.append(f"{shown}:{number + first_line}: no readable date")
            continue
        campaign, referrer = _text(row, "campaign"), _text(row, "referrer")
        relationship = _text(row, "relationship")
        ticked = row.get("interests")
        segments = interests.get(ticked) if isinstance(ticked, str) else None
        if segments is None:
            segments = frozenset(s for s in _split(ticked) if s in segment_ids)
            if isinstance(ticked, str):
                interests[ticked] = segments
        signups.append(Signup(
            key=address.casefold(), at=moment,
            source=clean_source(_text(row, "source"), sources),
            campaign=tokens.get(campaign) or tokens.setdefault(campaign, clean_token(campaign)),
            referrer=tokens.get(referrer) or tokens.setdefault(referrer, clean_token(referrer)),
            relationship=(relationship if relationship in relationships
                          else OTHER if relationship else NONE),
            segments=segments,
        ))
    return ReadResult(signups, count, skipped)


def members_of(signups: Iterable[Signup]) -> list[Member]:
    """One member per address: the earliest signup's attribution, every segment ticked."""
    people: dict[str, Member] = {}
    for signup in sorted(signups, key=lambda s: s.at):
        member = people.get(signup.key)
        if member is None:
            member = people[signup.key] = Member(
                signup.at, signup.source, signup.campaign, signup.referrer,
                signup.relationship)
        elif not member.relationship and signup.relationship:
            member.relationship = signup.relationship
        member.segments |= signup.segments
    return sorted(people.values(), key=lambda m: m.joined)


# ------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """One row of figures.csv: a chart's bar or a table's cell."""

    figure: str  # members-per-week, members-by-segment, ..., content-by-type, content-goal
    period: str  # a week's Monday (YYYY-MM-DD), a month (YYYY-MM), or ""
    key: str  # a segment, source, campaign, referrer, relationship or type id, or ""
    label: str
    value: int


@dataclass
class Report:
    since: date | None
    until: datetime
    rows: int
    members: int
    duplicates: int
    skipped: list[str]
    figures: list[Figure]

    def figure(self, name: str) -> list[Figure]:
        return [row for row in self.figures if row.figure == name]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _months(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _ranked(counter: Counter[str], figure: str, labels: dict[str, str],
            limit: int | None = None) -> list[Figure]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Figure(figure, "", key, labels.get(key, key), count) for key, count in ranked]


def member_figures(members: list[Member], settings: Settings, labels: dict[str, str],
                   until: date, top: int = 10) -> list[Figure]:
    """Per week (every week from the first signup to ``until``, empty ones too), and by
    segment, source, campaign, referrer and relationship."""
    figures: list[Figure] = []
    weeks = Counter(monday(settings.local(member.joined).date()) for member in members)
    if weeks:
        week, last = min(weeks), monday(until)
        while week <= last:
            figures.append(Figure("members-per-week", week.isoformat(), "", "", weeks[week]))
            week += timedelta(days=7)
    segments = Counter(s for member in members for s in member.segments)
    figures += [Figure("members-by-segment", "", id_, label, segments[id_])
                for axis in settings.segments.values() for id_, label in axis.values.items()]
    source_labels = {**settings.attribution.sources, OTHER: labels["other"],
                     NONE: labels["direct"]}
    figures += _ranked(Counter(m.source for m in members), "members-by-source", source_labels)
    figures += _ranked(Counter(m.campaign for m in members if m.campaign),
                       "members-by-campaign", {})
    figures += _ranked(Counter(m.referrer for m in members if m.referrer),
                       "top-referrers", {}, top)
    relationship_labels = {**settings.attribution.relationships, OTHER: labels["other"],
                           NONE: labels["not_given"]}
    figures += _ranked(Counter(m.relationship for m in members), "members-by-relationship",
                       relationship_labels)
    return figures


def content_figures(entries: list[Entry], settings: Settings, type_labels: dict[str, str],
                    first: date, until: date) -> list[Figure]:
    """Published entries per month by type (with the cadence goal) and by segment. On a
    site in several languages an entry and its translations are one piece of content,
    counted once, in the month its first version went live."""
    months = _months(first, until)
    shown = set(months)
    by_type: Counter[tuple[str, str]] = Counter()
    by_segment: Counter[tuple[str, str]] = Counter()
    first_version: dict[str, Entry] = {}
    for entry in entries:
        known = first_version.get(entry.url)
        if known is None or entry.fields.date < known.fields.date:
            first_version[entry.url] = entry
    for entry in first_version.values():
        month = settings.local(entry.fields.date).strftime("%Y-%m")
        if month not in shown:
            continue
        by_type[month, entry.kind] += 1
        for segment in entry.fields.segments or []:
            by_segment[month, segment] += 1
    figures = [Figure("content-by-type", month, kind, label, by_type[month, kind])
               for month in months for kind, label in type_labels.items()]
    figures += [Figure("content-goal", "", kind, type_labels[kind], goal)
                for kind, goal in settings.report.cadence.items()]
    figures += [Figure("content-by-segment", month, id_, label, by_segment[month, id_])
                for month in months for axis in settings.segments.values()
                for id_, label in axis.values.items()]
    return figures


def build_report(signups: list[Signup], rows: int, skipped: list[str], entries: list[Entry],
                 settings: Settings, until: datetime, since: date | None,
                 labels: dict[str, str], type_labels: dict[str, str]) -> Report:
    """The figures of people who joined from ``since`` (all when None) until ``until``.

    People are counted once over *every* row first, so someone who joined before ``since``
    and signed up again after it is not a new member. Days, weeks and months are those of
    the site's clock (``timezone``), like every date its pages show: ``until`` is kept as
    the moment there.
    """
    until = settings.local(until)
    everyone = members_of(signups)
    members = [m for m in everyone
               if (since is None or settings.local(m.joined).date() >= since)
               and m.joined <= until]
    first = since or (settings.local(members[0].joined).date() if members else until.date())
    published = [entry for entry in entries
                 if entry.published and entry.fields.date <= until]
    figures = member_figures(members, settings, labels, until.date())
    figures += content_figures(published, settings, type_labels, first, until.date())
    return Report(since, until, rows, len(members), len(signups) - len(everyone), skipped,
                  figures)
