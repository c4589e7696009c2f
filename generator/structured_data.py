"""JSON-LD for search engines: JobPosting, Event, Article and Organization blocks.

Every block is plain data turned into text by ``dump``, which escapes ``<``, ``>`` and ``&`` so
that no field (a title holding ``</script>`` or ``<!--``) can end or confuse the <script>
element. URLs are absolute (``site.url`` carries the GitHub Pages project path).

Which page carries what (ARCHITECTURE.md, publication rules):
- open roles: JobPosting; previews, closed roles and listings: none (Google must not show a
  role before its ``public_on`` or after its ``closes``);
- events: Event; news and stories: Article; the home page: Organization.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, tzinfo
from functools import cache
from typing import Any

from babel import Locale

from .content import Entry, State
from .entry_types import TYPES
from .markup import absolute, localize, without_comments, without_permalinks
from .model import EmploymentType, EventFormat, JobFields, Salary, remote_area
from .settings import Settings, Site

SCHEMA = "https://schema.org"
JsonObject = dict[str, Any]

EMPLOYMENT_TYPES = {
    EmploymentType.full_time: "FULL_TIME",
    EmploymentType.part_time: "PART_TIME",
    EmploymentType.contract: "CONTRACTOR",
    EmploymentType.temporary: "TEMPORARY",
    EmploymentType.internship: "INTERN",
}
ATTENDANCE_MODES = {
    EventFormat.online: f"{SCHEMA}/OnlineEventAttendanceMode",
    EventFormat.in_person: f"{SCHEMA}/OfflineEventAttendanceMode",
    EventFormat.hybrid: f"{SCHEMA}/MixedEventAttendanceMode",
}
_PARTS = re.compile(r"\s*[,，]\s*")
_POSTCODE_CITY = re.compile(r"^(?P<code>\d{4,6})\s+(?P<city>\D.*)$")
# A Chinese address, largest unit first: [中国][a province or region] a city (市), the rest.
_CHINESE_ADDRESS = re.compile(r"^(?P<country>中国|中华人民共和国)?\s*"
                              r"(?P<region>[\u4e00-\u9fff]{2,7}?(?:省|自治区))?\s*"
                              r"(?P<city>[\u4e00-\u9fff]{1,7}?市)\s*(?P<street>\S.*)$")
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"}
_COUNTRY_ALIASES = {"usa": "US", "u.s.a.": "US", "u.s.": "US", "uk": "GB", "hong kong": "HK"}
_NAME_LOCALES = ("en", "zh", "de", "fr", "es", "pt", "ja")


def dump(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: '<', '>' and '&' as unicode escapes (still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- places ---------------------------------------------------------------------------------


@cache
def _country_codes(language: str) -> dict[str, str]:
    """Country names in a few languages (and the site's) -> ISO 3166-1 alpha-2 code."""
    codes: dict[str, str] = {}
    for name in (*_NAME_LOCALES, language.replace("-", "_")):
        try:
            territories = Locale.parse(name).territories
        except (ValueError, LookupError):
            continue
        for code, label in territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                codes.setdefault(label.casefold(), code)
                codes.setdefault(code.casefold(), code)
    return {**codes, **_COUNTRY_ALIASES}


def country_code(text: str, language: str = "en") -> str | None:
    """``Germany``, ``德国``, ``DE`` -> ``DE``; None when the text names no country."""
    return _country_codes(language).get(text.strip().casefold())


def job_address(location: str, language: str = "en") -> JsonObject:
    """A job location as written by editors, "City[, Region], Country", as a PostalAddress.

    The last part is the country when it names one (as an ISO code, which Google prefers);
    the first is the city; anything between is the region. One part that is not a country
    is taken as the city.
    """
    parts = [part for part in _PARTS.split(location.strip()) if part]
    address: JsonObject = {"@type": "PostalAddress"}
    code = country_code(parts[-1], language) if parts else None
    if code:
        address["addressCountry"] = code
        parts = parts[:-1]
    if parts:
        address["addressLocality"] = parts[0]
    if len(parts) > 1:
        address["addressRegion"] = ", ".join(parts[1:])
    return address


def venue_address(text: str, language: str = "en") -> JsonObject:
    """A venue address, "Street, [postcode] City, Country", as a PostalAddress.

    Written the other way round from job locations: the street comes first. A Chinese
    address goes from the country down (``[中国][广东省]深圳市南山区...``, ``上海市徐汇区...``):
    its city is the first name ending in 市. Other text that cannot be split stays whole as
    the street address.
    """
    parts = [part for part in _PARTS.split(text.strip()) if part]
    address: JsonObject = {"@type": "PostalAddress"}
    chinese = _CHINESE_ADDRESS.match(text.strip()) if len(parts) == 1 else None
    if chinese:
        if chinese.group("country"):
            address["addressCountry"] = "CN"
        if chinese.group("region"):
            address["addressRegion"] = chinese.group("region")
        address["addressLocality"] = chinese.group("city")
        address["streetAddress"] = chinese.group("street")
        return address
    code = country_code(parts[-1], language) if len(parts) > 1 else None
    if code:
        address["addressCountry"] = code
        parts = parts[:-1]
    if len(parts) > 1:
        city = parts.pop()
        match = _POSTCODE_CITY.match(city)
        if match:
            address["postalCode"] = match.group("code")
            city = match.group("city")
        address["addressLocality"] = city
    if parts:
        address["streetAddress"] = ", ".join(parts)
    return address


def _applicant_area(area: str, language: str) -> JsonObject:
    kind = "Country" if country_code(area, language) else "AdministrativeArea"
    return {"@type": kind, "name": area}


# -- values ---------------------------------------------------------------------------------


def _number(value: float) -> int | float:
    """Salaries are whole numbers: ``65000``, not ``65000.0``."""
    return int(value) if float(value).is_integer() else value


def _moment(value: datetime) -> str:
    return value.isoformat()


def _end_of_day(day: date, zone: tzinfo) -> str:
    """A role is open through its whole ``closes`` day, on the site's clock (``timezone``)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone).isoformat()


def base_salary(salary: Salary) -> JsonObject:
    value: JsonObject = {"@type": "QuantitativeValue", "unitText": salary.per.upper()}
    if salary.min is not None and salary.min == salary.max:
        value["value"] = _number(salary.min)
    else:
        if salary.min is not None:
            value["minValue"] = _number(salary.min)
        if salary.max is not None:
            value["maxValue"] = _number(salary.max)
    return {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}


# -- blocks ---------------------------------------------------------------------------------


class StructuredData:
    """Builds the JSON-LD blocks of a site's pages, each already serialized by ``dump``."""

    def __init__(self, site: Site, settings: Settings, with_language: bool = False) -> None:
        """``site``: a language's own on a site in several (its ``url`` that language's
        root); ``with_language``: such a site's blocks say their language (``inLanguage``)."""
        self.site = site
        self.settings = settings
        self.with_language = with_language

    def absolute(self, ref: str) -> str:
        """An image or link reference (https, or a path from the site root) made absolute."""
        return absolute(ref, self.site.root_url)

    def _language(self, entry: Entry, data: JsonObject) -> JsonObject:
        """``inLanguage``: the language the entry is written in (its ``lang``, else the
        language it is a version of), on a site in several languages."""
        if self.with_language:
            data["inLanguage"] = entry.fields.lang or entry.language
        return data

    def page(self, entry: Entry) -> str:
        return self.site.url + entry.url

    def entry_head(self, entry: Entry) -> list[str]:
        """The JSON-LD blocks of one entry's page (none for drafts, previews, closed roles)."""
        builder = TYPES[entry.kind].jsonld.get(entry.state)  # entry_types.py: by state
        block: JsonObject | None = getattr(self, builder)(entry) if builder else None
        return [dump(self._language(entry, block))] if block else []

    def home_head(self) -> list[str]:
        return [dump({"@context": SCHEMA, **self.organization()})]

    def organization(self) -> JsonObject:
        """The company (its own website, else this site) with its logo."""
        org = self.settings.organization
        data: JsonObject = {"@type": "Organization", "name": org.name,
                            "url": self.absolute(org.url) if org.url else self.site.url}
        if org.logo:
            data["logo"] = self.absolute(org.logo)
        return data

    def hiring_organization(self) -> JsonObject:
        """Google's JobPosting examples name the company's website as ``sameAs``."""
        data = self.organization()
        if self.settings.organization.url:
            data["sameAs"] = data["url"]
        return data

    # JobPosting: https://developers.google.com/search/docs/appearance/structured-data/job-posting
    def job_posting(self, entry: Entry) -> JsonObject:
        job = entry.job
        data: JsonObject = {
            "@context": SCHEMA, "@type": "JobPosting",
            "title": job.title,
            # The toc's "¶" permalinks and comments (the excerpt marker) mean nothing here.
            "description": without_comments(without_permalinks(
                localize(entry.html, self.site.root_url, self.site.url))),
            "datePosted": (job.public_on.isoformat() if job.public_on
                           else _moment(job.date)),
            # Recommended, not required: left out when the role does not say (no guess).
            **({"employmentType": EMPLOYMENT_TYPES[job.employment_type]}
               if job.employment_type else {}),
            "hiringOrganization": self.hiring_organization(),
            "identifier": {"@type": "PropertyValue", "name": self.settings.organization.name,
                           "value": entry.slug},
            "url": self.page(entry),
            "directApply": self.direct_apply(entry),
        }
        if job.closes:
            data["validThrough"] = _end_of_day(job.closes, self.settings.zone)
        if job.salary:
            data["baseSalary"] = base_salary(job.salary)
        if job.image:
            data["image"] = self.absolute(job.image)
        data.update(self.job_places(job))
        return data

    @staticmethod
    def direct_apply(entry: Entry) -> bool:
        """Google: true only when the application itself happens on this page.

        No page here takes applications: an open role links to ``apply_url`` (another site)
        or opens a mail to ``apply_email``, and the only job form, a preview's "tell me when
        it opens", is not an application (previews carry no JobPosting anyway).
        """
        return False

    def job_places(self, job: JobFields) -> JsonObject:
        """Offices as jobLocation; remote work as TELECOMMUTE with the areas it is open to.

        A role is remote when its workplace is remote or one of its locations is (``Remote
        (EU)``). Its applicant areas are those remote locations name, else the countries of
        its other locations (a remote role "in Germany" is open to people in Germany).
        """
        language = self.site.language
        offices = [loc for loc in job.locations if remote_area(loc) is None]
        areas = [area for loc in job.locations if (area := remote_area(loc))]
        remote = job.remote
        data: JsonObject = {}
        if offices:
            data["jobLocation"] = [{"@type": "Place", "address": job_address(loc, language)}
                                   for loc in offices]
        if remote:
            data["jobLocationType"] = "TELECOMMUTE"
            if job.remote_countries:
                # The editor's own list of ISO codes: exactly where applicants may live.
                data["applicantLocationRequirements"] = [
                    {"@type": "Country", "name": code} for code in job.remote_countries]
                return data
            if not areas:
                countries = (_PARTS.split(loc.strip())[-1] for loc in offices)
                areas = [name for name in countries if country_code(name, language)]
            if areas:
                data["applicantLocationRequirements"] = [
                    _applicant_area(area, language) for area in dict.fromkeys(areas)]
        return data

    # Event: https://developers.google.com/search/docs/appearance/structured-data/event
    def event(self, entry: Entry) -> JsonObject:
        event = entry.event
        zone = event.zone
        start, end = event.start, event.ends
        if zone is not None:
            start, end = start.astimezone(zone), end.astimezone(zone)
        data: JsonObject = {
            "@context": SCHEMA, "@type": "Event",
            "name": event.title,
            "startDate": _moment(start),
            "endDate": _moment(end),
            "eventAttendanceMode": ATTENDANCE_MODES[event.format],
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "location": self.event_locations(entry),
            "organizer": self.organization(),
            "url": self.page(entry),
            "description": entry.summary,
        }
        if event.image:
            data["image"] = [self.absolute(event.image)]
        offer = self.offer(entry)
        if offer:
            data["offers"] = offer
        return data

    def offer(self, entry: Entry) -> JsonObject | None:
        """How to get in, while one can: the external registration page, else the page's own
        registration form (a site with ``signup``); free unless ``price`` says otherwise."""
        event = entry.event
        if entry.state != State.upcoming:
            return None
        url = event.register_url or (self.page(entry) if self.settings.signup else None)
        if url is None:
            return None
        offer: JsonObject = {"@type": "Offer", "url": url, "price": 0,
                             "availability": f"{SCHEMA}/InStock",
                             "validFrom": _moment(event.date)}
        if event.price is not None:
            offer["price"] = _number(event.price.amount)
            offer["priceCurrency"] = event.price.currency
        return offer

    def event_locations(self, entry: Entry) -> list[JsonObject]:
        """A Place for the venue, a VirtualLocation for online attendance (both if hybrid).

        The virtual location is where people attend: the join link. Only an online event
        without one (the link comes later, by mail) falls back to its page.
        """
        event = entry.event
        places: list[JsonObject] = []
        if event.format != EventFormat.online and event.venue is not None:
            place: JsonObject = {"@type": "Place", "name": event.venue.name}
            if event.venue.address:
                place["address"] = venue_address(event.venue.address, self.site.language)
            places.append(place)
        if event.format != EventFormat.in_person:
            places.append({"@type": "VirtualLocation",
                           "url": event.join_url or self.page(entry)})
        return places

    # Article: https://developers.google.com/search/docs/appearance/structured-data/article
    def article(self, entry: Entry) -> JsonObject:
        fields = entry.fields
        data: JsonObject = {
            "@context": SCHEMA, "@type": "Article",
            "headline": fields.title,
            "datePublished": _moment(fields.date),
            "dateModified": _moment(fields.updated or fields.date),
            "author": [self.author(entry)],
            "publisher": self.organization(),
            "mainEntityOfPage": self.page(entry),
            "url": self.page(entry),
            "description": entry.summary,
        }
        person = getattr(fields, "employee", None) or getattr(fields, "member", None)
        image = fields.image or getattr(person, "photo", None)
        if image:
            data["image"] = [self.absolute(image)]
        if person is not None:
            data["about"] = self.person(entry)
        return data

    def person(self, entry: Entry) -> JsonObject:
        """Who a story (an employee) or a spotlight (a community member) is about."""
        employee = getattr(entry.fields, "employee", None)
        if employee is not None:
            return {"@type": "Person", "name": employee.name, "jobTitle": employee.role,
                    "worksFor": self.organization()}
        member = entry.fields.member  # type: ignore[attr-defined]
        data: JsonObject = {"@type": "Person", "name": member.name}
        if member.headline:
            data["description"] = member.headline
        if member.photo:
            data["image"] = self.absolute(member.photo)
        if member.url:
            data["url"] = self.absolute(member.url)
        return data

    def author(self, entry: Entry) -> JsonObject:
        """A news item's named author; stories are told by the company about an employee."""
        name = getattr(entry.fields, "author", None)
        if name:
            return {"@type": "Person", "name": name}
        return self.organization()
