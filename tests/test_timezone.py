"""The site's time zone (issue #12, item 2): a role's days are days on the site's clock;
validThrough ends with its closing day there; a date written without a zone is that day's
midnight there; every date a page, card, listing or digest shows is the day it is there,
while an event keeps its own zone; feeds, JSON-LD and calendars keep the same instants; a
wrong zone name is a settings error.

The zones are chosen so that the day differs from UTC's: Asia/Shanghai (UTC+8) is a day
ahead in the evening UTC, America/Los_Angeles (UTC-8 in November) a day behind in the
morning UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import feedparser
import icalendar
import lxml.html
import pytest
from fixtures.project import front, make_project, run_check

from generator.build import Output, build
from generator.cli import load_site
from generator.digest import DigestWriter, Window
from generator.i18n import Translator
from generator.render import make_environment

# 20:00 UTC on 26 November is already 04:00 on 27 November in Shanghai.
EVENING = datetime(2026, 11, 26, 20, tzinfo=UTC)
ROLE = ("title: {title}\ndate: 2026-11-01\nteam: Data\nlocations: [Berlin]\n"
        "apply_url: https://ats.example.com/r\ncloses: {closes}")
FILES = {"jobs/2026-11-01-today.md": front(ROLE.format(title="Today", closes="2026-11-26")),
         "jobs/2026-11-01-later.md": front(ROLE.format(title="Later", closes="2026-12-31"))}


def states(tmp_path: Path, zone: str | None) -> dict[str, tuple[str, list[dict]]]:
    edit = {"timezone": zone} if zone else {}
    project = make_project(tmp_path, FILES, config_edit=edit)
    site, settings = load_site(str(project / "mkdocs.yml"))
    output = build(site, settings, EVENING)
    pages = {page.url: page for page in output.pages}
    found = {}
    for entry in output.entries:
        head = lxml.html.fragment_fromstring(pages[entry.url].head, create_parent=True)
        found[entry.slug] = (entry.state.value, [json.loads(s.text) for s in
                                                 head.xpath("//script[@type='application/ld+json']")])
    return found


def test_closing_day_is_a_day_on_the_site_clock(tmp_path: Path) -> None:
    utc = states(tmp_path / "utc", None)
    assert utc["today"][0] == "open"  # still 26 November in UTC: open through the day
    shanghai = states(tmp_path / "sh", "Asia/Shanghai")
    assert shanghai["today"][0] == "closed"  # 27 November in Shanghai
    [posting] = shanghai["later"][1]
    assert posting["validThrough"] == "2026-12-31T23:59:59+08:00"
    [posting] = utc["later"][1]
    assert posting["validThrough"] == "2026-12-31T23:59:59+00:00"


def test_a_zone_that_does_not_exist_is_a_settings_error(tmp_path: Path) -> None:
    project = make_project(tmp_path, {}, config_edit={"timezone": "Europe/Atlantis"})
    result = run_check(project)
    assert result.returncode == 1
    assert ("plugins.community.timezone: 'Europe/Atlantis' is not a time zone name"
            in result.stderr)


def built(tmp_path: Path, files: dict[str, str], zone: str, now: datetime) -> Output:
    project = make_project(tmp_path, files, config_edit={"timezone": zone,
                                                         "social_cards": False})
    site, settings = load_site(str(project / "mkdocs.yml"))
    return build(site, settings, now)


def page_text(output: Output, url: str) -> str:
    [page] = [page for page in output.pages if page.url == url]
    return " ".join(lxml.html.fragment_fromstring(page.html, create_parent=True)
                    .text_content().split())


def jsonld(output: Output, url: str) -> dict:
    [page] = [page for page in output.pages if page.url == url]
    head = lxml.html.fragment_fromstring(page.head, create_parent=True)
    [data] = [json.loads(s.text) for s in head.xpath("//script[@type='application/ld+json']")]
    return data


NEWS = "title: {title}\ndate: {date}"
# A role closing on 26 November and one going public on 27 November, judged at the last
# half hour of the 26th and the first half hour of the 27th on the site's clock.
ROLE_DAYS = {
    "jobs/2026-11-01-closing.md": front(ROLE.format(title="Closing", closes="2026-11-26")),
    "jobs/2026-11-01-opening.md": front(
        ROLE.format(title="Opening", closes="2026-12-31") + "\npublic_on: 2026-11-27"),
}


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/Los_Angeles"])
def test_a_closing_day_is_open_until_midnight_there(tmp_path: Path, zone: str) -> None:
    project = make_project(tmp_path, ROLE_DAYS, config_edit={"timezone": zone})
    site, settings = load_site(str(project / "mkdocs.yml"))
    late = datetime(2026, 11, 26, 23, 30, tzinfo=settings.zone)
    early = datetime(2026, 11, 27, 0, 30, tzinfo=settings.zone)
    # the UTC day is another one at one of these moments: the site's clock decides
    assert late.astimezone(UTC).date() != late.date() or early.astimezone(UTC).date() \
        != early.date()
    for now, closing, opening in ((late, "open", "preview"), (early, "closed", "open")):
        output = build(site, settings, now.astimezone(UTC))
        found = {entry.slug: entry.state.value for entry in output.entries}
        assert found == {"closing": closing, "opening": opening}, (zone, now)
    offset = "+08:00" if zone == "Asia/Shanghai" else "-08:00"
    posting = jsonld(build(site, settings, late.astimezone(UTC)), "jobs/closing/")
    assert posting["validThrough"] == f"2026-11-26T23:59:59{offset}"


def test_a_date_without_a_zone_is_midnight_where_the_site_is(tmp_path: Path) -> None:
    """``date: 2026-11-27`` publishes at midnight on the site's clock: in Shanghai it is
    already out at 20:00 UTC on the 26th; in Los Angeles not yet at 06:00 UTC on the 26th
    for ``date: 2026-11-26``. Its instant is the same in the page's datetime, the JSON-LD,
    the feed and the calendar."""
    files = {"news/2026-11-27-out.md": front(NEWS.format(title="Out", date="2026-11-27"))}
    shanghai = built(tmp_path / "sh", files, "Asia/Shanghai", EVENING)
    [entry] = shanghai.entries
    assert entry.state.value == "live"
    assert entry.fields.date == datetime(2026, 11, 26, 16, tzinfo=UTC)
    assert "November 27, 2026" in page_text(shanghai, "news/out/")
    assert jsonld(shanghai, "news/out/")["datePublished"] == "2026-11-27T00:00:00+08:00"
    feed = feedparser.parse(shanghai.files["feeds/news.rss"])
    [item] = feed.entries
    assert datetime(*item.published_parsed[:6], tzinfo=UTC) == entry.fields.date

    files = {"news/2026-11-26-soon.md": front(NEWS.format(title="Soon", date="2026-11-26"))}
    morning = datetime(2026, 11, 26, 6, tzinfo=UTC)  # 22:00 on the 25th in Los Angeles
    angeles = built(tmp_path / "la", files, "America/Los_Angeles", morning)
    assert angeles.entries == []  # scheduled: nothing of it is built
    assert [e.slug for e in built(tmp_path / "utc", files, "UTC", morning).entries] == ["soon"]


EVENT = """title: Evening talk
date: 2026-11-01
start: 2026-12-10T23:30:00+01:00
end: 2026-12-11T00:30:00+01:00
timezone: Europe/Berlin
format: online
join_url: https://meet.example.com/talk"""


def test_pages_show_the_day_it_is_where_the_site_is(tmp_path: Path) -> None:
    """An editor's moment with its own offset is shown as the site's day on the entry page,
    its card in the listing and on the home page, and in the digest; an event keeps its own
    day and zone ("Berlin time") on every site."""
    files = {
        # 18:00 UTC on 2 November: the 3rd in Shanghai, the 2nd in UTC and Los Angeles
        "news/2026-11-02-evening.md": front(NEWS.format(title="Evening",
                                                         date="2026-11-02T18:00:00Z")),
        # 02:00 UTC on 2 November: still the 1st in Los Angeles
        "news/2026-11-02-night.md": front(NEWS.format(title="Night",
                                                       date="2026-11-02T02:00:00Z")),
        "events/2026-11-01-talk.md": front(EVENT),
    }
    expected = {"UTC": ("November 2, 2026", "November 2, 2026"),
                "Asia/Shanghai": ("November 3, 2026", "November 2, 2026"),
                "America/Los_Angeles": ("November 2, 2026", "November 1, 2026")}
    for zone, (evening, night) in expected.items():
        output = built(tmp_path / zone.replace("/", "-"), files, zone, EVENING)
        assert f"Published {evening}" in page_text(output, "news/evening/"), zone
        assert f"Published {night}" in page_text(output, "news/night/"), zone
        listing = lxml.html.fragment_fromstring(
            next(p for p in output.pages if p.url == "news/").html, create_parent=True)
        shown = {" ".join(card.xpath("string(.//*[@class='cm-card__title'])").split()):
                 " ".join(card.xpath("string(.//time)").split())
                 for card in listing.xpath("//article")}
        assert shown == {"Evening": evening, "Night": night}, zone
        home = page_text(output, "")
        assert evening in home and night in home, zone
        talk = page_text(output, "events/talk/")
        assert "Thursday, December 10, 2026" in talk and "Berlin time" in talk, zone
        assert "11:30 PM" in talk, zone
        # the calendar and the JSON-LD carry the instant, whatever the site's zone
        calendar = icalendar.Calendar.from_ical(output.files["events/calendar.ics"])
        [event] = calendar.walk("VEVENT")
        assert event.decoded("dtstart") == datetime(2026, 12, 10, 22, 30, tzinfo=UTC)
        assert jsonld(output, "events/talk/")["startDate"] == "2026-12-10T23:30:00+01:00"
        project = tmp_path / zone.replace("/", "-")
        site, settings = load_site(str(project / "mkdocs.yml"))
        writer = DigestWriter(site, settings, Translator("en", zone=settings.zone),
                              make_environment())
        window = Window(date(2026, 11, 1), date(2026, 11, 3), settings.zone)
        digest = writer.digest(output.entries, window, None)
        assert f"Published {evening}" in digest.text and f"Published {night}" in digest.text


def test_the_digest_window_is_whole_days_where_the_site_is() -> None:
    """``--since 2026-11-02`` starts at midnight there: 02:00 UTC on the 2nd is the 1st in
    Los Angeles, so outside; 18:00 UTC on the 1st is the 2nd in Shanghai, so inside."""
    from zoneinfo import ZoneInfo

    angeles = Window(date(2026, 11, 2), date(2026, 11, 2), ZoneInfo("America/Los_Angeles"))
    assert not angeles.holds(datetime(2026, 11, 2, 2, tzinfo=UTC))
    assert angeles.holds(datetime(2026, 11, 3, 7, 59, tzinfo=UTC))
    shanghai = Window(date(2026, 11, 2), date(2026, 11, 2), ZoneInfo("Asia/Shanghai"))
    assert shanghai.holds(datetime(2026, 11, 1, 18, tzinfo=UTC))
    assert not shanghai.holds(datetime(2026, 11, 1, 18, tzinfo=UTC) + timedelta(days=1))


def test_community_new_dates_an_entry_today_where_the_site_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 12:00 UTC on 26 November it is already the 27th in Auckland."""
    from fixtures import EPOCH

    from generator.cli import main

    project = make_project(tmp_path, {}, config_edit={"timezone": "Pacific/Auckland"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    assert main(["new", "news", "Hello from Auckland"]) == 0
    [made] = (project / "content" / "news").glob("*.md")
    assert made.name == "2026-11-27-hello-from-auckland.md"
    assert "date: 2026-11-27" in made.read_text(encoding="utf-8")


@pytest.mark.parametrize(("zone", "day"), [("UTC", "2026-11-26"),
                                           ("Asia/Shanghai", "2026-11-27")])
def test_the_editorial_calendar_counts_days_where_the_site_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        zone: str, day: str) -> None:
    """News scheduled for 20:30 UTC on 26 November goes live on the 27th in Shanghai: the
    calendar starts at the site's now and dates the item on the site's day."""
    from fixtures import EPOCH

    from generator.cli import main

    project = make_project(tmp_path, {"news/2026-11-26-late.md": front(
        "title: Late news\ndate: 2026-11-26T20:30:00Z")}, config_edit={"timezone": zone})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    capsys.readouterr()
    assert main(["-f", str(project / "mkdocs.yml"), "calendar", "--json"]) == 0
    calendar = json.loads(capsys.readouterr().out)
    assert datetime.fromisoformat(calendar["from"]).utcoffset() == (
        timedelta(hours=8) if zone == "Asia/Shanghai" else timedelta(0))
    [item] = [item for item in calendar["items"] if item["title"] == "Late news"]
    assert item["date"] == day and item["what"] == "publishes"
