"""``community import``: recorded Greenhouse, Lever and Ashby boards into a fixture site.

The board files in ``tests/fixtures/ats/`` are shaped as each vendor documents its public
job-board JSON (HTML entities, several offices, remote roles, salary ranges, missing
fields). Every import runs the command's own ``main()`` against a temporary project, whose
``community check`` and ``mkdocs build`` then run as subprocesses;
the HTTP tests serve the same files from a local server on 127.0.0.1 (``--base-url``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import lxml.html
import pytest
from fixtures import EPOCH
from fixtures.project import make_project, run_check

from generator.ats import fetch as ats_fetch
from generator.ats.boards import BoardError, parse_board
from generator.ats.markdown import to_markdown
from generator.ats.sync import MARKER
from generator.cli import main
from generator.reader import read_entry

BOARDS = Path(__file__).resolve().parent / "fixtures" / "ats"
TODAY = "2026-11-26"
ATS_SETTINGS = {
    "new_roles": "preview",
    "preview_days": 14,
    "segments": {"Engineering": ["engineering"], "Berlin, Germany": ["berlin"],
                 "Shanghai, China": "shanghai", "Design": ["design"], "Data": ["data"],
                 "Operations": ["operations"], "Remote (EU)": ["remote"]},
}
EXPECTED_FILES = {
    "senior-backend-engineer-route-planning.md", "warehouse-shift-lead.md", "data-analyst.md",
    "product-designer-warehouse-apps.md", "freelance-technical-translator-chinese.md",
    "lever-0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f.md", "site-reliability-engineer.md",
    "implementation-consultant.md", "customer-support-specialist-part-time.md",
}

Run = Callable[..., subprocess.CompletedProcess[str]]


def community(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``community ARGS`` run in ``project`` at EPOCH, in this process: the same ``main()``
    as the command, without a second MkDocs start-up per import (the fixture site's check
    and build below run as subprocesses)."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    try:
        with contextlib.chdir(project), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def import_file(project: Path, ats: str, board_file: Path, *more: str):
    return community(project, "import", f"{ats}:northwind", "--from", str(board_file), *more)


def snapshot(project: Path) -> dict[str, bytes]:
    content = project / "content"
    return {p.relative_to(content).as_posix(): p.read_bytes()
            for p in sorted(content.rglob("*")) if p.is_file()}


def fields(project: Path, name: str) -> dict:
    path = project / "content" / "jobs" / name
    raw, problems = read_entry(path, f"jobs/{name}", f"content/jobs/{name}", "jobs")
    assert raw is not None and not problems, problems
    return raw.data


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", {}, config_edit={"ats": ATS_SETTINGS})


@pytest.fixture
def imported(project: Path) -> Path:
    for ats in ("greenhouse", "lever", "ashby"):
        result = import_file(project, ats, BOARDS / f"{ats}.json")
        assert result.returncode == 0, result.stdout + result.stderr
    return project


# ----------------------------------------------------------------- reading the boards


def roles_of(ats: str) -> dict:
    return {role.title: role for role in
            parse_board(ats, (BOARDS / f"{ats}.json").read_bytes(), f"{ats}.json")}


def test_greenhouse_offices_pay_and_entities() -> None:
    roles = roles_of("greenhouse")
    backend = roles["Senior Backend Engineer, Route Planning"]
    assert backend.id == "4012345" and backend.team == "Engineering"
    assert backend.locations == ("Berlin, Germany", "Remote (EU)")  # both offices
    assert backend.workplace == "remote"
    assert (backend.salary.currency, backend.salary.min, backend.salary.max,
            backend.salary.per) == ("EUR", 75000, 95000, "year")  # cents -> units
    assert backend.description_html.startswith("<h1>About the role</h1>")  # entities decoded
    lead = roles["Warehouse Shift Lead"]
    assert lead.locations == ("Shanghai, China",)  # no offices: location.name
    assert lead.employment_type == "part_time" and lead.salary is None  # from metadata
    analyst = roles["Data Analyst"]
    assert analyst.description_html == "" and analyst.employment_type is None


def test_lever_lists_salary_intervals_and_workplace() -> None:
    roles = roles_of("lever")
    designer = roles["Product Designer, Warehouse Apps"]
    assert designer.team == "Design" and designer.workplace == "hybrid"
    assert designer.locations == ("Berlin, Germany", "Hamburg, Germany")
    assert designer.employment_type == "full_time"
    assert designer.apply_url.endswith("/apply")
    assert "<h3>What you&#x27;ll do</h3>\n<ul><li>Run field studies" in designer.description_html
    translator = roles["Freelance Technical Translator (Chinese)"]
    assert (translator.salary.currency, translator.salary.per) == ("USD", "hour")
    assert translator.employment_type == "contract" and translator.workplace == "remote"
    intern = roles["软件工程实习生"]
    assert intern.salary is None  # "one-time" is not a pay period: nothing guessed
    assert intern.employment_type == "internship" and intern.workplace == "onsite"
    assert intern.description_html == "<p>在上海参与路线规划项目。</p>"  # descriptionPlain


def test_ashby_compensation_listing_and_workplace() -> None:
    roles = roles_of("ashby")
    assert "Confidential Executive Search" not in roles  # isListed: false
    sre = roles["Site Reliability Engineer"]
    assert sre.workplace == "hybrid" and sre.employment_type == "full_time"
    assert sre.locations == ("Berlin, Germany", "Remote (EU)")
    assert (sre.salary.currency, sre.salary.min, sre.salary.max) == ("EUR", 75000, 95000)
    support = roles["Customer Support Specialist (part-time)"]
    assert support.salary is None  # shouldDisplayCompensationOnJobPostings: false
    assert support.workplace == "remote" and support.employment_type == "part_time"
    assert roles["Implementation Consultant"].team == "Operations"


def test_sanitizer_removes_what_it_must() -> None:
    html = roles_of("greenhouse")["Senior Backend Engineer, Route Planning"].description_html
    text = to_markdown(html)
    for gone in ("script", "document.cookie", "iframe", "tracker.example", "onclick",
                 "steal()", "javascript:", "style", "color: red", "budget approved"):
        assert gone not in text, gone
    assert text.startswith("## About the role")  # h1 -> h2: the page title is the h1
    assert "- Design **APIs** for dispatchers" in text
    assert "Europe & Asia. You will" in text  # &amp;amp; and &nbsp; decoded, once
    assert "[our engineering blog](https://northwind.example/engineering)" in text
    assert "or this link." in text  # the javascript: link keeps its text only
    hostile = to_markdown("<p>&lt;img src=x onerror=alert(1)&gt; {: onclick=&quot;x&quot; }"
                          " &amp;lt;b&amp;gt;</p>")
    assert "<img" not in hostile and "&lt;img" in hostile
    assert "\\{: onclick" in hostile  # no attribute list for the site's attr_list
    assert "&amp;lt;b&amp;gt;" in hostile


def test_malformed_boards_name_the_problem() -> None:
    with pytest.raises(BoardError) as error:
        parse_board("greenhouse", b'{"jobs": [', "board.json")
    assert "board.json: is not JSON" in error.value.report()
    with pytest.raises(BoardError) as error:
        parse_board("ashby", b'{"jobs": {}}', "board.json")
    assert "expected an object with a 'jobs' list" in error.value.report()
    bad = json.dumps({"jobs": [{"id": 1, "title": "A", "location": {"name": "X"}},
                               {"id": 2, "location": {"name": "X"}},
                               {"id": 1, "title": ["B"], "location": {"name": "Y"}}]})
    with pytest.raises(BoardError) as error:
        parse_board("greenhouse", bad.encode(), "board.json")
    assert error.value.problems == ["jobs[1].title: is missing",
                                    "jobs[2].title: should be text, not a list"]


# ------------------------------------------------------------ importing into a fixture site


def test_fixture_site_gets_the_expected_files_passes_check_and_builds(
        imported: Path, build_site, tmp_path: Path) -> None:
    jobs = imported / "content" / "jobs"
    assert {path.name for path in jobs.glob("*.md")} == EXPECTED_FILES

    backend = fields(imported, "senior-backend-engineer-route-planning.md")
    assert backend["title"] == "Senior Backend Engineer, Route Planning"
    assert backend["date"] == TODAY and backend["public_on"] == "2026-12-10"  # a preview
    assert backend["locations"] == ["Berlin, Germany", "Remote (EU)"]
    assert backend["salary"] == {"currency": "EUR", "min": 75000, "max": 95000, "per": "year"}
    assert backend["segments"] == ["engineering", "berlin", "remote"]
    assert backend["source"] == {"ats": "greenhouse", "board": "northwind", "id": "4012345",
                                 "updated_at": "2026-11-20T10:15:00-05:00"}
    assert "employment_type" not in backend  # Greenhouse does not say: neither does the file
    analyst = fields(imported, "data-analyst.md")
    assert "salary" not in analyst and analyst["segments"] == ["data"]
    intern = fields(imported, "lever-0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f.md")
    assert intern["title"] == "软件工程实习生" and intern["employment_type"] == "internship"
    sre = fields(imported, "site-reliability-engineer.md")
    assert sre["workplace"] == "hybrid" and sre["team"] == "Engineering"
    for name in EXPECTED_FILES:
        assert (jobs / name).read_text(encoding="utf-8").endswith(MARKER + "\n")

    checked = run_check(imported, EPOCH)
    assert checked.returncode == 0, checked.stderr
    assert "9 entries checked" in checked.stdout and "warning" not in checked.stdout

    out = tmp_path / "built"
    built = build_site(imported, out, EPOCH)
    assert built.returncode == 0, built.stderr
    page = (out / "jobs" / "senior-backend-engineer-route-planning" / "index.html").read_text(
        encoding="utf-8")
    tree = lxml.html.fromstring(page)
    article = " ".join(tree.xpath("//article//text()"))
    assert "Our route planner moves 40,000 parcels a day" in article
    assert "Keep p99 latency < 200 ms" in article
    for gone in ("document.cookie", "tracker.example", "steal()", "javascript:alert"):
        assert gone not in page, gone
    table = (out / "jobs" / "site-reliability-engineer" / "index.html").read_text("utf-8")
    assert "<td>one week in six</td>" in table and "phish.example" not in table


def test_reimporting_the_same_boards_changes_no_byte(imported: Path) -> None:
    before = snapshot(imported)
    for ats in ("greenhouse", "lever", "ashby"):
        result = import_file(imported, ats, BOARDS / f"{ats}.json")
        assert result.returncode == 0, result.stderr
        assert "3 file(s) unchanged" in result.stdout and "Nothing to write." in result.stdout
    assert snapshot(imported) == before


def test_an_edited_title_changes_only_that_line_and_keeps_the_editors_work(
        imported: Path, tmp_path: Path) -> None:
    path = imported / "content" / "jobs" / "warehouse-shift-lead.md"
    text = path.read_text(encoding="utf-8")
    edited = (text.replace("segments: [operations, shanghai]\n",
                           "segments: [operations]   # not for the campus list\n")
              .replace("title: Warehouse Shift Lead\n",
                       "title: Warehouse Shift Lead\nsummary: Twelve people, one shift.\n")
              + "\nAsk Mei about the night-shift bonus.\n")
    path.write_text(edited, encoding="utf-8")

    board = json.loads((BOARDS / "greenhouse.json").read_text(encoding="utf-8"))
    board["jobs"][1]["title"] = "Warehouse Shift Lead (Nights)"
    changed = tmp_path / "greenhouse.json"
    changed.write_text(json.dumps(board), encoding="utf-8")
    others = {k: v for k, v in snapshot(imported).items() if "warehouse-shift-lead" not in k}

    result = import_file(imported, "greenhouse", changed)
    assert result.returncode == 0, result.stderr
    assert "update content/jobs/warehouse-shift-lead.md" in result.stdout
    assert "title: Warehouse Shift Lead -> Warehouse Shift Lead (Nights)\n" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after == edited.replace("title: Warehouse Shift Lead\n",
                                   "title: Warehouse Shift Lead (Nights)\n")
    assert {k: v for k, v in snapshot(imported).items()
            if "warehouse-shift-lead" not in k} == others


def test_an_editors_pay_period_stays_where_greenhouse_gives_none(imported: Path) -> None:
    path = imported / "content" / "jobs" / "senior-backend-engineer-route-planning.md"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("max: 95000, per: year}", "max: 95000, per: month}")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    result = import_file(imported, "greenhouse", BOARDS / "greenhouse.json")
    assert result.returncode == 0 and "3 file(s) unchanged" in result.stdout
    assert path.read_text(encoding="utf-8") == edited


def test_a_role_gone_from_the_board_closes_on_the_import_day(
        imported: Path, tmp_path: Path) -> None:
    board = json.loads((BOARDS / "ashby.json").read_text(encoding="utf-8"))
    board["jobs"] = [job for job in board["jobs"] if job["title"] != "Implementation Consultant"]
    smaller = tmp_path / "ashby.json"
    smaller.write_text(json.dumps(board), encoding="utf-8")
    path = imported / "content" / "jobs" / "implementation-consultant.md"
    before = path.read_text(encoding="utf-8")

    result = import_file(imported, "ashby", smaller)
    assert result.returncode == 0, result.stderr
    assert "close  content/jobs/implementation-consultant.md" in result.stdout
    data = fields(imported, "implementation-consultant.md")
    # It was a preview until 2026-12-10: it cannot close before it opens.
    assert data["closes"] == TODAY and data["public_on"] == TODAY
    after = path.read_text(encoding="utf-8")
    assert after.replace(f"closes: {TODAY}\n", "").replace(
        f"public_on: {TODAY}", "public_on: 2026-12-10") == before
    assert run_check(imported, EPOCH).returncode == 0

    again = import_file(imported, "ashby", smaller)
    assert "3 file(s) unchanged" in again.stdout  # two open roles, one closed already
    assert path.read_text(encoding="utf-8") == after


def test_a_body_without_the_marker_is_the_editors_and_a_closed_role_back_is_named(
        imported: Path, tmp_path: Path) -> None:
    path = imported / "content" / "jobs" / "data-analyst.md"
    taken_over = path.read_text(encoding="utf-8").replace(MARKER, "Our own words now.")
    path.write_text(taken_over.replace("public_on: 2026-12-10\n",
                                       "public_on: 2026-11-19\ncloses: 2026-11-20\n"),
                    encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    board = json.loads((BOARDS / "greenhouse.json").read_text(encoding="utf-8"))
    board["jobs"][2]["content"] = "&lt;p&gt;A new description.&lt;/p&gt;"
    changed = tmp_path / "greenhouse.json"
    changed.write_text(json.dumps(board), encoding="utf-8")
    result = import_file(imported, "greenhouse", changed)
    assert result.returncode == 0, result.stderr
    assert ("content/jobs/data-analyst.md: has no import marker any more: its text is the "
            "editor's, so the description was not updated") in result.stdout
    assert ("content/jobs/data-analyst.md: is on the board again but has 'closes: "
            "2026-11-20': delete that line to reopen it on the site") in result.stdout
    assert path.read_text(encoding="utf-8") == before


def test_dry_run_prints_each_change_and_writes_nothing(imported: Path, tmp_path: Path) -> None:
    board = json.loads((BOARDS / "lever.json").read_text(encoding="utf-8"))
    board[0]["salaryRange"]["max"] = 85000
    del board[1]
    changed = tmp_path / "lever.json"
    changed.write_text(json.dumps(board), encoding="utf-8")
    before = snapshot(imported)
    result = import_file(imported, "lever", changed, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert snapshot(imported) == before
    out = result.stdout
    assert "update content/jobs/product-designer-warehouse-apps.md" in out
    assert "salary: {currency: EUR, min: 65000, max: 80000, per: year} -> " \
           "{currency: EUR, min: 65000, max: 85000, per: year}" in out
    assert "close  content/jobs/freelance-technical-translator-chinese.md" in out
    assert f"closes: (none) -> {TODAY} (no longer on the board)" in out
    assert "Dry run: 2 file(s) would be written; nothing was written." in out


def test_new_roles_open_at_once_by_the_setting(tmp_path: Path) -> None:
    project = make_project(tmp_path / "open", {}, config_edit={
        "ats": {"new_roles": "open", "board": "lever:northwind"}})
    result = community(project, "import", "--from", str(BOARDS / "lever.json"))
    assert result.returncode == 0, result.stderr
    data = fields(project, "product-designer-warehouse-apps.md")
    assert "public_on" not in data and "segments" not in data


def test_the_import_day_is_the_day_where_the_site_is(tmp_path: Path) -> None:
    """At 12:00 UTC on 26 November it is already the 27th in Auckland: a role imported then
    is dated that day there, and its preview ends preview_days later (issue #12, item 2)."""
    project = make_project(tmp_path / "nz", {}, config_edit={
        "ats": ATS_SETTINGS, "timezone": "Pacific/Auckland"})
    assert import_file(project, "lever", BOARDS / "lever.json").returncode == 0
    data = fields(project, "product-designer-warehouse-apps.md")
    assert str(data["date"]) == "2026-11-27" and str(data["public_on"]) == "2026-12-11"


def _job_page(site: Path, slug: str) -> tuple[dict[str, str], list[dict]]:
    """A built role page's facts (label -> value) and its JSON-LD objects."""
    tree = lxml.html.fromstring((site / "jobs" / slug / "index.html").read_bytes())
    facts = {div.xpath("string(dt)").strip(): div.xpath("string(dd)").strip()
             for div in tree.xpath("//section[@class='cm-facts']/dl/div")}
    jsonld = [json.loads(script.text)
              for script in tree.xpath("//script[@type='application/ld+json']")]
    return facts, jsonld


def _posting(jsonld: list[dict]) -> dict:
    postings = [item for item in jsonld if item.get("@type") == "JobPosting"]
    assert len(postings) == 1, jsonld
    return postings[0]


def test_an_employment_type_the_board_does_not_give_is_not_invented(
        tmp_path: Path, build_site) -> None:
    """Greenhouse's job board has no employment type (only custom fields may carry one):
    the role's file, page, feed and JobPosting say nothing about it. Lever's commitment
    and an editor's own value are stated, and the editor's survives a re-import."""
    project = make_project(tmp_path / "open", {}, config_edit={
        "ats": {**ATS_SETTINGS, "new_roles": "open"}})
    for ats in ("greenhouse", "lever"):
        result = import_file(project, ats, BOARDS / f"{ats}.json")
        assert result.returncode == 0, result.stdout + result.stderr
    assert "employment_type" not in fields(project, "senior-backend-engineer-route-planning.md")
    analyst = project / "content" / "jobs" / "data-analyst.md"
    assert "employment_type" not in fields(project, "data-analyst.md")
    text = analyst.read_text(encoding="utf-8")
    analyst.write_text(text.replace("team: ", "employment_type: contract\nteam: ", 1),
                       encoding="utf-8")
    edited = analyst.read_text(encoding="utf-8")
    result = import_file(project, "greenhouse", BOARDS / "greenhouse.json")
    assert result.returncode == 0 and analyst.read_text(encoding="utf-8") == edited

    out = tmp_path / "site"
    built = build_site(project, out, EPOCH)
    assert built.returncode == 0, built.stderr
    facts, jsonld = _job_page(out, "senior-backend-engineer-route-planning")
    assert "Workplace" in facts and "Employment" not in facts, facts  # Greenhouse: silent
    assert "employmentType" not in _posting(jsonld)
    facts, jsonld = _job_page(out, "data-analyst")
    assert facts["Employment"] == "Contract" and _posting(jsonld)["employmentType"] == (
        "CONTRACTOR")  # the editor's word
    facts, jsonld = _job_page(out, "product-designer-warehouse-apps")
    assert facts["Employment"] == "Full-time"  # Lever's commitment "Full-time"
    assert _posting(jsonld)["employmentType"] == "FULL_TIME"
    feed = feedparser.parse((out / "feeds" / "jobs.rss").read_bytes())
    items = {entry.title: lxml.html.fromstring(entry.content[0].value).text_content()
             for entry in feed.entries}  # the full text, the facts on top
    assert "Workplace" in items["Senior Backend Engineer, Route Planning"]
    assert "Employment" not in items["Senior Backend Engineer, Route Planning"]
    assert "Employment: Contract" in items["Data Analyst"]


def test_a_file_that_would_fail_the_check_is_refused_and_explained(
        project: Path, tmp_path: Path) -> None:
    board = json.loads((BOARDS / "ashby.json").read_text(encoding="utf-8"))
    board["jobs"][1]["department"] = None  # no department and no team: no `team`
    bad = tmp_path / "ashby.json"
    bad.write_text(json.dumps(board), encoding="utf-8")
    result = import_file(project, "ashby", bad)
    assert result.returncode == 1
    assert "refused: create content/jobs/implementation-consultant.md" in result.stdout
    assert ("Not written: content/jobs/implementation-consultant.md (Implementation "
            "Consultant (ashby c4a2d3e5-6f70-4b8c-9dae-1f2a3b4c5d6e)) would not pass "
            "`community check`:") in result.stdout
    assert "content/jobs/implementation-consultant.md:1: team: is required" in result.stdout
    jobs = project / "content" / "jobs"
    assert not (jobs / "implementation-consultant.md").exists()
    assert (jobs / "site-reliability-engineer.md").exists()
    assert run_check(project, EPOCH).returncode == 0


def test_malformed_board_file_writes_nothing(project: Path, tmp_path: Path) -> None:
    before = snapshot(project)
    broken = tmp_path / "broken.json"
    broken.write_text('{"jobs": [{"id": 1, "title": "A"', encoding="utf-8")
    result = import_file(project, "greenhouse", broken)
    assert result.returncode == 1
    assert f"{broken}: is not JSON" in result.stderr
    assert "nothing was changed" in result.stderr
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps([{"id": "x"}]), encoding="utf-8")
    result = import_file(project, "lever", wrong)
    assert result.returncode == 1
    assert f"{wrong}: jobs[0].text: is missing" in result.stderr
    assert f"{wrong}: jobs[0].categories.location: is missing" in result.stderr
    assert snapshot(project) == before


def test_usage_mistakes_exit_2(project: Path) -> None:
    assert "name the board" in community(project, "import").stderr
    result = community(project, "import", "workday:acme")
    assert result.returncode == 2 and "'workday:acme' is not a board" in result.stderr


# ------------------------------------------------------------------------------- HTTP


class _Board(BaseHTTPRequestHandler):
    """Answers like the ATS: the recorded board, after ``failures`` error answers."""

    body = b""
    failures: list[int] = []
    paths: list[str] = []

    def do_GET(self) -> None:
        type(self).paths.append(self.path)
        if self.failures:
            status = self.failures.pop(0)
            self.send_response(status)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def ats_server() -> Iterator[type[_Board]]:
    handler = type("Board", (_Board,), {"body": b"", "failures": [], "paths": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.origin = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield handler
    server.shutdown()
    server.server_close()


def test_import_over_http_asks_the_documented_address(project: Path, ats_server) -> None:
    ats_server.body = (BOARDS / "greenhouse.json").read_bytes()
    result = community(project, "import", "greenhouse:northwind",
                       "--base-url", ats_server.origin)
    assert result.returncode == 0, result.stderr
    assert ats_server.paths == ["/v1/boards/northwind/jobs?content=true&pay_transparency=true"]
    assert (project / "content" / "jobs" / "warehouse-shift-lead.md").exists()


def test_http_failure_after_the_retries_writes_nothing(project: Path, ats_server) -> None:
    before = snapshot(project)
    ats_server.failures = [500, 502]
    result = community(project, "import", "ashby:northwind", "--base-url", ats_server.origin,
                       "--tries", "2")
    assert result.returncode == 1
    assert "the server answered 502 Bad Gateway, 2 tries; nothing was changed" in result.stderr
    assert ats_server.paths == ["/posting-api/job-board/northwind?includeCompensation=true"] * 2
    ats_server.failures = [404]
    result = community(project, "import", "lever:nobody", "--base-url", ats_server.origin)
    assert result.returncode == 1 and "404 Not Found: check the board name" in result.stderr
    assert snapshot(project) == before


def test_fetch_retries_then_succeeds_and_times_out(ats_server) -> None:
    ats_server.body = b"[]"
    ats_server.failures = [503, 429]
    waits: list[float] = []
    url = ats_server.origin + "/v0/postings/northwind?mode=json"
    assert ats_fetch.fetch(url, attempts=3, backoff=0.5, sleep=waits.append) == b"[]"
    assert waits == [0.5, 1.0] and len(ats_server.paths) == 3

    silent = ThreadingHTTPServer(("127.0.0.1", 0), _Board)  # accepts, never answers
    try:
        with pytest.raises(ats_fetch.FetchError) as error:
            ats_fetch.fetch(f"http://127.0.0.1:{silent.server_address[1]}/", timeout=0.3,
                            attempts=2, sleep=waits.append)
        assert "no answer" in str(error.value) and "2 tries" in str(error.value)
    finally:
        silent.server_close()


def test_only_https_leaves_this_machine() -> None:
    from generator.ats.boards import BoardSpec

    spec = BoardSpec("lever", "northwind")
    assert ats_fetch.board_url(spec) == "https://api.lever.co/v0/postings/northwind?mode=json"
    with pytest.raises(ats_fetch.FetchError):
        ats_fetch.board_url(spec, "http://api.lever.co")



def test_a_site_that_fails_the_check_is_not_imported_into(tmp_path: Path) -> None:
    project = make_project(tmp_path / "broken", {
        "jobs/2026-11-01-old.md": "---\ntitle: Old role\ndate: 2026-11-01\n---\n\nText.\n"})
    before = snapshot(project)
    result = import_file(project, "lever", BOARDS / "lever.json")
    assert result.returncode == 1
    assert "content/jobs/2026-11-01-old.md:1: team: is required" in result.stderr
    assert "Fix these first (`community check` lists them); the import changed nothing." \
        in result.stderr
    assert snapshot(project) == before
