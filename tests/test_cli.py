"""The editors' command: `community new`, `community calendar` and `community check` on them.

Each test that writes runs on a copy of the project (mkdocs.yml, content/) in a
temporary folder; the command runs in-process through ``generator.cli.main`` with the real
mkdocs.yml loader, and once as the installed `community` script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixtures import EPOCH, REPO_ROOT
from fixtures.project import copy_example

from generator.cli import main
from generator.entry_types import TYPES
from generator.model import PLACEHOLDER
from generator.reader import read_entry
from generator.scaffold import MAX_SLUG, slugify

TODAY = "2026-11-26"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project that tests may change."""
    return copy_example(tmp_path)


@pytest.fixture
def community(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """``community(project, *args) -> Run``: the command, in-process, at the fixed epoch."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))

    def run(project_dir: Path, *args: str) -> Run:
        capsys.readouterr()
        try:
            code = main(["-f", str(project_dir / "mkdocs.yml"), *args])
        except SystemExit as stop:  # argparse's usage errors
            code = int(stop.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


# ------------------------------------------------------------------------------ new

# What an editor writes over each placeholder, by the key on the placeholder's line.
REAL_VALUES = {
    "summary": '"What this entry is about, in one sentence."',
    "team": "Engineering",
    "locations": '["Berlin, Germany"]',
    "name": "Ada Lovelace",
    "role": "Staff Engineer",
    "start": "2026-12-10T18:30:00+01:00",
    "format": "in_person",
    "apply_url": "https://jobs.example.com/our-new-thing",
}


def fill_in(text: str) -> str:
    """Replace every placeholder line's value with a real one, as an editor would."""
    lines = []
    for line in text.splitlines():
        if PLACEHOLDER in line and not line.lstrip().startswith("#"):
            key = line.split(":", 1)[0]
            line = f"{key}: {REAL_VALUES[key.strip()]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def problems_of(report: str, shown: str) -> dict[int, str]:
    """Line -> 'field: message' of every problem reported for file ``shown``."""
    found = {}
    for line in report.splitlines():
        if line.startswith(shown + ":"):
            number, rest = line[len(shown) + 1:].split(":", 1)
            found[int(number)] = rest.strip()
    return found


@pytest.mark.parametrize("kind", list(TYPES))
def test_new_entry_is_rejected_until_each_placeholder_is_replaced(
    project: Path, community, kind: str
) -> None:
    created = community(project, "new", kind, "Our new thing: a title")
    assert created.code == 0, created.err
    shown = f"content/{kind}/{TODAY}-our-new-thing-a-title.md"
    assert f"Created {shown}" in created.out
    path = project / shown
    text = path.read_text(encoding="utf-8")

    raw, problems = read_entry(path, path.name, shown, kind)
    assert raw is not None and problems == []
    assert raw.data["title"] == "Our new thing: a title"
    assert raw.data["date"] == TODAY
    model = TYPES[kind].model
    for name, info in model.model_fields.items():
        if info.is_required() or name in ("title", "date", "summary"):
            assert name in raw.data, f"required field {name} is not written"
        elif name not in raw.data:
            assert re.search(rf"^\s*# {name}: \S", text, re.M), f"{name} has no comment"

    placeholder_lines = {number for number, line in enumerate(text.splitlines(), 1)
                         if PLACEHOLDER in line and not line.lstrip().startswith("#")}
    assert placeholder_lines, "a new entry must hold placeholders"
    checked = community(project, "check")
    assert checked.code == 1
    reported = problems_of(checked.err, shown)
    assert set(reported) == placeholder_lines, checked.err
    assert all("still holds the placeholder 'TODO:" in message for message in reported.values())
    assert "nothing was built" in checked.err

    path.write_text(fill_in(text), encoding="utf-8")
    accepted = community(project, "check")
    assert accepted.code == 0, accepted.err
    assert "no problems" in accepted.out


def test_a_placeholder_in_any_required_field_fails_even_when_the_rest_is_filled(
    project: Path, community
) -> None:
    assert community(project, "new", "events", "Open evening").code == 0
    path = project / "content" / "events" / f"{TODAY}-open-evening.md"
    filled = fill_in(path.read_text(encoding="utf-8"))
    path.write_text(filled.replace("format: in_person", 'format: "TODO: online"'),
                    encoding="utf-8")
    checked = community(project, "check")
    assert checked.code == 1
    assert list(problems_of(checked.err, f"content/events/{TODAY}-open-evening.md").values()) \
        == ["format: still holds the placeholder 'TODO: online': write the real value"]


def test_new_needs_a_slug_for_a_chinese_title(project: Path, community) -> None:
    before = sorted((project / "content" / "news").iterdir())
    refused = community(project, "new", "news", "上海办公室开放日")
    assert refused.code == 2
    assert "--slug" in refused.err and "上海办公室开放日" in refused.err
    assert sorted((project / "content" / "news").iterdir()) == before

    created = community(project, "new", "news", "上海办公室开放日", "--slug", "shanghai-open-day")
    assert created.code == 0, created.err
    path = project / "content" / "news" / f"{TODAY}-shanghai-open-day.md"
    raw, _ = read_entry(path, path.name, str(path), "news")
    assert raw is not None and raw.data["title"] == "上海办公室开放日"


def test_new_never_overwrites(project: Path, community) -> None:
    assert community(project, "new", "job", "Data Analyst").code == 0
    path = project / "content" / "jobs" / f"{TODAY}-data-analyst.md"
    path.write_text("edited by an editor\n", encoding="utf-8")
    again = community(project, "new", "jobs", "Data Analyst")
    assert again.code == 1
    assert f"content/jobs/{TODAY}-data-analyst.md already exists" in again.err
    assert path.read_text(encoding="utf-8") == "edited by an editor\n"

    # Another date, the same address as an existing entry: refused as well.
    taken = community(project, "new", "news", "Welcome to the talent community")
    assert taken.code == 1
    assert ("/news/welcome-to-the-talent-community/ is already the address of "
            "content/news/2026-06-15-welcome-to-the-talent-community.md") in taken.err
    assert not (project / "content" / "news" /
                f"{TODAY}-welcome-to-the-talent-community.md").exists()

    # A file name in capitals gives the same (lowercase) address as the build gives it.
    (project / "content" / "news" / "2026-01-05-Open-Day.md").write_text(
        "---\ntitle: Open day\ndate: 2026-01-05\n---\n\nText.\n", encoding="utf-8")
    capitals = community(project, "new", "news", "Open day")
    assert capitals.code == 1
    assert "/news/open-day/ is already the address of content/news/2026-01-05-Open-Day.md" in (
        capitals.err)


def test_new_rejects_a_bad_slug_a_bad_date_and_an_unknown_type(project: Path, community) -> None:
    files = sorted(project.rglob("*.md"))
    assert community(project, "new", "news", "X", "--slug", "Not a slug").code == 2
    bad_date = community(project, "new", "news", "X", "--date", "2026-02-30")
    assert bad_date.code == 2 and "YYYY-MM-DD" in bad_date.err
    unknown = community(project, "new", "podcasts", "X")
    assert unknown.code == 2 and "invalid choice" in unknown.err
    assert sorted(project.rglob("*.md")) == files


def test_new_with_a_date_schedules_the_entry(project: Path, community) -> None:
    title = 'Q&A: "Ask us anything" #2'
    created = community(project, "new", "news", title, "--date", "2026-12-24")
    assert created.code == 0, created.err
    path = project / "content" / "news" / "2026-12-24-q-a-ask-us-anything-2.md"
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    raw, _ = read_entry(path, path.name, str(path), "news")
    assert raw is not None and raw.data["title"] == title  # quotes, colon and '#' survive
    calendar = json.loads(community(project, "calendar", "--json").out)
    assert {"date": "2026-12-24", "what": "publishes", "title": title} in [
        {key: item[key] for key in ("date", "what", "title")} for item in calendar["items"]]


def test_slugs_from_latin_titles() -> None:
    assert slugify("Café Zürich: Łódź & Straße meetup!") == "cafe-zurich-lodz-strasse-meetup"
    assert slugify("  Ｆｕｌｌｗｉｄｔｈ ２０２７ ") == "fullwidth-2027"
    long = slugify("A very long title " * 10)
    assert len(long) <= MAX_SLUG and not long.endswith("-") and long.startswith("a-very-long")


# -------------------------------------------------------------------------- calendar

EXPECTED_30_DAYS = [  # each Chinese translation (x.zh.md, its page under zh/) on its own line
    ("2026-12-03", "publishes", "news/winter-hiring-update/", "2026-12-03T00:00:00+00:00"),
    ("2026-12-03", "publishes", "zh/news/winter-hiring-update/", "2026-12-03T00:00:00+00:00"),
    ("2026-12-10", "event", "events/ask-our-hiring-managers/", "2026-12-10T17:00:00+01:00"),
    ("2026-12-10", "event", "zh/events/ask-our-hiring-managers/", "2026-12-10T17:00:00+01:00"),
    ("2026-12-14", "goes_public", "jobs/senior-backend-engineer-route-planning/", None),
    ("2026-12-17", "event", "events/shanghai-data-open-evening/", "2026-12-17T19:00:00+08:00"),
    ("2026-12-17", "event", "zh/events/shanghai-data-open-evening/",
     "2026-12-17T19:00:00+08:00"),
    ("2026-12-18", "closes", "jobs/implementation-consultant-contract/", None),
]


def items_of(calendar: dict) -> list[tuple]:
    return [(item["date"], item["what"], item["url"], item["moment"])
            for item in calendar["items"]]


def test_calendar_lists_what_the_example_content_does_in_the_next_30_days(community) -> None:
    run = community(REPO_ROOT, "calendar", "--json")
    assert run.code == 0, run.err
    calendar = json.loads(run.out)
    assert calendar["from"] == "2026-11-26T12:00:00+00:00"
    assert calendar["until"] == "2026-12-26T12:00:00+00:00"
    assert items_of(calendar) == EXPECTED_30_DAYS
    assert calendar["items"][0]["path"] == "content/news/2026-12-03-winter-hiring-update.md"
    # The winter update covers every segment, so only types go quiet in these 30 days.
    gaps = {(gap["stream"], gap["id"]): (gap["last"], gap["quiet_from"], gap["next"])
            for gap in calendar["gaps"]}
    assert gaps == {
        ("type", "spotlights"): ("2026-11-12", "2026-12-12", None),
        ("type", "stories"): ("2026-11-05", "2026-12-05", None),
        # Jobs are not quiet: the senior backend role goes public on 14 December, which is
        # news for everyone outside the community.
        ("type", "events"): ("2026-11-24", "2026-12-24", None),
    }


def test_calendar_text_and_a_longer_window(community) -> None:
    text = community(REPO_ROOT, "calendar")
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert lines[0] == ("Editorial calendar from 2026-11-26 12:00 UTC to 2026-12-26 "
                        "(the next 30 days)")
    winter = next(line for line in lines if "Winter hiring update" in line)
    assert winter.startswith("Thu 2026-12-03") and "publishes" in winter
    meeting = next(line for line in lines if "Ask our hiring managers" in line)
    assert meeting.startswith("Thu 2026-12-10 17:00 (UTC+0100)")
    assert "  type stories (Employee stories): last new 2026-11-05, quiet from 2026-12-05; " \
           "nothing scheduled" in lines

    longer = json.loads(community(REPO_ROOT, "calendar", "--days", "70", "--json").out)
    assert items_of(longer)[:len(EXPECTED_30_DAYS)] == EXPECTED_30_DAYS
    assert [(item["date"], item["what"], item["url"])
            for item in longer["items"][len(EXPECTED_30_DAYS):]] == [
        ("2027-01-21", "event", "events/design-critique-night/"),
        ("2027-01-31", "closes", "jobs/product-designer-warehouse-apps/"),
        ("2027-01-31", "closes", "jobs/software-engineering-intern-2027/"),
    ]


def test_calendar_reports_quiet_segments_and_leaves_drafts_out(
    project: Path, community, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    assert "            operations: Operations\n" in text
    settings.write_text(text.replace("            operations: Operations\n",
                                     "            operations: Operations\n"
                                     "            sales: Sales\n"), encoding="utf-8")
    draft = project / "content" / "news" / "2026-12-01-not-yet.md"
    draft.write_text("---\ntitle: Not yet\ndate: 2026-12-01\ndraft: true\n---\nText.\n",
                     encoding="utf-8")
    calendar = json.loads(community(project, "calendar", "--json").out)
    assert "Not yet" not in [item["title"] for item in calendar["items"]]
    assert {"stream": "segment", "id": "sales", "label": "Sales", "last": None,
            "quiet_from": None, "next": None} in calendar["gaps"]

    # Three months on, with nothing new since, every type has gone quiet.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1803556800")  # 2027-02-25T12:00:00Z
    later = community(project, "calendar")
    assert later.code == 0, later.err
    assert "  type news (News): nothing new since 2026-12-03 (84 days); nothing scheduled" \
        in later.out.splitlines()
    assert "segment sales (Sales): never had an entry; nothing scheduled" in later.out


def test_calendar_follows_a_job_from_preview_to_closing(project: Path, community) -> None:
    job = project / "content" / "jobs" / "2026-12-02-data-analyst.md"
    job.write_text("---\ntitle: Data Analyst\ndate: 2026-12-02T09:00:00+01:00\nteam: Data\n"
                   "locations: [Berlin]\npublic_on: 2026-12-16\ncloses: 2026-12-23\n"
                   "apply_url: https://jobs.example.com/data-analyst\n---\n",
                   encoding="utf-8")
    calendar = json.loads(community(project, "calendar", "--json").out)
    mine = [(item["date"], item["what"], item["moment"]) for item in calendar["items"]
            if item["title"] == "Data Analyst"]
    assert mine == [("2026-12-02", "preview_opens", "2026-12-02T09:00:00+01:00"),
                    ("2026-12-16", "goes_public", None), ("2026-12-23", "closes", None)]
    text = community(project, "calendar").out
    assert re.search(r"^Wed 2026-12-02 +preview opens +jobs +Data Analyst ", text, re.M)
    assert re.search(r"^Wed 2026-12-23 +last day to apply +jobs +Data Analyst ", text, re.M)


def test_calendar_refuses_content_with_problems_and_bad_days(project: Path, community) -> None:
    broken = project / "content" / "jobs" / "2026-12-01-broken.md"
    broken.write_text("---\ntitle: Broken\ndate: 2026-12-01\nteam: Data\n---\n",
                      encoding="utf-8")
    run = community(project, "calendar")
    assert run.code == 1 and run.out == ""
    assert "content/jobs/2026-12-01-broken.md:1: locations: is required" in run.err
    assert community(project, "calendar", "--days", "0").code == 2
    assert community(project, "calendar", "--days", "soon").code == 2


def test_installed_command_runs(tmp_path: Path) -> None:
    """The `community` script from pyproject's [project.scripts], as editors run it."""
    # Beside the interpreter running the tests (.venv/bin/), not whatever PATH finds first.
    script = Path(sys.executable).parent / "community"
    assert script.is_file(), f"the `community` command is not installed in {script.parent}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}
    result = subprocess.run([script, "calendar", "--json"], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert items_of(json.loads(result.stdout)) == EXPECTED_30_DAYS
