"""Calendars people can use (issue #12, item 5).

- an upcoming event's page offers its .ics, Google Calendar and Outlook on the web, the last
  two carrying the event's UTC instants (the same as the .ics file, read with icalendar);
- a ``webcal:`` subscription link on the events page, every event page and /subscribe/;
- SEQUENCE grows when an event moves (with ``updated`` set, as the guide asks) and stays when
  nothing changes, whatever the build time;
- ORGANIZER (mailto, with the company's name) only when the settings give an address.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from fixtures.project import front, make_project
from icalendar import Calendar

from generator.build import build
from generator.cli import load_site

SITE_URL = "https://northwind.github.io/careers/"
WEBCAL = "webcal://northwind.github.io/careers/events/calendar.ics"
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def ics_event(site: Path, slug: str):
    [event] = Calendar.from_ical((site / "events" / slug / f"{slug}.ics").read_bytes()) \
        .walk("VEVENT")
    return event


def test_upcoming_events_offer_three_ways_with_utc_instants(example_site: Path) -> None:
    checked = 0
    for path in sorted((example_site / "events").glob("*/index.html")):
        slug = path.parent.name
        tree = page(example_site, f"events/{slug}")
        state = tree.xpath("string(//div[contains(@class, 'cm-entry')]/@data-state)")
        links = tree.xpath("//p[contains(@class, 'cm-add-calendar')]/a/@href")
        if state != "upcoming":
            assert links == [], slug  # a past event is not added to anyone's calendar
            continue
        ics, google, outlook = links
        assert ics == f"../../events/{slug}/{slug}.ics"
        event = ics_event(example_site, slug)
        start = event.decoded("dtstart").astimezone(UTC)
        end = event.decoded("dtend").astimezone(UTC)
        g = parse_qs(urlsplit(google).query)
        assert google.startswith("https://calendar.google.com/calendar/render?")
        assert g["action"] == ["TEMPLATE"] and g["text"] == [str(event["summary"])]
        assert g["dates"] == [f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"]
        assert SITE_URL + f"events/{slug}/" in g["details"][0]
        o = parse_qs(urlsplit(outlook).query)
        assert outlook.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
        assert o["rru"] == ["addevent"] and o["subject"] == [str(event["summary"])]
        assert o["startdt"] == [f"{start:%Y-%m-%dT%H:%M:%SZ}"]
        assert o["enddt"] == [f"{end:%Y-%m-%dT%H:%M:%SZ}"]
        assert o["location"] == [str(event["location"])]
        checked += 1
    assert checked == 3


def test_webcal_subscription_on_every_calendar_page(example_site: Path) -> None:
    pages = ["events", "subscribe", *[f"events/{p.parent.name}" for p in
                                      (example_site / "events").glob("*/index.html")]]
    for url in pages:
        tree = page(example_site, url)
        [link] = tree.xpath("//p[@class='cm-calendar']/a[starts-with(@href, 'webcal:')]")
        assert link.get("href") == WEBCAL, url
        assert link.text_content() == "Subscribe to the events calendar"
        [download] = tree.xpath("//p[@class='cm-calendar']/a[@type='text/calendar']/@href")
        assert (example_site / url / download).resolve() == \
            (example_site / "events/calendar.ics").resolve()


def test_organizer_only_with_an_address(example_site: Path, tmp_path: Path) -> None:
    calendar = Calendar.from_ical((example_site / "events/calendar.ics").read_bytes())
    organizers = {(str(e["organizer"]), e["organizer"].params["CN"])
                  for e in calendar.walk("VEVENT")}
    assert organizers == {("mailto:talent@northwind.example", "Northwind")}
    project = make_project(tmp_path, {"events/2026-11-01-call.md": EVENT}, config_edit={
        "organization": {"name": "Northwind", "logo": "assets/logo.svg"}})
    site, settings = load_site(str(project / "mkdocs.yml"))
    files = build(site, settings, NOW).files
    [event] = Calendar.from_ical(files["events/calendar.ics"]).walk("VEVENT")
    assert "ORGANIZER" not in event


EVENT = front("title: Call\ndate: 2026-11-01\nformat: online\n"
              "start: 2026-12-10T17:00:00+01:00\ntimezone: Europe/Berlin")


def sequence_after(tmp_path: Path, text: str, now: datetime = NOW) -> int:
    project = make_project(tmp_path, {"events/2026-11-01-call.md": text})
    site, settings = load_site(str(project / "mkdocs.yml"))
    files = build(site, settings, now).files
    [event] = Calendar.from_ical(files["events/call/call.ics"]).walk("VEVENT")
    return int(event["sequence"])


def test_sequence_grows_when_the_event_moves(tmp_path: Path) -> None:
    first = sequence_after(tmp_path / "a", EVENT)
    assert first == 0
    # Rebuilt later with the same content: nothing changed, nothing grows.
    assert sequence_after(tmp_path / "b", EVENT, datetime(2026, 11, 30, tzinfo=UTC)) == first
    moved = EVENT.replace("2026-12-10T17:00", "2026-12-11T17:00").replace(
        "date: 2026-11-01", "date: 2026-11-01\nupdated: 2026-11-20")
    second = sequence_after(tmp_path / "c", moved)
    assert second > first
    moved_again = moved.replace("2026-12-11T17:00", "2026-12-12T17:00").replace(
        "updated: 2026-11-20", "updated: 2026-11-25T09:30:00+01:00")
    assert sequence_after(tmp_path / "d", moved_again) > second


@pytest.mark.parametrize("url", ["events/design-critique-night"])
def test_add_to_calendar_choices_are_named_links(example_site: Path, url: str) -> None:
    tree = page(example_site, url)
    [group] = tree.xpath("//p[contains(@class, 'cm-add-calendar')]")
    names = [re.sub(r"\s+", " ", a.text_content()) for a in group.xpath("./a")]
    assert names == ["Calendar file (.ics)", "Google Calendar", "Outlook.com"]
