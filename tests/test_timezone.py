"""The site's time zone (issue #12, item 2, in part): a role's days are days on the site's
clock; validThrough ends with its closing day there; a wrong zone name is a settings error.
(Dates shown on pages and date-only publication values still follow their UTC reading.)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
from fixtures.project import front, make_project, run_check

from generator.build import build
from generator.cli import load_site

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
