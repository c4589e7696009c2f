"""Reusable field types of the content contract and the settings: dates, URLs, slugs.

Each type parses leniently what editors write (dates as text, a single tag without a list)
and fails with a message an editor can act on.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from typing import Annotated, Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 100  # slugs and tags become folder names: a file system takes at most 255 bytes
TAG_MAX = 50  # characters; 4 bytes each at worst in UTF-8
SUMMARY_MAX = 300  # characters: a written summary's limit and a derived excerpt's length
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
YEARS = (1900, 2999)  # outside this a date is a typo (0226 for 2026), and datetime overflows
_SLUG_RE = re.compile(SLUG_PATTERN)
_EXAMPLE_MOMENT = "2026-12-10 or 2026-12-10T18:30:00+01:00"


def _raise_if_impossible(error: ValueError, value: str) -> None:
    """2026-02-30 is written right but names no day: say so (else the format is wrong)."""
    reason = str(error)
    if "out of range" in reason or "must be in" in reason:
        raise PydanticCustomError(
            "impossible_date", "'{value}' is not a real date ({reason})",
            {"value": value, "reason": reason},
        ) from None


def _parse_moment(value: Any, zone: tzinfo = UTC, *, need_offset: bool = False) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError as error:
            _raise_if_impossible(error, value)
            raise PydanticCustomError(
                "date_format", "'{value}' is not a date; write it as {example}",
                {"value": value, "example": _EXAMPLE_MOMENT},
            ) from None
    else:
        raise PydanticCustomError(
            "date_type", "must be a date, written as {example}", {"example": _EXAMPLE_MOMENT}
        )
    _check_year(moment, value)
    if moment.tzinfo is None:
        if need_offset:
            raise PydanticCustomError(
                "offset_missing",
                "needs a time and a UTC offset, e.g. 2026-12-10T18:30:00+01:00",
            )
        # The contract: no time zone means the site's (`timezone` in mkdocs.yml, default UTC):
        # `date: 2026-11-02` is midnight of that day where the site is.
        moment = moment.replace(tzinfo=zone)
    return moment


def site_zone(info: ValidationInfo) -> tzinfo:
    """The zone a validation was given (``context={"zone": ...}``), else UTC."""
    context = info.context if isinstance(info.context, dict) else {}
    return context.get("zone") or UTC


def _parse_site_moment(value: Any, info: ValidationInfo) -> datetime:
    return _parse_moment(value, site_zone(info))


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """The day ``moment`` falls on where the site is (``zone``; as written without one)."""
    return (moment.astimezone(zone) if zone is not None else moment).date()


def _check_year(moment: date, value: Any) -> None:
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise PydanticCustomError(
            "impossible_date", "'{value}' is not a plausible date: the year must be from "
            "{first} to {last}", {"value": str(value), "first": YEARS[0], "last": YEARS[1]},
        )


def _parse_day(value: Any) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        _check_year(value, value)
        return value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
            _check_year(day, value)
            return day
        except ValueError as error:
            _raise_if_impossible(error, value)
    raise PydanticCustomError("day_format", "must be a day written as YYYY-MM-DD, e.g. 2026-12-10")


_MOMENT_SCHEMA = {"anyOf": [{"type": "string", "format": "date"},
                            {"type": "string", "format": "date-time"}]}

Moment = Annotated[datetime, BeforeValidator(_parse_site_moment),
                   WithJsonSchema(_MOMENT_SCHEMA)]
"""A date or date-time; no time zone means the site's time zone (the validation context's
``zone``, default UTC)."""

AwareMoment = Annotated[
    datetime,
    BeforeValidator(lambda value: _parse_moment(value, need_offset=True)),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""A date-time that must carry its UTC offset (event times)."""

Day = Annotated[date, BeforeValidator(_parse_day), WithJsonSchema({"type": "string",
                                                                    "format": "date"})]


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _check_https(value: Any) -> Any:
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme != "https" or not parts.netloc:
            raise PydanticCustomError(
                "https_url", "'{value}' is not an https:// address", {"value": value}
            )
        return value.strip()
    return value


def _check_link(value: Any) -> Any:
    """http(s) or relative; never javascript:, data: or another scheme."""
    if isinstance(value, str):
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme and not is_web_url(value):
            raise PydanticCustomError(
                "link_url",
                "'{value}' is not allowed: use an http(s):// address or a relative path",
                {"value": value},
            )
        if not parts.scheme and value.startswith("//"):
            raise PydanticCustomError(
                "link_url", "'{value}' is not allowed: write the address with https://",
                {"value": value},
            )
    return value


def _check_image(value: Any) -> Any:
    """A path relative to content/ or an https URL (the path's existence is a content rule)."""
    value = _check_link(value)
    if isinstance(value, str) and urlsplit(value).scheme == "http":
        raise PydanticCustomError(
            "image_url", "'{value}' must be https:// (or a path inside content/)",
            {"value": value},
        )
    return value


def _check_slug(value: Any) -> Any:
    if isinstance(value, str) and not _SLUG_RE.match(value):
        raise PydanticCustomError(
            "slug", "'{value}' is not a slug: use lowercase letters, digits and '-', "
            "e.g. campus-day-2026", {"value": value},
        )
    if isinstance(value, str) and len(value) > SLUG_MAX:
        raise PydanticCustomError(
            "slug", "is {length} characters long; a slug may have at most {most}",
            {"length": len(value), "most": SLUG_MAX},
        )
    return value


def _check_email(value: Any) -> Any:
    """An address people can write to; email-validator knows the syntax (no DNS lookup:
    a build must not depend on the network)."""
    if isinstance(value, str):
        try:
            return validate_email(value.strip(), check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise PydanticCustomError(
                "email", "'{value}' is not an email address ({reason})",
                {"value": value, "reason": str(error)},
            ) from None
    return value


def _one_or_many(value: Any) -> Any:
    """Editors write ``tags: hiring`` as often as ``tags: [hiring]``: both mean a list."""
    return [value] if isinstance(value, str) else value


HttpsUrl = Annotated[str, BeforeValidator(_check_https),
                     WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"})]
Link = Annotated[str, BeforeValidator(_check_link)]
Email = Annotated[str, BeforeValidator(_check_email),
                  WithJsonSchema({"type": "string", "format": "email"})]
ImageRef = Annotated[str, BeforeValidator(_check_image), Field(min_length=1)]
Slug = Annotated[str, BeforeValidator(_check_slug),
                 WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN,
                                 "maxLength": SLUG_MAX})]
Text = Annotated[str, Field(min_length=1)]
TextList = Annotated[list[Text], BeforeValidator(_one_or_many)]
TagList = Annotated[list[Annotated[str, Field(min_length=1, max_length=TAG_MAX)]],
                    BeforeValidator(_one_or_many)]
"""Tags: each one names a page folder (tags/<tag>/), so their length is bounded."""


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


def slug_from_file_name(stem: str) -> str:
    """The address an entry file gives without ``slug:``: ``2026-05-01-Open-Day`` ->
    ``open-day`` (its date prefix dropped, lowercased; may still not be a valid slug)."""
    return _DATE_PREFIX.sub("", stem).lower()
