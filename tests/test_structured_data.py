"""JSON-LD: the serializer, the address parsing, and every block of the built example site.

The example site is built once per session (``example_site``, 2026-11-26T12:00Z) and its pages
are read back with extruct, the way a crawler reads them. What each page should carry is
worked out here from the front matter in content/, independently of the generator.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import extruct
import lxml.html
import pytest
import yaml
from conftest import EPOCH, REPO_ROOT
from fixtures.project import TRANSLATION

from generator.structured_data import (
    country_code,
    dump,
    job_address,
    remote_area,
    venue_address,
)

CONTENT = REPO_ROOT / "content"
SITE_URL = "https://northwind.github.io/careers/"
NOW = datetime.fromtimestamp(EPOCH, tz=UTC)
EMPLOYMENT = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR",
              "temporary": "TEMPORARY", "internship": "INTERN"}
FORMATS = {"online": "https://schema.org/OnlineEventAttendanceMode",
           "in_person": "https://schema.org/OfflineEventAttendanceMode",
           "hybrid": "https://schema.org/MixedEventAttendanceMode"}
NASTY = '</script><script>alert(1)</script> <!-- & "q" \u2028'


# ------------------------------------------------------------------------------- units


def test_dump_is_valid_json_that_cannot_end_a_script_element() -> None:
    data = {"name": NASTY, "nested": [{"x": "<!--<script>"}], "cjk": "上海"}
    text = dump(data)
    assert json.loads(text) == data
    for forbidden in ("<", ">", "&"):
        assert forbidden not in text
    assert "上海" in text  # readable, not \\u-escaped
    assert dump(data) == dump(dict(reversed(list(data.items()))))  # key order is fixed


@pytest.mark.parametrize(("location", "expected"), [
    ("Berlin, Germany", {"addressLocality": "Berlin", "addressCountry": "DE"}),
    ("Shanghai, China", {"addressLocality": "Shanghai", "addressCountry": "CN"}),
    ("上海，中国", {"addressLocality": "上海", "addressCountry": "CN"}),
    ("Austin, TX, USA", {"addressLocality": "Austin", "addressRegion": "TX",
                         "addressCountry": "US"}),
    ("Porto, PT", {"addressLocality": "Porto", "addressCountry": "PT"}),
    ("Berlin", {"addressLocality": "Berlin"}),
    ("Germany", {"addressCountry": "DE"}),
    ("Springfield, Atlantis", {"addressLocality": "Springfield", "addressRegion": "Atlantis"}),
])
def test_job_location_becomes_a_postal_address(location: str, expected: dict) -> None:
    assert job_address(location) == {"@type": "PostalAddress", **expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Am Speicher 12, 10245 Berlin, Germany", {
        "streetAddress": "Am Speicher 12", "postalCode": "10245",
        "addressLocality": "Berlin", "addressCountry": "DE"}),
    ("12F, 2879 Longteng Avenue, Xuhui District, Shanghai, China", {
        "streetAddress": "12F, 2879 Longteng Avenue, Xuhui District",
        "addressLocality": "Shanghai", "addressCountry": "CN"}),
    # A Chinese address runs from the largest unit down: its city is the name ending in 市.
    ("上海市徐汇区龙腾大道 2879 号 12 楼", {"addressLocality": "上海市",
                                    "streetAddress": "徐汇区龙腾大道 2879 号 12 楼"}),
    ("中国广东省深圳市南山区科技园 1 号", {
        "addressCountry": "CN", "addressRegion": "广东省", "addressLocality": "深圳市",
        "streetAddress": "南山区科技园 1 号"}),
    ("徐汇区龙腾大道 2879 号", {"streetAddress": "徐汇区龙腾大道 2879 号"}),  # no city: whole
    ("Germany", {"streetAddress": "Germany"}),  # a single part is never taken as a country
])
def test_venue_address_becomes_a_postal_address(text: str, expected: dict) -> None:
    assert venue_address(text) == {"@type": "PostalAddress", **expected}


def test_remote_locations_and_country_names() -> None:
    assert remote_area("Remote (EU)") == "EU"
    assert remote_area("remote - Germany") == "Germany"
    assert remote_area("Remote") == ""
    assert remote_area("远程（欧盟）") == "欧盟"
    assert remote_area("Berlin, Germany") is None
    assert remote_area("Remoteville, Germany") is None
    assert country_code("德国") == "DE"
    assert country_code("EU") is None  # a union, not a country
    assert country_code("Narnia") is None


# ------------------------------------------------------------------------ example site


def front_matter(path: Path) -> dict[str, Any]:
    """Front matter as plain strings (BaseLoader), parsed here rather than by the generator."""
    text = path.read_text(encoding="utf-8")
    return yaml.load(text.split("---", 2)[1], Loader=yaml.BaseLoader)


def slug_of(path: Path, meta: dict[str, Any]) -> str:
    stem = TRANSLATION.sub("", path.name) if TRANSLATION.search(path.name) else path.stem
    return meta.get("slug") or (stem[11:] if stem[:4].isdigit() and stem[10] == "-" else stem)


def moment(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def entries(kind: str, translations: bool = False) -> dict[str, dict[str, Any]]:
    """URL path -> front matter of every published entry of a type at the build time: the
    page of its own language (zh/... for an entry written in Chinese only; the English site
    shows a copy of it, without structured data); with ``translations`` the Chinese
    translations (x.zh.md, at zh/...) too."""
    found = {}
    for path in sorted((CONTENT / kind).glob("*.md")):
        translated = bool(TRANSLATION.search(path.name))
        if translated and not translations:
            continue
        meta = front_matter(path)
        if meta.get("draft") == "true" or moment(meta["date"]) > NOW:
            continue
        language = "zh/" if translated or meta.get("lang") == "zh" else ""
        found[f"{language}{kind}/{slug_of(path, meta)}/"] = meta
    return found


def slug_in(url: str) -> str:
    """``jobs/x/`` and ``zh/jobs/x/`` -> ``x``."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def job_is_open(meta: dict[str, Any]) -> bool:
    today = NOW.date()
    public_on = date.fromisoformat(meta["public_on"]) if "public_on" in meta else None
    closes = date.fromisoformat(meta["closes"]) if "closes" in meta else None
    return (public_on is None or public_on <= today) and (closes is None or today <= closes)


def page_url(path: Path, site: Path) -> str:
    relative = path.relative_to(site).parent.as_posix()
    return "" if relative == "." else relative + "/"


@pytest.fixture(scope="module")
def jsonld(example_site: Path) -> dict[str, list[dict[str, Any]]]:
    """Page URL -> the JSON-LD items extruct reads from that page (every built page)."""
    found = {}
    for path in sorted(example_site.rglob("*.html")):
        items = extruct.extract(path.read_text(encoding="utf-8"), base_url=SITE_URL,
                                syntaxes=["json-ld"], uniform=True)["json-ld"]
        found[page_url(path, example_site)] = items
    return found


def of_type(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [item for item in items if item.get("@type") == kind]


def test_job_postings_only_on_open_roles(jsonld: dict[str, list[dict[str, Any]]]) -> None:
    jobs = entries("jobs")
    open_roles = {url for url, meta in jobs.items() if job_is_open(meta)}
    assert len(open_roles) == 4 and len(jobs) == 6  # the example content's roles
    carrying = {url for url, items in jsonld.items() if of_type(items, "JobPosting")}
    assert carrying == open_roles
    for url in open_roles:
        assert len(jsonld[url]) == 1


def job_form(site: Path, url: str) -> bool:
    """The page carries a form about this role (hidden field ``job`` = its slug)."""
    page = lxml.html.fromstring((site / url / "index.html").read_bytes())
    return bool(page.xpath(f'//form[.//input[@name="job"][@value="{slug_in(url)}"]]'))


def test_job_posting_carries_every_property_the_entry_has(
        jsonld: dict[str, list[dict[str, Any]]], example_site: Path) -> None:
    assert job_form(example_site, "jobs/senior-backend-engineer-route-planning/")  # preview
    for url, meta in entries("jobs").items():
        if not job_is_open(meta):
            continue
        [posting] = jsonld[url]
        assert posting["@context"] == "https://schema.org"
        assert posting["title"] == meta["title"]
        assert posting["url"] == SITE_URL + url
        check_description(posting["description"])
        posted = meta.get("public_on") or meta["date"]
        assert moment(posting["datePosted"]).date() == moment(posted).date()
        if "closes" in meta:
            through = datetime.fromisoformat(posting["validThrough"])
            assert through.tzinfo is not None and through.date().isoformat() == meta["closes"]
        else:
            assert "validThrough" not in posting
        if "employment_type" in meta:
            assert posting["employmentType"] == EMPLOYMENT[meta["employment_type"]]
        else:  # the role does not say: neither does its JobPosting
            assert "employmentType" not in posting
        check_organization(posting["hiringOrganization"])
        assert posting["hiringOrganization"]["sameAs"] == "https://northwind.example"
        assert posting["identifier"] == {"@type": "PropertyValue", "name": "Northwind",
                                         "value": slug_in(url)}
        # Direct apply: on this very page, not on another site's applicant tracking system.
        assert posting["directApply"] is ("apply_url" not in meta
                                          and job_form(example_site, url))
        check_places(posting, meta)
        check_salary(posting, meta)


def check_description(description: str) -> None:
    assert isinstance(description, str) and description.startswith("<")
    root = lxml.html.fragment_fromstring(description, create_parent="div")
    assert root.xpath("//p"), "the HTML body, not a summary"
    for link in root.xpath("//@href | //@src"):
        assert link.startswith(("https://", "http://", "mailto:", "#")), link
    assert "\ue000" not in description and "headerlink" not in description
    assert "<!--" not in description


def check_organization(org: dict[str, Any]) -> None:
    assert org["@type"] == "Organization" and org["name"] == "Northwind"
    assert org["url"] == "https://northwind.example"
    assert org["logo"] == SITE_URL + "assets/logo.svg"


def check_places(posting: dict[str, Any], meta: dict[str, Any]) -> None:
    locations = meta["locations"]
    offices = [loc for loc in locations if not loc.startswith("Remote")]
    remote = meta.get("workplace") == "remote" or len(offices) < len(locations)
    places = posting.get("jobLocation", [])
    assert len(places) == len(offices)
    for place, office in zip(places, offices, strict=True):
        city, country = re.split(r", |，", office)  # "Berlin, Germany", "上海，中国"
        assert place["@type"] == "Place"
        assert place["address"]["@type"] == "PostalAddress"
        assert place["address"]["addressLocality"] == city
        assert place["address"]["addressCountry"] == {"Germany": "DE", "China": "CN",
                                                      "中国": "CN"}[country]
    if remote:
        assert posting["jobLocationType"] == "TELECOMMUTE"
        areas = posting["applicantLocationRequirements"]
        assert areas and all(a["@type"] in ("Country", "AdministrativeArea") for a in areas)
        if meta.get("remote_countries"):  # the editor's list wins over "Remote (EU)"
            assert areas == [{"@type": "Country", "name": code}
                             for code in meta["remote_countries"]]
        else:
            assert {"@type": "AdministrativeArea", "name": "EU"} in areas
    else:
        assert "jobLocationType" not in posting
        assert "applicantLocationRequirements" not in posting


def check_salary(posting: dict[str, Any], meta: dict[str, Any]) -> None:
    salary = meta.get("salary")
    if salary is None:
        assert "baseSalary" not in posting
        return
    amount = posting["baseSalary"]
    assert amount["@type"] == "MonetaryAmount" and amount["currency"] == salary["currency"]
    value = amount["value"]
    assert value["@type"] == "QuantitativeValue"
    assert value["unitText"] == salary["per"].upper()
    assert value["unitText"] in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")
    low, high = float(salary["min"]), float(salary["max"])
    if low == high:
        assert value["value"] == low and isinstance(value["value"], int | float)
    else:
        assert (value["minValue"], value["maxValue"]) == (low, high)
        assert all(isinstance(value[k], int | float) for k in ("minValue", "maxValue"))


def test_events_carry_their_schedule_mode_and_places(
        jsonld: dict[str, list[dict[str, Any]]]) -> None:
    events = entries("events")
    assert {meta["format"] for meta in events.values()} == set(FORMATS)
    for url, meta in events.items():
        [event] = jsonld[url]
        assert event["@type"] == "Event" and event["name"] == meta["title"]
        start = datetime.fromisoformat(event["startDate"])
        end = datetime.fromisoformat(event["endDate"])
        assert start.utcoffset() is not None and end.utcoffset() is not None
        assert start == moment(meta["start"])
        assert end == (moment(meta["end"]) if "end" in meta
                       else moment(meta["start"]) + timedelta(hours=1))
        if "timezone" in meta:  # shown in the event's own zone, with that zone's offset
            assert start.utcoffset() == start.astimezone(ZoneInfo(meta["timezone"])).utcoffset()
        assert event["eventAttendanceMode"] == FORMATS[meta["format"]]
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["url"] == SITE_URL + url
        assert event["image"] == [SITE_URL + meta["image"]]
        check_organization(event["organizer"])
        kinds = [place["@type"] for place in event["location"]]
        assert kinds == {"online": ["VirtualLocation"], "in_person": ["Place"],
                         "hybrid": ["Place", "VirtualLocation"]}[meta["format"]]
        for place in event["location"]:
            if place["@type"] == "Place":
                assert place["name"] == meta["venue"]["name"]
                assert place["address"]["@type"] == "PostalAddress"
            else:
                # Where people attend: the join link, the page only when there is none.
                assert place["url"] == (meta.get("join_url") or SITE_URL + url)


def test_articles_on_news_and_stories(jsonld: dict[str, list[dict[str, Any]]]) -> None:
    for kind in ("news", "stories"):
        for url, meta in entries(kind).items():
            [article] = jsonld[url]
            assert article["@type"] == "Article"
            assert article["headline"] == meta["title"]
            assert moment(article["datePublished"]) == moment(meta["date"])
            assert moment(article["dateModified"]) == moment(meta.get("updated", meta["date"]))
            [author] = article["author"]
            if meta.get("author"):
                assert author == {"@type": "Person", "name": meta["author"]}
            else:
                check_organization(author)
            if "image" in meta:
                assert article["image"] == [SITE_URL + meta["image"]]
            check_organization(article["publisher"])


def test_organization_on_home_and_nothing_on_other_pages(
        jsonld: dict[str, list[dict[str, Any]]]) -> None:
    [org] = jsonld[""]
    check_organization(org)
    assert jsonld["zh/"] == jsonld[""]  # the Chinese home: the same organization
    entry_pages = {*entries("news", True), *entries("stories", True),
                   *entries("spotlights", True), *entries("events", True),
                   *(url for url, meta in entries("jobs", True).items() if job_is_open(meta))}
    with_data = {url for url, items in jsonld.items() if items}
    assert with_data == entry_pages | {"", "zh/"}
    for url in ("jobs/", "events/", "news/", "segments/berlin/", "spotlights/"):
        assert jsonld[url] == [], url
