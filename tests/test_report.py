"""`community report`: exports with known counts in, exact figures and no personal data out.

The exports are written here in each service's shape (a form backend's CSV with the form's
own field names, Buttondown's JSON with ``metadata`` and ``tags``, Mailchimp's audience CSV);
the project is a temporary one with three entries of known dates and segments, so every
figure of figures.csv is known in advance.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from fixtures import EPOCH, REPO_ROOT

from generator.cli import main
from tests.fixtures.project import front, make_project

FORM_COLUMNS = ["email", "name", "interests", "source", "campaign", "referrer",
                "relationship", "form", "page", "_date"]
# (email, name, interests, source, campaign, referrer, relationship, date)
FORM_ROWS = [
    ("ada@example.org", "Ada Byronova", "data, berlin", "career-fair", "fair-2027-03", "anna-k",
     "student", "2026-11-02T09:00:00Z"),
    ("bo@example.org", "Bolek Lindqvist", "data", "career-fair", "fair-2027-03", "anna-k", "",
     "2026-11-03T09:00:00+01:00"),
    ("cy@example.org", "", "design", "linkedin", "", "", "former-employee",
     "2026-11-08T23:30:00Z"),
    # week of 2026-11-09: an undeclared source, no source, and Ada again (counted once)
    ("dee@example.org", "Deedee Quokka", "", "tiktok", "", "", "", "2026-11-10T10:00:00Z"),
    ("eve@example.org", "Evangelina Zed", "shanghai", "", "", "", "", "2026-11-11T10:00:00Z"),
    ("ADA@Example.org ", "Ada Byronova-Kay", "engineering", "alumni", "winter", "ben-m", "student",
     "2026-11-12T10:00:00Z"),
    # nobody in the week of 2026-11-16; the week of 2026-11-23:
    ("fay@example.org", "Fayola Xu", "munich", "referral", "Spring Fair", "Anna K", "neighbour",
     "2026-11-24T08:00:00Z"),
    ("", "Nobody Addressless", "data", "career-fair", "", "", "", "2026-11-24T08:00:00Z"),
    ("gus@example.org", "Gustavus Pim", "data", "referral", "", "ben-m", "", "not a date"),
]
BUTTONDOWN = {"results": [
    {"id": "1", "email_address": "hal@example.org", "creation_date": "2026-11-25T10:00:00Z",
     "metadata": {"source": "runner-up", "campaign": "q4-letters", "referrer": "ben-m",
                  "name": "Halvard Ninefold"}, "tags": ["remote", "engineering"]},
    # Bo again, through the newsletter: still one member
    {"id": "2", "email_address": "bo@EXAMPLE.org", "creation_date": "2026-11-25T11:00:00Z",
     "metadata": {"source": "linkedin"}, "tags": ["design"]},
]}
MAILCHIMP = ('"Email Address","First Name","Last Name","Source","TAGS","OPTIN_TIME"\n'
             '"ivy@example.org","Ivette","Stonebridge","event","""berlin"",""data""",'
             '"2026-11-17 08:00:00"\n')

ENTRIES = {
    "news/2026-11-03-hello.md": front("title: Hello\ndate: 2026-11-03\nsegments: [data]"),
    "stories/2026-11-20-year.md": front(
        "title: A year\ndate: 2026-11-20\nsegments: [data, berlin]\n"
        "employee: {name: Mo Becker, role: Engineer}"),
    "news/2026-10-01-before.md": front("title: Before\ndate: 2026-10-01"),  # before the report
    "news/2026-12-20-later.md": front("title: Later\ndate: 2026-12-20"),  # scheduled: not yet
}


def write_exports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    form = folder / "formspree.csv"
    with form.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FORM_COLUMNS)
        for email, name, interests, source, campaign, ref, relation, day in FORM_ROWS:
            writer.writerow([email, name, interests, source, campaign, ref, relation, "join",
                             "/careers/join/", day])
    buttondown = folder / "buttondown.json"
    buttondown.write_text(json.dumps(BUTTONDOWN), encoding="utf-8")
    mailchimp = folder / "mailchimp.csv"
    mailchimp.write_text(MAILCHIMP, encoding="utf-8")
    return [form, buttondown, mailchimp]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", ENTRIES, with_images=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))

    def community(project: Path, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(["-f", str(project / "mkdocs.yml"), "report", *args])
        except SystemExit as stop:
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return community


def figures(out: Path) -> dict[str, list[tuple[str, str, int]]]:
    rows = list(csv.DictReader(io.StringIO((out / "figures.csv").read_text("utf-8"))))
    found: dict[str, list[tuple[str, str, int]]] = {}
    for row in rows:
        found.setdefault(row["figure"], []).append((row["period"], row["key"],
                                                    int(row["value"])))
    return found


def test_figures_are_exact_and_every_address_counts_once(project, run, tmp_path):
    exports = write_exports(tmp_path / "exports")
    out = tmp_path / "report"
    code, printed, err = run(project, "--submissions", *map(str, exports), "--out", str(out))
    assert code == 0, err
    # 9 + 2 + 1 rows; Ada twice, Bo twice; 2 rows left out (no address, no date)
    assert "12 rows from 3 files: 8 members (2 repeated addresses counted once, 2 rows " \
           "left out)" in printed
    assert f"{tmp_path}/exports/formspree.csv:9: no e-mail address" in err
    assert f"{tmp_path}/exports/formspree.csv:10: no readable date" in err
    got = figures(out)
    assert got["members-per-week"] == [
        ("2026-11-02", "", 3), ("2026-11-09", "", 2), ("2026-11-16", "", 1),
        ("2026-11-23", "", 2)]
    # Ada: data, berlin + engineering later; Bo: data + design later; Cy design; Eve
    # shanghai; Fay's "munich" is not declared; Hal remote, engineering; Ivy berlin, data
    assert got["members-by-segment"] == [
        ("", "engineering", 2), ("", "design", 2), ("", "data", 3), ("", "operations", 0),
        ("", "berlin", 2), ("", "shanghai", 1), ("", "remote", 1)]
    # the first signup's attribution wins (Ada: career-fair, not alumni; Bo: career-fair)
    assert got["members-by-source"] == [
        ("", "career-fair", 2), ("", "", 1), ("", "event", 1), ("", "linkedin", 1),
        ("", "other", 1), ("", "referral", 1), ("", "runner-up", 1)]
    assert got["members-by-campaign"] == [("", "fair-2027-03", 2), ("", "q4-letters", 1)]
    assert got["top-referrers"] == [("", "anna-k", 2), ("", "ben-m", 1)]  # "Anna K" dropped
    assert got["members-by-relationship"] == [
        ("", "", 5), ("", "former-employee", 1), ("", "other", 1), ("", "student", 1)]
    # content from the first member's month (2026-11) to now: two entries published
    assert [row for row in got["content-by-type"] if row[2]] == [
        ("2026-11", "news", 1), ("2026-11", "stories", 1)]
    assert ("", "news", 2) in got["content-goal"]
    assert [row for row in got["content-by-segment"] if row[2]] == [
        ("2026-11", "data", 2), ("2026-11", "berlin", 1)]


def test_the_report_holds_no_address_and_no_name(project, run, tmp_path):
    exports = write_exports(tmp_path / "exports")
    out = tmp_path / "report"
    assert run(project, "--submissions", *map(str, exports), "--out", str(out))[0] == 0
    written = "\n".join(path.read_text("utf-8").casefold() for path in out.iterdir())
    people = [row[0].strip() for row in FORM_ROWS if row[0]] + [row[1] for row in FORM_ROWS]
    people += ["hal@example.org", "halvard ninefold", "ivy@example.org", "ivette",
               "stonebridge"]
    for value in filter(None, people):
        assert value.casefold() not in written, value
    assert "@" not in written


def test_the_html_is_self_contained_with_a_chart_and_table_per_figure(project, run,
                                                                       tmp_path):
    exports = write_exports(tmp_path / "exports")
    out = tmp_path / "report"
    assert run(project, "--submissions", *map(str, exports), "--out", str(out))[0] == 0
    page = lxml.html.fromstring((out / "report.html").read_bytes())
    assert not page.xpath("//script|//link|//img|//iframe|//*[@src]")
    assert page.xpath("string(//h1)") == "Northwind talent community: community report"
    charts = page.xpath("//figure[@class='chart']")
    assert len(charts) == 7
    for chart in charts:
        svg = chart.xpath(".//svg")
        assert svg and svg[0].get("role") == "img" and svg[0].get("aria-labelledby")
    # the referrers chart: one bar per referrer, its value in the table beside it
    referrers = page.xpath("//figure[@id='chart-referrers']")[0]
    assert [t.text for t in referrers.xpath(".//text[@class='label']")] == ["anna-k", "ben-m"]
    table = referrers.getparent().xpath(".//table//tr/td")
    assert [cell.text for cell in table] == ["2", "1"]


def test_since_counts_only_people_who_joined_from_that_day(project, run, tmp_path):
    exports = write_exports(tmp_path / "exports")
    out = tmp_path / "report"
    code, printed, _ = run(project, "--submissions", *map(str, exports), "--since",
                           "2026-11-09", "--out", str(out))
    assert code == 0
    # Ada and Bo joined before: their later signups do not make them new members
    assert ": 5 members (" in printed
    assert figures(out)["members-per-week"][0] == ("2026-11-09", "", 2)


def test_weeks_months_and_days_are_those_of_the_sites_clock(run, tmp_path):
    """On a Shanghai site (UTC+8) Cy's signup at 23:30 UTC on Sunday 8 November is Monday
    morning there: it counts in the week of 9 November and from ``--since 2026-11-09``; a
    story dated 20:00 UTC on 31 October is published on 1 November there. On UTC's clock
    (the test above) both fall a day, a week and a month earlier."""
    story = {"stories/2026-10-31-night.md": front(
        "title: Night shift\ndate: 2026-10-31T20:00:00Z\nsegments: [shanghai]\n"
        "employee: {name: Li Wei, role: Engineer}")}
    project = make_project(tmp_path / "project", {**ENTRIES, **story}, with_images=False,
                           config_edit={"timezone": "Asia/Shanghai"})
    exports = write_exports(tmp_path / "exports")
    out = tmp_path / "report"
    assert run(project, "--submissions", *map(str, exports), "--out", str(out))[0] == 0
    got = figures(out)
    assert got["members-per-week"] == [
        ("2026-11-02", "", 2), ("2026-11-09", "", 3), ("2026-11-16", "", 1),
        ("2026-11-23", "", 2)]
    assert [row for row in got["content-by-type"] if row[2]] == [
        ("2026-11", "news", 1), ("2026-11", "stories", 2)]
    assert ("2026-11", "shanghai", 1) in got["content-by-segment"]
    code, printed, _ = run(project, "--submissions", *map(str, exports), "--since",
                           "2026-11-09", "--out", str(out))
    assert code == 0 and ": 6 members (" in printed  # Cy joined on the 9th there
    assert figures(out)["members-per-week"][0] == ("2026-11-09", "", 3)


@pytest.mark.parametrize("inside", ["site/report", "content/private"])
def test_the_report_is_never_written_where_it_would_be_published(project, run, tmp_path,
                                                                 inside):
    exports = write_exports(tmp_path / "exports")
    code, _, err = run(project, "--submissions", *map(str, exports), "--out",
                       str(project / inside))
    assert code == 2
    assert "must never be published" in err
    assert not (project / inside).exists()


def test_unreadable_exports_are_all_reported_and_nothing_is_written(project, run, tmp_path):
    broken = tmp_path / "no-email.csv"
    broken.write_text("name,_date\nAda,2026-11-02\n", encoding="utf-8")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"results": [', encoding="utf-8")
    missing = tmp_path / "missing.csv"
    out = tmp_path / "report"
    code, _, err = run(project, "--submissions", str(broken), str(bad_json), str(missing),
                       "--out", str(out))
    assert code == 1
    assert f"{broken}:1: no email column (looked for: email, email_address" in err
    assert f"{bad_json}:1: not valid JSON" in err
    assert f"{missing}: cannot read it" in err
    assert "Nothing was written." in err
    assert not out.exists()


def test_the_benchmark_script_runs(tmp_path):
    """bench/report.py at 300 rows, so it cannot rot (its timing is judged by a person)."""
    result = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "report.py"),
                             "--rows", "300", "--rounds", "1"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "300 rows from 1 files: " in result.stdout
    assert "fastest: " in result.stdout


def test_the_report_is_valid_html(project, run, tmp_path, vnu_jar):
    """The Nu HTML Checker finds no error in report.html (its inline SVG and CSS too)."""
    exports = write_exports(tmp_path / "exports")
    out = tmp_path / "report"
    assert run(project, "--submissions", *map(str, exports), "--out", str(out))[0] == 0
    result = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--stdout",
                             "--also-check-css", str(out / "report.html")],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode in (0, 1), result.stderr
    errors = [f"{m.get('lastLine')}: {m['message']}" for m in json.loads(result.stdout)["messages"]
              if m["type"] in ("error", "non-document-error")]
    assert errors == []
