"""Facts say exactly what the entry says (issue #12, item 4).

One fixture site, built with the real ``mkdocs build``: salaries with one value, a lower or an
upper bound; events with and without ``end``, with and without ``timezone``; a past event on
a segment page. In Chromium, the visitor's own time appears next to the event's, and only
when the two differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest
from fixtures import EPOCH
from fixtures.project import front, make_project
from playwright.sync_api import Browser, expect

if TYPE_CHECKING:
    from conftest import BuildSite, ServeDir

JOB = ("date: 2026-11-01\nteam: Data\nlocations: [\"Berlin, Germany\"]\n"
       "apply_url: https://ats.example.com/x")
EVENT = "date: 2026-11-01\nformat: online"
FILES = {
    "jobs/2026-11-01-exact.md": front(
        f"title: Intern\n{JOB}\nsalary: {{currency: EUR, min: 2100, max: 2100, per: month}}"),
    "jobs/2026-11-01-from.md": front(
        f"title: Analyst\n{JOB}\nsalary: {{currency: EUR, min: 50000}}"),
    "jobs/2026-11-01-up-to.md": front(
        f"title: Helper\n{JOB}\nsalary: {{currency: EUR, max: 30, per: hour}}"),
    "events/2026-11-01-no-end.md": front(
        f"title: Open call\n{EVENT}\nstart: 2026-12-10T17:00:00+01:00\n"
        "timezone: Europe/Berlin"),
    "events/2026-11-01-offset-only.md": front(
        f"title: Offset call\n{EVENT}\nstart: 2026-12-11T09:00:00-05:00\n"
        "end: 2026-12-11T10:30:00-05:00"),
    "events/2026-11-01-shanghai.md": front(
        f"title: Shanghai evening\n{EVENT}\nstart: 2026-12-17T19:00:00+08:00\n"
        "end: 2026-12-17T21:00:00+08:00\ntimezone: Asia/Shanghai"),
    "events/2026-10-01-past.md": front(
        "title: Old meetup\ndate: 2026-10-01\nformat: online\nsegments: [data]\n"
        "start: 2026-10-10T18:00:00+02:00\nend: 2026-10-10T20:00:00+02:00\n"
        "timezone: Europe/Berlin"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    root = tmp_path_factory.mktemp("facts")
    project = make_project(root / "project", FILES)
    out = root / "site"
    result = build_site(project, out, EPOCH)
    assert result.returncode == 0, result.stderr
    return out


def facts(site: Path, url: str) -> dict[str, str]:
    """Label -> value of the page's facts (its <dt>/<dd> pairs), spaces normalized."""
    tree = lxml.html.parse(str(site / url / "index.html")).getroot()
    pairs = tree.xpath("//section[contains(@class, 'cm-facts')]//dl/div")
    return {" ".join(pair.findtext("dt").split()):
            " ".join(pair.find("dd").text_content().replace("\u202f", " ").split())
            for pair in pairs}


def test_salary_shows_one_value_or_the_bound_it_has(site: Path) -> None:
    assert facts(site, "jobs/exact")["Salary"] == "€2,100 per month"
    assert facts(site, "jobs/from")["Salary"] == "From €50,000 per year"
    assert facts(site, "jobs/up-to")["Salary"] == "Up to €30 per hour"
    card = lxml.html.parse(str(site / "jobs/index.html")).getroot()
    [exact] = card.xpath("//article[contains(@class, 'cm-card')]"
                         "[.//a[contains(@href, 'jobs/exact/')]]")
    assert "€2,100 per month" in exact.text_content()
    assert "€2,100 – €2,100" not in exact.text_content()


def test_event_times_name_their_zone_and_invent_no_end(site: Path) -> None:
    # No end: only the start. Before, a made-up "6:00 PM" end was shown.
    assert facts(site, "events/no-end")["When"] == (
        "Thursday, December 10, 2026, 5:00 PM (Berlin time)")
    # No timezone: the written offset, which names no place.
    assert facts(site, "events/offset-only")["When"] == (
        "Friday, December 11, 2026, 9:00 AM – 10:30 AM (UTC-05:00)")
    assert facts(site, "events/shanghai")["When"] == (
        "Thursday, December 17, 2026, 7:00 PM – 9:00 PM (Shanghai time)")
    listing = lxml.html.parse(str(site / "events/index.html")).getroot()
    text = " ".join(listing.text_content().split())
    assert "Starts 5:00 PM (Berlin time)" in text.replace("\u202f", " ")


def test_past_events_are_marked_in_every_listing(site: Path) -> None:
    for url in ("events/", "segments/data/"):
        tree = lxml.html.parse(str(site / url / "index.html")).getroot()
        [card] = tree.xpath("//article[contains(@class, 'cm-card')]"
                            "[.//a[contains(@href, 'events/past/')]]")
        assert card.get("data-state") == "past"
        assert card.xpath(".//*[contains(@class, 'cm-badge--past')]"), url
    page = lxml.html.parse(str(site / "events/past/index.html")).getroot()
    assert page.xpath("//*[contains(@class, 'cm-badge--past')]")


@pytest.mark.parametrize(("zone", "shown"), [
    ("America/New_York", "Your time: Thu, Dec 10, 11:00 AM EST"),
    ("Europe/Berlin", None),  # the visitor is on the event's own clock: nothing to add
])
def test_the_visitor_sees_their_own_time(site: Path, serve_dir: ServeDir, browser: Browser,
                                         zone: str, shown: str | None) -> None:
    base = serve_dir(site, "/careers/")
    context = browser.new_context(timezone_id=zone, locale="en-US")
    try:
        page = context.new_page()
        page.goto(base + "events/no-end/")
        local = page.locator(".cm-facts .cm-local-time")
        if shown is None:
            page.wait_for_load_state("networkidle")
            expect(local).to_have_count(0)
        else:
            expect(local).to_have_text(" · " + shown)
    finally:
        context.close()
