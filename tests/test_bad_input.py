"""Broken content and settings: every mistake comes back as ``path:line: field: message``.

One table row per broken file. All broken files live in ONE temporary project, so a single
``community check`` and a single ``mkdocs build`` must report every row's problem (editors fix
all of them in one go). Neither may print a traceback, and both must exit non-zero. Settings
mistakes get their own project (a bad mkdocs.yml stops before content is read). Files that
look unusual but are fine (a UTF-8 BOM, CRLF line endings) must build and appear on the site.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fixtures import EPOCH
from fixtures.project import (
    IMAGE,
    front,
    load_site_and_settings,
    make_project,
    page_links,
    run_check,
)

from generator.build import check
from generator.errors import ContentError
from generator.schedule import build_time

if TYPE_CHECKING:
    from conftest import BuildSite

NEWS = "title: A fine title\ndate: 2026-05-01"
JOB = "title: Data engineer\ndate: 2026-05-01\nteam: Data\nlocations: [Berlin]"
EVENT = ("title: Tech night\ndate: 2026-05-01\nstart: 2026-12-10T18:30:00+01:00\n"
         "format: online")
SPOTLIGHT = "title: Meet Ada\ndate: 2026-05-01\nmember:\n  name: Ada"
STORY = "title: A year in data\ndate: 2026-05-01\nemployee:\n  name: Bo\n  role: Analyst"


@dataclass(frozen=True)
class Case:
    """One broken file and what the report must say about it.

    ``expected`` holds ``(line, field, message substring)`` triples; the report must contain
    ``content/<path>:<line>: <field>: `` followed (on the same line) by the substring.
    """

    path: str
    text: str | bytes
    expected: tuple[tuple[int, str, str], ...]
    partner: str = ""  # another row's file that this problem needs (same address)


CASES: tuple[Case, ...] = (
    # --- YAML syntax ------------------------------------------------------------------
    Case("news/yaml-unclosed-quote.md",
         '---\ntitle: "Half a title\ndate: 2026-05-01\n---\nBody.\n',
         ((2, "front matter", "YAML syntax error: found unexpected end of stream while "
                                  "scanning a quoted scalar"),)),
    Case("news/yaml-unclosed-list.md",
         "---\ntitle: Tags\ndate: 2026-05-01\ntags: [one, two\n---\nBody.\n",
         ((4, "front matter", "YAML syntax error"),)),
    Case("news/yaml-bad-indent.md",
         "---\ntitle: Indent\n  date: 2026-05-01\n---\nBody.\n",
         ((3, "front matter", "YAML syntax error"),)),
    Case("news/front-matter-is-a-list.md", "---\n- title\n- date\n---\nBody.\n",
         ((2, "front matter", "must be 'field: value' lines"),)),
    Case("news/duplicate-key.md", front(NEWS + "\ntitle: Again"),
         ((4, "title", "given twice"),)),
    # --- missing required fields, per type --------------------------------------------
    Case("news/missing-title.md", front("date: 2026-05-01"), ((1, "title", "is required"),)),
    Case("news/missing-date.md", front("title: No date"), ((1, "date", "is required"),)),
    Case("spotlights/missing-member.md", front("title: Who?\ndate: 2026-05-01"),
         ((1, "member", "is required"),)),
    Case("spotlights/member-without-name.md",
         front("title: Who?\ndate: 2026-05-01\nmember:\n  headline: Engineer"),
         ((4, "member.name", "is required"),)),
    Case("stories/employee-without-role.md",
         front("title: A story\ndate: 2026-05-01\nemployee:\n  name: Bo"),
         ((4, "employee.role", "is required"),)),
    Case("jobs/missing-team-and-locations.md", front("title: A role\ndate: 2026-05-01"),
         ((1, "team", "is required"), (1, "locations", "is required"))),
    Case("events/missing-start-and-format.md", front("title: An event\ndate: 2026-05-01"),
         ((1, "start", "is required"), (1, "format", "is required"))),
    # --- mistyped fields --------------------------------------------------------------
    Case("news/title-is-a-list.md", front("title: [one, two]\ndate: 2026-05-01"),
         ((2, "title", "must be text, not a list"),)),
    Case("news/author-is-a-group.md", front(NEWS + "\nauthor: {name: Ada}"),
         ((4, "author", "must be text, not a group of fields"),)),
    Case("spotlights/member-is-text.md", front("title: Meet\ndate: 2026-05-01\nmember: Ada"),
         ((4, "member", "must be a group of fields"),)),
    Case("jobs/locations-is-a-group.md",
         front("title: R\ndate: 2026-05-01\nteam: Data\nlocations: {berlin: yes}"),
         ((5, "locations", "must be a list"),)),
    Case("events/venue-is-text.md",
         front(EVENT.replace("online", "in_person") + "\nvenue: The office"),
         ((6, "venue", "must be a group of fields"),)),
    Case("news/draft-is-a-number.md", front(NEWS + "\ndraft: 2"),
         ((4, "draft", "must be true or false"),)),
    Case("jobs/salary-min-is-text.md",
         front(JOB + "\nsalary:\n  currency: EUR\n  min: lots"),
         ((8, "salary.min", "must be a number"),)),
    # --- unknown fields ---------------------------------------------------------------
    Case("news/unknown-field-typo.md", front(NEWS + "\nsumary: Short."),
         ((4, "sumary", "unknown field; did you mean 'summary'?"),)),
    Case("jobs/unknown-nested-field.md",
         front(JOB + "\nsalary:\n  currency: EUR\n  min: 50000\n  maxi: 60000"),
         ((9, "salary.maxi", "did you mean 'max'?"),)),
    Case("news/unknown-field-far.md", front(NEWS + "\nzzzqqq: 1"),
         ((4, "zzzqqq", "unknown field; known fields: title, date"),)),
    # --- dates ------------------------------------------------------------------------
    Case("news/impossible-date.md", front("title: Leap\ndate: 2026-02-30"),
         ((3, "date", "'2026-02-30' is not a real date"),)),
    Case("news/not-a-date.md", front("title: Soon\ndate: next tuesday"),
         ((3, "date", "is not a date; write it as"),)),
    Case("news/updated-before-date.md", front(NEWS + "\nupdated: 2026-04-01"),
         ((4, "updated", "is before 'date'"),)),
    Case("events/end-before-start.md", front(EVENT + "\nend: 2026-12-10T17:00:00+01:00"),
         ((6, "end", "is before 'start'"),)),
    Case("events/start-without-offset.md",
         front(EVENT.replace("18:30:00+01:00", "18:30:00")),
         ((4, "start", "needs a time and a UTC offset"),)),
    Case("jobs/closes-impossible.md", front(JOB + "\ncloses: 2026-13-01"),
         ((6, "closes", "'2026-13-01' is not a real date"),)),
    Case("jobs/closes-before-public-on.md",
         front(JOB + "\npublic_on: 2026-06-01\ncloses: 2026-05-20"),
         ((7, "closes", "is before 'public_on'"),)),
    # --- URLs -------------------------------------------------------------------------
    Case("spotlights/javascript-url.md",
         front(SPOTLIGHT + "\n  url: javascript:alert(1)"),
         ((6, "member.url", "'javascript:alert(1)' is not allowed"),)),
    Case("jobs/apply-url-http.md", front(JOB + "\napply_url: http://jobs.example/apply"),
         ((6, "apply_url", "is not an https:// address"),)),
    Case("events/register-url-ftp.md", front(EVENT + "\nregister_url: ftp://files.example/x"),
         ((6, "register_url", "is not an https:// address"),)),
    Case("news/image-data-url.md",
         front(NEWS + "\nimage: data:image/png;base64,AAAA\nimage_alt: A dot"),
         ((4, "image", "is not allowed"),)),
    # --- images -----------------------------------------------------------------------
    Case("news/image-missing.md", front(NEWS + "\nimage: images/nope.png\nimage_alt: Nothing"),
         ((4, "image", "'images/nope.png' does not exist"),)),
    Case("news/image-without-alt.md", front(NEWS + f"\nimage: {IMAGE}"),
         ((1, "image_alt", "is required with 'image'"),)),
    Case("spotlights/photo-without-alt.md", front(SPOTLIGHT + f"\n  photo: {IMAGE}"),
         ((4, "member.photo_alt", "is required with 'photo'"),)),
    Case("stories/photo-without-alt.md", front(STORY + f"\n  photo: {IMAGE}"),
         ((4, "employee.photo_alt", "is required with 'photo'"),)),
    # --- segments and addresses -------------------------------------------------------
    Case("news/unknown-segment.md", front(NEWS + "\nsegments: [engineering, marketing]"),
         ((4, "segments[1]", "'marketing' is not a declared segment"),)),
    Case("news/2026-03-01-same-address.md", front(NEWS),
         ((1, "slug", "/news/same-address/ is also the address of "
                      "content/news/same-address.md"),), partner="news/same-address.md"),
    Case("news/same-address.md", front(NEWS),
         ((1, "slug", "/news/same-address/ is also the address of "
                      "content/news/2026-03-01-same-address.md"),),
         partner="news/2026-03-01-same-address.md"),
    Case("news/bad-slug.md", front(NEWS + "\nslug: Bad Slug!"),
         ((4, "slug", "'Bad Slug!' is not a slug"),)),
    Case("events/上海招聘会.md", front(EVENT),
         ((1, "slug", "the file name '上海招聘会.md' does not give a web address"),)),
    # --- file-level problems ----------------------------------------------------------
    Case("news/empty.md", "", ((1, "file", "the file is empty"),)),
    Case("news/only-spaces.md", "  \n\n", ((1, "file", "the file is empty"),)),
    Case("news/never-closes.md", "---\ntitle: Open\ndate: 2026-05-01\n\nBody.\n",
         ((1, "front matter", "never closes"),)),
    Case("news/no-front-matter.md", "# Just a heading\n\nBody.\n",
         ((1, "front matter", "must start with a '---' line"),)),
    Case("news/not-utf8.md", front(NEWS).encode() + "Caf\xe9 in Latin-1\n".encode("latin-1"),
         ((7, "file", "not UTF-8"),)),
    Case("news/five-megabytes.md", front(NEWS, "Lorem ipsum dolor sit amet. " * 190_000),
         ((1, "file", "an entry may be at most 1 MB"),)),
    # --- lengths, enums, codes --------------------------------------------------------
    Case("news/title-too-long.md", front(f"title: {'T' * 151}\ndate: 2026-05-01"),
         ((2, "title", "is 151 characters long; at most 150"),)),
    Case("news/summary-too-long.md", front(NEWS + f"\nsummary: {'s' * 301}"),
         ((4, "summary", "is 301 characters long; at most 300"),)),
    Case("events/in-person-without-venue.md", front(EVENT.replace("online", "in_person")),
         ((1, "venue", "is required unless the event is online"),)),
    Case("events/bad-format.md", front(EVENT.replace("online", "virtual")),
         ((5, "format", "'virtual' is not one of"),)),
    Case("jobs/bad-currency.md", front(JOB + "\nsalary:\n  currency: XYZ\n  min: 1"),
         ((7, "salary.currency", "'XYZ' is not an ISO 4217 currency code"),)),
    Case("jobs/lowercase-currency.md", front(JOB + "\nsalary:\n  currency: eur\n  min: 1"),
         ((7, "salary.currency", "'eur' is not a currency code like EUR"),)),
    Case("jobs/bad-workplace.md", front(JOB + "\nworkplace: office"),
         ((6, "workplace", "'office' is not one of: 'onsite', 'hybrid' or 'remote'"),)),
    Case("events/bad-timezone.md", front(EVENT + "\ntimezone: Mars/Olympus_Mons"),
         ((6, "timezone", "'Mars/Olympus_Mons' is not a time zone name"),)),
    Case("news/control-character.md", front(NEWS + "\nauthor: Ada\x07Lovelace"),
         ((4, "file", "invisible control character U+0007"),)),
    Case("news/control-characters-in-body.md",
         front(NEWS, "Pasted\x0cfrom a PDF.\n\nAnd a NUL \x00 and \x1b twice.\n"),
         ((6, "file", "invisible control character U+000C"),
          (8, "file", "invisible control character U+0000"))),
    Case("news/delete-character.md", front(NEWS + "\nauthor: Ada\x7fLovelace"),
         ((4, "front matter", "the character U+007F is not allowed"),)),
    Case("news/nested-too-deep.md", front(NEWS + "\ntags: " + "[" * 3000 + "]" * 3000),
         ((2, "front matter", "nested too deeply"),)),
    Case("news/number-as-field-name.md", front(NEWS + "\n2027: planned"),
         ((4, "2027", "is not a field name"),)),
    Case("news/image-outside-content.md", front(NEWS + "\nimage: ../mkdocs.yml\nimage_alt: x"),
         ((4, "image", "'../mkdocs.yml' does not exist in content/"),)),
    Case("news/image-empty.md", front(NEWS + "\nimage: ''\nimage_alt: Nothing"),
         ((4, "image", "must not be empty"),)),
    Case("jobs/salary-infinite.md", front(JOB + "\nsalary:\n  currency: EUR\n  max: .inf"),
         ((8, "salary.max", "must be a number"),)),
    Case("news/tag-too-long.md", front(NEWS + "\ntags: [short, " + "标" * 51 + "]"),
         ((4, "tags[1]", "is 51 characters long; at most 50"),)),
    Case("news/slug-too-long.md", front(NEWS + "\nslug: " + "a" * 101),
         ((4, "slug", "is 101 characters long; a slug may have at most 100"),)),
    Case("news/year-typo.md", front("title: Typo\ndate: 0226-05-01"),
         ((3, "date", "'0226-05-01' is not a plausible date"),)),
    Case("events/year-9999.md", front(EVENT.replace("2026-12-10T18", "9999-12-31T23")),
         ((4, "start", "the year must be from 1900 to 2999"),)),
    Case("jobs/salary-astronomical.md", front(JOB + "\nsalary:\n  currency: EUR\n  min: 1e300"),
         ((8, "salary.min", "must be at most 1,000,000,000,000"),)),
    # --- odd encodings still give the right lines -------------------------------------
    Case("news/crlf-with-typo.md", front(NEWS + "\nauthr: Ada").replace("\n", "\r\n"),
         ((4, "authr", "did you mean 'author'?"),)),
    Case("news/bom-with-typo.md", "\ufeff" + front(NEWS + "\ntgas: [x]"),
         ((4, "tgas", "did you mean 'tags'?"),)),
)

GOOD = {
    "news/2026-05-02-saved-with-bom.md": "\ufeff" + front(
        "title: Saved with a byte order mark\ndate: 2026-05-02", "Notepad wrote this.\n"),
    "news/2026-05-03-windows-line-endings.md": front(
        "title: Written on Windows\ndate: 2026-05-03\ntags: [crlf]",
        "First paragraph.\n\nSecond paragraph.\n").replace("\n", "\r\n"),
}


def _expected_lines(case: Case) -> list[tuple[str, str]]:
    return [(f"content/{case.path}:{line}: {field}: ", message)
            for line, field, message in case.expected]


def _assert_reported(output: str, cases: tuple[Case, ...]) -> None:
    """Every expected prefix appears at a line start, followed by its message."""
    missing = []
    for case in cases:
        for prefix, message in _expected_lines(case):
            pattern = re.compile(rf"^.*{re.escape(prefix)}.*{re.escape(message)}", re.M)
            if not pattern.search(output):
                missing.append(f"{prefix}... {message}")
    assert not missing, "not reported:\n  " + "\n  ".join(missing) + f"\n--- output:\n{output}"


def _assert_failed_cleanly(result: subprocess.CompletedProcess[str]) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    return output


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files: dict[str, str | bytes] = {case.path: case.text for case in CASES}
    files.update(GOOD)
    return make_project(tmp_path_factory.mktemp("broken"), files)


def test_table_is_big_and_unique() -> None:
    assert len(CASES) >= 35
    assert len({case.path for case in CASES}) == len(CASES)


def test_check_reports_every_problem_in_one_run(broken_project: Path) -> None:
    output = _assert_failed_cleanly(run_check(broken_project))
    _assert_reported(output, CASES)
    # The good files are not blamed, and the summary counts what was listed.
    for good in GOOD:
        assert good not in output
    problems = re.findall(r"^content/\S+:\d+: ", output, re.M)
    assert re.search(rf"^{len(problems)} problems found", output, re.M), output


def test_build_reports_every_problem_in_one_run(
    broken_project: Path, build_site: BuildSite, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    output = _assert_failed_cleanly(build_site(broken_project, out))
    _assert_reported(output, CASES)
    assert not out.exists() or not any(out.iterdir()), "a failed build wrote a site"


@pytest.mark.parametrize("case", CASES, ids=[case.path for case in CASES])
def test_each_file_alone_gives_its_message(case: Case, tmp_path: Path) -> None:
    """Alone, a broken file gives exactly its own problems (in-process: one subprocess per
    row would be slow; the subprocess runs above cover the command and the build)."""
    files = {row.path: row.text for row in CASES if row.path in (case.path, case.partner)}
    project = make_project(tmp_path, files)
    site, settings = load_site_and_settings(project)
    with pytest.raises(ContentError) as caught:
        check(site, settings, build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}))
    report = caught.value.report()
    _assert_reported(report, (case,))
    assert len(caught.value.problems) == len(case.expected) * (2 if case.partner else 1), report


def test_bom_and_crlf_files_build_and_appear(build_site: BuildSite, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", GOOD)
    assert run_check(project).returncode == 0
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    bom = (out / "news/saved-with-bom/index.html").read_text(encoding="utf-8")
    crlf = (out / "news/windows-line-endings/index.html").read_text(encoding="utf-8")
    assert "Saved with a byte order mark" in bom and "\ufeff" not in bom
    assert "<p>First paragraph.</p>" in crlf and "<p>Second paragraph.</p>" in crlf
    assert "\r" not in crlf
    listed = page_links(out, "news/")
    assert {"news/saved-with-bom/", "news/windows-line-endings/"} <= listed
    assert (out / "tags/crlf/index.html").is_file()


# ------------------------------------------------------------------------------ settings

SETTINGS_CASES = (
    # (option changes, expected key, message substring)
    ({"signup": {"provider": "sendgrid", "endpoint": "https://forms.example/f",
                 "privacy_url": "privacy/"}},
     "plugins.community.signup.provider", "'sendgrid' is not one of"),
    ({"signup": {"provider": "formspree", "endpoint": "http://forms.example/f",
                 "privacy_url": "privacy/"}},
     "plugins.community.signup.endpoint", "must be an https:// address"),
    ({"pagination": 0}, "plugins.community.pagination", "must be at least 1"),
    ({"segments": {"teams": {"title": "Teams", "values": {"berlin": "Berlin team"}},
                   "places": {"title": "Places", "values": {"berlin": "Berlin"}}}},
     "plugins.community.segments.places.values.berlin", "unique across axes"),
    ({"organization": {"name": "Northwind", "logo": "assets/missing.svg"}},
     "plugins.community.organization.logo", "'assets/missing.svg' does not exist"),
    ({"feeds": {"length": 20, "utm": True, "lenght": 5}},
     "plugins.community.feeds.lenght", "did you mean 'length'?"),
    ({"organization": {"name": "Northwind", "url": "javascript:alert(1)"}},
     "plugins.community.organization.url", "is not allowed"),
)


def _key_line(config: Path, key: str) -> int:
    """The line of ``plugins.community.a.b`` in ``config``: each part after the previous."""
    lines = config.read_text(encoding="utf-8").splitlines()
    number = next(n for n, text in enumerate(lines) if text.strip() == "- community:")
    for part in key.split(".")[2:]:
        number = next(n for n in range(number + 1, len(lines))
                      if lines[n].strip().startswith(f"{part}:"))
    return number + 1


@pytest.mark.parametrize(("changes", "key", "message"), SETTINGS_CASES,
                         ids=[case[1].rsplit(".", 1)[-1] for case in SETTINGS_CASES])
def test_bad_setting_names_its_mkdocs_key(
    changes: dict, key: str, message: str, tmp_path: Path, build_site: BuildSite
) -> None:
    project = make_project(tmp_path / "project", GOOD, config_edit=changes)
    line = str(_key_line(project / "mkdocs.yml", key))
    pattern = re.compile(  # `mkdocs build` logs the first line after "ERROR   -  "
        rf"^(?:ERROR +- +)?mkdocs\.yml:{line}: {re.escape(key)}: .*{re.escape(message)}", re.M)
    checked = _assert_failed_cleanly(run_check(project))
    assert pattern.search(checked), checked
    built = _assert_failed_cleanly(build_site(project, tmp_path / "site"))
    assert pattern.search(built), built


def test_bad_settings_are_reported_together(tmp_path: Path) -> None:
    changes: dict[str, object] = {}
    for change, _, _ in SETTINGS_CASES[:3]:
        changes.update(change)
    changes["signup"] = {"provider": "sendgrid", "endpoint": "http://forms.example/f",
                         "privacy_url": "privacy/"}
    project = make_project(tmp_path, GOOD, config_edit=changes)
    output = _assert_failed_cleanly(run_check(project))
    for key in ("signup.provider", "signup.endpoint", "pagination"):
        assert f": plugins.community.{key}: " in output, output
