"""Roles and events change state on their dates, with nobody editing the site.

The fixture site tests/fixtures/lifecycle/ is built with the real ``mkdocs build`` at three
build times (SOURCE_DATE_EPOCH):

- BEFORE 2027-03-01: "Platform Engineer" is a community preview (public_on 2027-03-10), every
  event is upcoming;
- BETWEEN 2027-04-01: the role is open (closes 2027-04-30); the online webinar (2027-03-05)
  is past, the hybrid critique (2027-04-20) and the Berlin evening (2027-07-01) upcoming;
- AFTER 2027-08-15: the role is closed, every event is past; only the Berlin evening ended in
  the last 90 days.

Each time, the page's JSON-LD, robots meta, the sitemap, the listings, the badges, the feeds
and the calendars must say the same thing.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import feedparser
import lxml.etree
import lxml.html
import pytest
from conftest import REPO_ROOT
from icalendar import Calendar

if TYPE_CHECKING:
    from conftest import BuildSite

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "lifecycle"
SITE_URL = "https://example.org/talent/"
BEFORE, BETWEEN, AFTER = 1803902400, 1806580800, 1818331200
EPOCHS = (BEFORE, BETWEEN, AFTER)
ROLE = "jobs/platform-engineer/"
NASTY_JOB = "jobs/script-intern/"
NASTY_NEWS = "news/launch/"
WEBINAR, CRITIQUE, EVENING = ("events/onboarding-webinar/", "events/design-critique/",
                              "events/berlin-open-evening/")
JOIN = {WEBINAR: "https://meet.example.org/onboarding",
        CRITIQUE: "https://meet.example.org/critique"}
LD_JSON = "application/ld+json"
JOB_FORM = '//form[.//input[@name="job"][@value="platform-engineer"]]'


@dataclass
class Built:
    epoch: int
    root: Path

    @property
    def now(self) -> datetime:
        return datetime.fromtimestamp(self.epoch, tz=UTC)

    def html(self, url: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.root / url / "index.html").read_bytes())

    def jsonld(self, url: str) -> list[dict[str, Any]]:
        return [json.loads(script.text) for script in
                self.html(url).xpath(f'//script[@type="{LD_JSON}"]')]

    def noindex(self, url: str) -> bool:
        return bool(self.html(url).xpath('//head/meta[@name="robots"][@content="noindex"]'))

    def sitemap(self) -> set[str]:
        tree = lxml.etree.parse(str(self.root / "sitemap.xml"))
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        return {loc.removeprefix(SITE_URL) for loc in tree.xpath("//s:loc/text()",
                                                                 namespaces=ns)}

    def cards(self, url: str, group: str | None = None) -> list[str]:
        """Entry URLs of the cards on a listing page (or in one titled group of it)."""
        page = self.html(url)
        scope = (page.xpath(f'//h2[normalize-space()="{group}"]/following-sibling::div[1]')
                 if group else page.xpath('//div[contains(@class, "cm-listing")]'))
        if not scope:
            return []
        links = scope[0].xpath('.//article[contains(@class, "cm-card")]//h2//a/@href | '
                               './/article[contains(@class, "cm-card")]//h3//a/@href')
        return [resolve(url, href) for href in links]

    def home_section(self, section: str) -> list[str]:
        links = self.html("").xpath(
            f'//section[@aria-labelledby="cm-home-{section}"]//article//h3/a/@href')
        return [resolve("", href) for href in links]

    def feed(self, name: str) -> feedparser.FeedParserDict:
        return feedparser.parse((self.root / "feeds" / name).read_bytes())

    def calendar(self, path: str) -> Calendar:
        return Calendar.from_ical((self.root / path).read_bytes())


def resolve(page: str, href: str) -> str:
    """A relative link on the page at ``page`` -> path from the site root."""
    path = posixpath.normpath(posixpath.join(page, href))
    return "" if path == "." else path + ("/" if href.endswith("/") else "")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> dict[int, Built]:
    built = {}
    for epoch in EPOCHS:
        out = tmp_path_factory.mktemp(f"lifecycle-{epoch}") / "site"
        result = build_site(FIXTURE, out, epoch)
        assert result.returncode == 0, result.stderr
        built[epoch] = Built(epoch, out)
    return built


# ------------------------------------------------------------------------------- the role


def test_before_public_on_the_role_is_a_community_preview(sites: dict[int, Built]) -> None:
    site = sites[BEFORE]
    page = site.html(ROLE)
    assert site.noindex(ROLE)
    assert site.jsonld(ROLE) == []
    assert ROLE not in site.sitemap()
    badge = page.xpath('//div[contains(@class, "cm-entry")]'
                       '//p[contains(@class, "cm-badge--preview")]')[0].text_content()
    assert badge == "Community preview — public from March 10, 2027"
    assert page.xpath('//div[contains(@class, "cm-entry")]/@data-state') == ["preview"]
    [form] = page.xpath(JOB_FORM)  # the community's "tell me when it opens" form
    section = form.getparent()
    assert section.xpath("./h2")[0].text_content() == "Tell me when this role opens"
    assert "applications open on March 10, 2027" in section.xpath("./p")[0].text_content()
    strings = json.loads(form.get("data-cm-strings"))
    assert strings["success"] == "Thank you! We will email you when this role opens."
    assert not page.xpath('//p[contains(@class, "cm-apply")]')  # no way to apply yet
    assert ROLE in site.cards("jobs/") and ROLE in site.home_section("roles")
    assert ROLE in site.cards("segments/engineering/")
    card = site.html("jobs/").xpath(f'//article[.//a[@href="../{ROLE}"]]')[0]
    assert "Community preview — public from March 10, 2027" in card.text_content()
    [item] = [i for i in site.feed("jobs.rss").entries if i.link == SITE_URL + ROLE]
    assert "Community preview — public from March 10, 2027" in item.content[0].value


def test_between_public_on_and_closes_the_role_is_open(sites: dict[int, Built]) -> None:
    site = sites[BETWEEN]
    page = site.html(ROLE)
    assert not site.noindex(ROLE)
    assert ROLE in site.sitemap()
    assert not page.xpath('//*[contains(@class, "cm-badge")]')
    assert ROLE in site.cards("jobs/") and ROLE in site.home_section("roles")
    [item] = [i for i in site.feed("jobs.rss").entries if i.link == SITE_URL + ROLE]
    assert "Community preview" not in item.content[0].value
    [posting] = site.jsonld(ROLE)
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "Platform Engineer, Payments"
    assert posting["datePosted"] == "2027-03-10"
    assert posting["validThrough"] == "2027-04-30T23:59:59+00:00"
    assert posting["employmentType"] == "PART_TIME"
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == [
        {"@type": "AdministrativeArea", "name": "EU"}]
    assert posting["jobLocation"] == [{"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"}}]
    assert posting["baseSalary"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": {
        "@type": "QuantitativeValue", "minValue": 40, "maxValue": 55, "unitText": "HOUR"}}
    # The application happens in the candidate's mail program, not on this page: no form,
    # and the JobPosting says so.
    assert posting["directApply"] is False
    assert "opens" not in (site.root / ROLE / "index.html").read_text(encoding="utf-8")
    assert not page.xpath("//form[not(contains(@class, 'md-search'))]"
                          "[.//input[@name='job']]")
    [apply] = page.xpath('//p[contains(@class, "cm-apply")]/a/@href')
    assert apply == ("mailto:platform-jobs@example.org?subject=Application%3A%20Platform%20"
                     "Engineer%2C%20Payments")
    assert posting["identifier"] == {"@type": "PropertyValue", "name": "Example Corp",
                                     "value": "platform-engineer"}
    assert posting["hiringOrganization"] == {
        "@type": "Organization", "name": "Example Corp", "url": "https://corp.example.org",
        "sameAs": "https://corp.example.org", "logo": SITE_URL + "assets/logo.svg"}
    # The body's link to another entry is absolute in structured data.
    assert f'href="{SITE_URL}news/launch/"' in posting["description"]


def test_after_closes_the_role_keeps_its_page_and_leaves_everything_else(
        sites: dict[int, Built]) -> None:
    site = sites[AFTER]
    page = site.html(ROLE)
    assert site.noindex(ROLE)
    assert site.jsonld(ROLE) == []
    assert ROLE not in site.sitemap()
    assert page.xpath('//p[contains(@class, "cm-badge--closed")]')[0].text_content() == (
        "This role is closed")
    notice = page.xpath('//p[contains(@class, "cm-notice")]')[0]
    assert [resolve(ROLE, h) for h in notice.xpath(".//a/@href")] == ["jobs/"]
    assert ROLE not in site.cards("jobs/") and ROLE not in site.home_section("roles")
    assert ROLE not in site.cards("segments/engineering/")
    assert site.cards("tags/platform/") == []  # the page its tag link points to stays
    assert SITE_URL + ROLE not in {i.link for i in site.feed("jobs.rss").entries}
    assert SITE_URL + ROLE not in {i.link for i in site.feed("all.atom").entries}


def test_only_open_roles_ever_carry_a_job_posting(sites: dict[int, Built]) -> None:
    for site in sites.values():
        carrying = {
            page_of(path, site.root) for path in site.root.rglob("*.html")
            if '"JobPosting"' in path.read_text(encoding="utf-8")}
        expected = {NASTY_JOB} | ({ROLE} if site.epoch == BETWEEN else set())
        assert carrying == expected, site.epoch


def page_of(path: Path, root: Path) -> str:
    relative = path.relative_to(root).parent.as_posix()
    return "" if relative == "." else relative + "/"


# ------------------------------------------------------------------- hostile titles


@pytest.mark.parametrize("epoch", EPOCHS)
def test_script_in_a_title_stays_inside_one_json_ld_block(
        sites: dict[int, Built], epoch: int) -> None:
    site = sites[epoch]
    for url, kind, key, title in (
            (NASTY_JOB, "JobPosting", "title",
             'Intern </script><script>alert(1)</script> <!-- & "quotes"'),
            (NASTY_NEWS, "Article", "headline",
             "Launch </script><script>alert(1)</script> <!-- news")):
        page = site.html(url)
        scripts = page.xpath(f'//script[@type="{LD_JSON}"]')
        assert len(scripts) == 1
        data = json.loads(scripts[0].text)
        assert data["@type"] == kind and data[key] == title
        raw = (site.root / url / "index.html").read_text(encoding="utf-8")
        assert raw.count(f'<script type="{LD_JSON}">') == 1
        block = raw.split(f'<script type="{LD_JSON}">', 1)[1].split("</script>", 1)[0]
        assert json.loads(block) == data  # the element ends where the JSON ends
        assert not [s for s in page.xpath("//script") if "alert(1)" in (s.text or "")
                    and s.get("type") != LD_JSON]
        assert page.findtext(".//title").startswith(title)
    [article] = site.jsonld(NASTY_NEWS)
    assert article["author"] == [{"@type": "Person", "name": "Dana </script> Editor"}]
    assert article["description"] == "A summary with </script> and <!-- in it."


# -------------------------------------------------------------------------------- events


def test_events_move_from_upcoming_to_past(sites: dict[int, Built]) -> None:
    upcoming = {BEFORE: [WEBINAR, CRITIQUE, EVENING], BETWEEN: [CRITIQUE, EVENING],
                AFTER: []}
    for epoch, site in sites.items():
        past = [url for url in (EVENING, CRITIQUE, WEBINAR) if url not in upcoming[epoch]]
        assert site.cards("events/", "Upcoming events") == upcoming[epoch], epoch
        assert site.cards("events/", "Past events") == past, epoch
        assert site.home_section("events") == upcoming[epoch], epoch
        in_feed = [i.link.removeprefix(SITE_URL) for i in site.feed("events.rss").entries]
        assert sorted(in_feed) == sorted(upcoming[epoch]), epoch
        for url in (WEBINAR, CRITIQUE, EVENING):
            assert url in site.sitemap()  # past events keep their page, indexable
            check_event_page(site, url, url in upcoming[epoch])


def check_event_page(site: Built, url: str, upcoming: bool) -> None:
    page = site.html(url)
    links = [resolve(url, href) if not href.startswith("https:") else href
             for href in page.xpath('//section[contains(@class, "cm-facts")]//a/@href')]
    ics = f"{url}{url.split('/')[1]}.ics"
    assert (ics in links) is upcoming
    assert "events/calendar.ics" in links
    assert (site.root / ics).is_file()  # old links keep working after the event
    if url in JOIN:
        assert (JOIN[url] in links) is upcoming
    state = page.xpath('//div[contains(@class, "cm-entry")]/@data-state')
    assert state == ["upcoming" if upcoming else "past"]
    assert bool(page.xpath('//p[contains(@class, "cm-badge--past")]')) is not upcoming
    assert not site.noindex(url)


def test_event_json_ld_follows_the_format(sites: dict[int, Built]) -> None:
    before, between = sites[BEFORE], sites[BETWEEN]
    [webinar] = before.jsonld(WEBINAR)
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert webinar["location"] == [{"@type": "VirtualLocation", "url": JOIN[WEBINAR]}]
    assert (webinar["startDate"], webinar["endDate"]) == (
        "2027-03-05T17:00:00+01:00", "2027-03-05T18:00:00+01:00")  # end defaults to 1 h
    [past_webinar] = between.jsonld(WEBINAR)
    assert past_webinar["location"] == [{"@type": "VirtualLocation", "url": JOIN[WEBINAR]}]
    [critique] = between.jsonld(CRITIQUE)
    assert critique["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert critique["location"] == [
        {"@type": "Place", "name": "Example Corp Shanghai", "address": {
            "@type": "PostalAddress", "streetAddress": "12F, 2879 Longteng Avenue, Xuhui District",
            "addressLocality": "Shanghai", "addressCountry": "CN"}},
        {"@type": "VirtualLocation", "url": JOIN[CRITIQUE]}]
    assert (critique["startDate"], critique["endDate"]) == (
        "2027-04-20T19:00:00+08:00", "2027-04-20T21:30:00+08:00")
    [evening] = between.jsonld(EVENING)
    assert evening["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert evening["location"] == [{"@type": "Place", "name": "Example Corp Berlin", "address": {
        "@type": "PostalAddress", "streetAddress": "Am Speicher 12", "postalCode": "10245",
        "addressLocality": "Berlin", "addressCountry": "DE"}}]
    assert evening["startDate"] == "2027-07-01T18:30:00+02:00"  # no timezone: as written
    for event in (webinar, critique, evening):
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["organizer"]["name"] == "Example Corp"


def test_event_page_shows_the_time_in_its_zone_named_or_its_offset(
        sites: dict[int, Built]) -> None:
    for url, shown in (
            (CRITIQUE, "Tuesday, April 20, 2027, 7:00\u202fPM – 9:30\u202fPM (Shanghai time)"),
            (EVENING, "Thursday, July 1, 2027, 6:30\u202fPM – 9:00\u202fPM (UTC+02:00)")):
        xpath = '//section[contains(@class, "cm-facts")]//time'
        [when] = sites[BEFORE].html(url).xpath(xpath)
        assert when.text_content() == shown  # Babel's narrow no-break space before PM
        assert datetime.fromisoformat(when.get("datetime")).utcoffset() is not None


# ----------------------------------------------------------------------------- calendars

UTC_TIMES = {
    WEBINAR: ("2027-03-05T16:00:00+00:00", "2027-03-05T17:00:00+00:00", "Europe/Berlin"),
    CRITIQUE: ("2027-04-20T11:00:00+00:00", "2027-04-20T13:30:00+00:00", "Asia/Shanghai"),
    EVENING: ("2027-07-01T16:30:00+00:00", "2027-07-01T19:00:00+00:00", None),
}


def test_subscription_calendar_holds_upcoming_and_last_90_days(
        sites: dict[int, Built]) -> None:
    expected = {BEFORE: {WEBINAR, CRITIQUE, EVENING}, BETWEEN: {WEBINAR, CRITIQUE, EVENING},
                AFTER: {EVENING}}  # the webinar and critique ended over 90 days before
    for epoch, site in sites.items():
        cal = site.calendar("events/calendar.ics")
        urls = {str(event["URL"]).removeprefix(SITE_URL) for event in cal.walk("VEVENT")}
        assert urls == expected[epoch], epoch
        assert cal.get_missing_tzids() == set()


def test_every_event_has_its_own_calendar_file(sites: dict[int, Built]) -> None:
    uids: dict[str, set[str]] = {url: set() for url in UTC_TIMES}
    for site in sites.values():
        for url, (start, end, zone) in UTC_TIMES.items():
            cal = site.calendar(f"{url}{url.split('/')[1]}.ics")
            [event] = cal.walk("VEVENT")
            assert cal.get_missing_tzids() == set()
            assert event.decoded("DTSTART").astimezone(UTC).isoformat() == start
            assert event.decoded("DTEND").astimezone(UTC).isoformat() == end
            assert event["DTSTART"].params.get("TZID") == zone
            assert event.decoded("DTSTAMP") == site.now
            assert str(event["URL"]) == SITE_URL + url
            assert SITE_URL + url in str(event["DESCRIPTION"])
            upcoming = site.now < datetime.fromisoformat(end)
            location = str(event["LOCATION"])
            conference = [str(c) for c in _list(event.get("CONFERENCE"))]
            if url == WEBINAR:
                assert location == (JOIN[WEBINAR] if upcoming else "Online")
            elif url == CRITIQUE:
                assert location.startswith("Example Corp Shanghai, 12F, 2879 Longteng")
            else:
                assert location == "Example Corp Berlin, Am Speicher 12, 10245 Berlin, Germany"
            assert conference == ([JOIN[url]] if url in JOIN and upcoming else [])
            joins = "Join online: https://meet." in str(event["DESCRIPTION"])
            assert joins is (url in JOIN and upcoming)
            uids[url].add(str(event["UID"]))
    assert uids == {url: {f"{url.split('/')[1]}.talent@example.org"} for url in UTC_TIMES}


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def test_same_time_same_bytes(sites: dict[int, Built], tmp_path: Path,
                              build_site: BuildSite) -> None:
    again = tmp_path / "site"
    result = build_site(FIXTURE, again, BETWEEN)
    assert result.returncode == 0, result.stderr
    first = sites[BETWEEN].root
    compared = 0
    for path in sorted(first.rglob("*")):
        if path.suffix in (".ics", ".html", ".rss", ".atom", ".xml"):
            assert (again / path.relative_to(first)).read_bytes() == path.read_bytes(), path
            compared += 1
    assert compared > 20
