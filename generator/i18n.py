"""Interface strings from the gettext catalogs in ``locales/``, and Babel date formatting.

Every string the generator shows is a message of the ``community`` domain, one catalog per
language: ``locales/<lang>/LC_MESSAGES/community.po``. The msgid is a stable key
(``job.apply``), so templates and code name what they mean and English wording can change
without touching any other catalog; the English catalog holds the source text.

The catalogs are compiled with Babel when a build first asks for a language (about 2 ms each,
then cached for the process), not into ``.mo`` files at install time: an editable install or a
checkout on PYTHONPATH never runs an install step, so a compiled file could silently lag
behind its ``.po``. A message missing from a catalog falls back to English, and so does a
language without a catalog; tests/test_i18n.py keeps every catalog complete.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from pathlib import Path
from types import MappingProxyType

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_location
from babel.messages.pofile import read_po
from babel.numbers import format_currency

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "community"
SOURCE_LANGUAGE = "en"


def catalog_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """Every language with a catalog, e.g. ['de', 'en', 'fr', 'zh']."""
    return sorted(path.name for path in LOCALES.iterdir() if catalog_path(path.name).is_file())


@cache
def messages(language: str) -> Mapping[str, str]:
    """key -> text of one catalog; fuzzy and untranslated entries count as missing."""
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    return MappingProxyType({str(message.id): str(message.string) for message in catalog
                             if message.id and message.string and not message.fuzzy})


class _Catalogs(Mapping[str, Mapping[str, str]]):
    """``CATALOG[language][key]``: every catalog, each read on first use."""

    def __getitem__(self, language: str) -> Mapping[str, str]:
        if not catalog_path(language).is_file():
            raise KeyError(language)
        return messages(language)

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


CATALOG: Mapping[str, Mapping[str, str]] = _Catalogs()


def placeholders(text: str) -> set[str]:
    """The names a message fills in: "Published {date}" -> {"date"} (ValueError if broken)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name (Babel's CLDR data): in itself, or as ``in_language`` names it
    ("English" in zh: "英语")."""
    try:
        locale = Locale.parse(code.replace("-", "_"))
        named_in = Locale.parse(in_language.replace("-", "_")) if in_language else locale
        return locale.get_display_name(named_in) or code
    except (ValueError, LookupError):
        return code


def catalog_language(language: str) -> str:
    """'zh', 'zh-Hans', 'zh_CN' -> 'zh'; languages without a catalog fall back to English."""
    primary = language.replace("_", "-").split("-")[0].lower()
    return primary if catalog_path(primary).is_file() else SOURCE_LANGUAGE


class Translator:
    """Strings and dates in one language; ``overrides`` (a site's own wording) win.

    ``zone``: the site's time zone (settings ``timezone``). A moment is shown as the day it
    is there: ``2026-11-02T20:00:00-08:00`` is 3 November on a Shanghai site's pages."""

    def __init__(self, language: str, overrides: Mapping[str, str] | None = None,
                 zone: tzinfo = UTC) -> None:
        self.zone = zone
        self.language = catalog_language(language)
        self.strings = {**messages(SOURCE_LANGUAGE), **messages(self.language),
                        **(overrides or {})}
        try:
            self.locale = Locale.parse(language.replace("-", "_"))
        except (ValueError, LookupError):
            self.locale = Locale.parse(self.language)

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def date(self, value: date | datetime, style: str = "long") -> str:
        """A day as it is; a moment as its day on the site's clock."""
        if isinstance(value, datetime):
            value = value.astimezone(self.zone)
        return self.day_there(value, style)

    def day_there(self, value: date | datetime, style: str = "long") -> str:
        """A moment's day on its own clock: an event's day where it takes place (its times
        name that place, "18:30 Berlin time")."""
        return format_date(value, format=style, locale=self.locale)

    def time(self, value: datetime) -> str:
        return format_time(value, format="short", locale=self.locale)

    def money(self, amount: float, currency: str) -> str:
        whole = amount % 1 == 0  # salaries are whole numbers: "€65,000", not "€65,000.00"
        return format_currency(amount, currency, format="¤#,##0" if whole else None,
                               locale=self.locale, currency_digits=not whole)

    def moment_range(self, start: datetime, end: datetime | None, zone: tzinfo | None) -> str:
        """An event's time in its own zone, named by place ("Berlin time"), or at its written
        offset without one ("UTC+01:00"). Without ``end`` only the start: an invented end
        time would be a promise nobody made."""
        if zone is not None:
            start = start.astimezone(zone)
            end = end.astimezone(zone) if end is not None else None
        where = self.zone_label(start, zone)
        if end is None:
            return self("event.moment_start", date=self.day_there(start, "full"),
                        start=self.time(start), offset=where)
        if start.date() == end.date():
            return self("event.moment", date=self.day_there(start, "full"),
                        start=self.time(start),
                        end=self.time(end), offset=where)
        return self("event.moment_long", start_date=self.day_there(start, "full"),
                    start=self.time(start), end_date=self.day_there(end, "full"),
                    end=self.time(end), offset=where)

    def zone_label(self, moment: datetime, zone: tzinfo | None) -> str:
        """"Berlin time" for a named zone (Babel's city name, in the site's language);
        "UTC+01:00" for a bare offset, which names no place."""
        name = getattr(zone, "key", None)
        if name and name not in ("UTC", "Etc/UTC"):
            city = get_timezone_location(name, locale=self.locale, return_city=True)
            return self("event.zone", city=city)
        offset = moment.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}" if offset and offset != "+0000" else "UTC"
