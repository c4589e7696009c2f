"""The example site's calendars: events/calendar.ics and one .ics per event.

Read back with icalendar and compared with the front matter in content/events/ (parsed here,
not by the generator): the instants, the time zone, the place or join link, the page URL, and
UIDs that stay the same when the site is built again at another time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import lxml.html
import pytest
import yaml
from conftest import EPOCH, REPO_ROOT
from fixtures.project import TRANSLATION
from icalendar import Calendar

from generator.calendar import calendar_files, event_ics_path, event_uid
from generator.content import Entry, State
from generator.i18n import Translator
from generator.model import EventFields
from generator.settings import Site

if TYPE_CHECKING:
    from conftest import BuildSite

SITE_URL = "https://northwind.github.io/careers/"
NOW = datetime.fromtimestamp(EPOCH, tz=UTC)
LATER = EPOCH + 40 * 86400  # 2027-01-05: three events have moved on to "past"


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return yaml.load(text.split("---", 2)[1], Loader=yaml.BaseLoader)


def moment(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def events() -> dict[str, dict[str, Any]]:
    """slug -> front matter of every event of the example site (none is a draft), in the
    default language (the English site: not the Chinese translations, x.zh.md)."""
    found = {}
    for path in sorted((REPO_ROOT / "content" / "events").glob("*.md")):
        if TRANSLATION.search(path.name):
            continue
        meta = front_matter(path)
        found[meta.get("slug") or path.stem[11:]] = meta
    return found


def instants(meta: dict[str, Any]) -> tuple[datetime, datetime]:
    start = moment(meta["start"])
    return start, moment(meta["end"]) if "end" in meta else start + timedelta(hours=1)


def read(site: Path, path: str) -> Calendar:
    return Calendar.from_ical((site / path).read_bytes())


@pytest.fixture(scope="module")
def later_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    out = tmp_path_factory.mktemp("calendar-later") / "site"
    result = build_site(REPO_ROOT, out, LATER)
    assert result.returncode == 0, result.stderr
    return out


def test_each_event_file_matches_its_entry(example_site: Path) -> None:
    formats = set()
    for slug, meta in events().items():
        cal = read(example_site, f"events/{slug}/{slug}.ics")
        assert cal.get_missing_tzids() == set()  # every TZID has its VTIMEZONE
        assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "PUBLISH"
        [event] = cal.walk("VEVENT")
        start, end = instants(meta)
        assert event.decoded("DTSTART").astimezone(UTC) == start.astimezone(UTC)
        assert event.decoded("DTEND").astimezone(UTC) == end.astimezone(UTC)
        assert event["DTSTART"].params.get("TZID") == meta.get("timezone")
        assert event.decoded("DTSTAMP") == NOW
        assert str(event["SUMMARY"]) == meta["title"]
        page = f"{SITE_URL}events/{slug}/"
        assert str(event["URL"]) == page
        assert page in str(event["DESCRIPTION"])
        assert str(event["UID"]) == f"{slug}.careers@northwind.github.io"
        upcoming = end > NOW
        location = str(event["LOCATION"])
        if meta["format"] == "online":
            assert location == (meta["join_url"] if upcoming else "Online")
        else:
            assert location.startswith(meta["venue"]["name"])
            assert meta["venue"]["address"] in location
        conferences = event.get("CONFERENCE")
        if meta["format"] != "in_person" and upcoming and "join_url" in meta:
            assert str(conferences) == meta["join_url"]
            assert conferences.params["FEATURE"] == "VIDEO"
        else:
            assert conferences is None
        formats.add(meta["format"])
    assert formats == {"online", "in_person", "hybrid"}


def test_subscription_calendar(example_site: Path) -> None:
    cal = read(example_site, "events/calendar.ics")
    assert cal.get_missing_tzids() == set()
    assert str(cal["X-WR-CALNAME"]) == "Northwind talent community: events"
    assert str(cal["URL"]) == SITE_URL + "events/calendar.ics"
    recent = {slug for slug, meta in events().items()
              if instants(meta)[1] >= NOW - timedelta(days=90)}
    uids = [str(event["UID"]) for event in cal.walk("VEVENT")]
    assert sorted(uids) == sorted(f"{slug}.careers@northwind.github.io" for slug in recent)
    starts = [event.decoded("DTSTART") for event in cal.walk("VEVENT")]
    assert starts == sorted(starts)  # a stable order: by start
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {meta["timezone"] for slug, meta in events().items() if slug in recent}


def test_uids_survive_another_build_and_the_file_only_changes_its_stamp(
        example_site: Path, later_site: Path) -> None:
    for slug, meta in events().items():
        path = f"events/{slug}/{slug}.ics"
        [first] = read(example_site, path).walk("VEVENT")
        [second] = read(later_site, path).walk("VEVENT")
        assert str(first["UID"]) == str(second["UID"])
        assert second.decoded("DTSTAMP") == datetime.fromtimestamp(LATER, tz=UTC)
        assert first.decoded("DTSTART") == second.decoded("DTSTART")
        ended_between = NOW < instants(meta)[1] <= datetime.fromtimestamp(LATER, tz=UTC)
        if ended_between and "join_url" in meta:  # the join link leaves with the event
            assert second.get("CONFERENCE") is None and first.get("CONFERENCE") is not None


def test_add_to_calendar_links_resolve_to_the_files(example_site: Path) -> None:
    for slug, meta in events().items():
        page = lxml.html.fromstring((example_site / "events" / slug / "index.html").read_bytes())
        links = page.xpath('//section[contains(@class, "cm-facts")]//a[@download]/@href')
        upcoming = instants(meta)[1] > NOW
        assert links == ([f"../../events/{slug}/{slug}.ics"] if upcoming else [])
        subscribe = page.xpath('//p[@class="cm-calendar"]/a/@href')
        assert subscribe == ["webcal://northwind.github.io/careers/events/calendar.ics",
                             "../../events/calendar.ics"]


def _event(slug: str, start: datetime, state: State, zone: str | None = None) -> Entry:
    fields = EventFields(title=f"Event {slug}", date=date(2026, 1, 1), start=start,
                         format="online", timezone=zone)
    return Entry("events", slug, f"events/{slug}.md", f"content/events/{slug}.md", fields,
                 "", 1, state=state, summary="A summary")


def test_output_is_deterministic_and_slugs_cannot_collide() -> None:
    site = Site(name="S", url="https://example.org/", language="zh", docs_dir=Path("."),
                shown_docs_dir="content/")
    now = datetime(2026, 6, 1, tzinfo=UTC)
    entries = [
        _event("calendar", datetime(2026, 7, 1, 18, tzinfo=UTC), State.upcoming, "UTC"),
        _event("b", datetime(2026, 5, 1, 9, tzinfo=UTC), State.past, "Etc/GMT-8"),
        _event("old", datetime(2026, 1, 1, 9, tzinfo=UTC), State.past),
        _event("draft", datetime(2026, 7, 1, 9, tzinfo=UTC), State.draft),
    ]
    files = calendar_files(entries, site, now, Translator("zh"))
    assert files == calendar_files(list(reversed(entries)), site, now, Translator("zh"))
    assert sorted(files) == ["events/b/b.ics", "events/calendar.ics",
                             "events/calendar/calendar.ics", "events/old/old.ics"]
    assert event_ics_path(entries[0]) == "events/calendar/calendar.ics"
    assert event_uid(site, entries[0]) == "calendar@example.org"
    cal = Calendar.from_ical(files["events/calendar.ics"])
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == ["b@example.org",
                                                           "calendar@example.org"]
    assert str(cal["X-WR-CALNAME"]) == "S：活动"  # the site's language
    [utc_event] = Calendar.from_ical(files["events/calendar/calendar.ics"]).walk("VEVENT")
    assert "TZID" not in utc_event["DTSTART"].params  # UTC is written as ...Z
    assert files["events/calendar/calendar.ics"].count(b"DTSTART:20260701T180000Z") == 1
    assert b"\r\n" in files["events/calendar.ics"]
