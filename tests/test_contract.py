"""Fast unit tests of the core's first stages: reader, contract, validation, schedule, index.

No build and no MkDocs: entries are written to a temporary folder, read, validated and
scheduled in-process. The schedule tests pin the boundary instants of the publication rules
(exactly at ``date``, at ``public_on``, on the ``closes`` day, at an event's end).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fixtures import EPOCH

from generator.community import Community, Listing, paginate, tag_slug
from generator.content import ROOT_MARK, Entry, State
from generator.errors import ContentError, Problem
from generator.markup import Renderer, excerpt, localize, root_for, summarize
from generator.model import Context
from generator.reader import read_entries, read_entry
from generator.schedule import build_time, schedule, state_of
from generator.validate import dotted, validate_entries, validate_entry

SEGMENTS = {"engineering", "berlin"}


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def load(tmp_path: Path, kind: str, front_matter: str, body: str = "Body.\n",
         name: str = "2026-05-01-entry.md") -> tuple[Entry | None, list[Problem]]:
    """Read and validate one entry file of ``kind``; its problems if it does not validate."""
    path = write(tmp_path / kind, name, f"---\n{front_matter.strip()}\n---\n{body}")
    raw, problems = read_entry(path, f"{kind}/{name}", f"content/{kind}/{name}", kind)
    if raw is None:
        return None, problems
    entry, found = validate_entry(raw, Context(SEGMENTS, tmp_path))
    return entry, problems + found


def valid(tmp_path: Path, kind: str, front_matter: str, body: str = "Body.\n",
          name: str = "2026-05-01-entry.md") -> Entry:
    entry, problems = load(tmp_path, kind, front_matter, body, name)
    assert entry is not None and not problems, [str(p) for p in problems]
    return entry


# ----------------------------------------------------------------------------- reader


def test_reader_keeps_the_file_line_of_every_key_and_item(tmp_path: Path) -> None:
    text = ("---\ntitle: T\ndate: 2026-05-01\nmember:\n  name: Ada\n  url: https://a.example\n"
            "tags:\n  - one\n  - two\n---\nFirst body line.\n")
    path = write(tmp_path, "spotlights/x.md", text)
    raw, problems = read_entry(path, "spotlights/x.md", "content/spotlights/x.md", "spotlights")
    assert raw is not None and problems == []
    assert raw.lines[("title",)] == 2
    assert raw.lines[("member", "url")] == 6
    assert raw.lines[("tags", 1)] == 9
    assert raw.line_of(("member", "photo")) == 4  # missing key: its group's line
    assert raw.line_of(("summary",)) == 1  # missing top-level key: the opening '---'
    assert text.splitlines()[raw.body_line - 1] == "---"  # body starts on the closing line
    assert raw.body.strip() == "First body line."


def test_reader_keeps_timestamps_as_text_for_the_contract(tmp_path: Path) -> None:
    path = write(tmp_path, "news/x.md", "---\ntitle: T\ndate: 2026-02-30\n---\n")
    raw, _ = read_entry(path, "news/x.md", "content/news/x.md", "news")
    assert raw is not None and raw.data["date"] == "2026-02-30"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_reader_normalizes_line_endings_and_keeps_lines(tmp_path: Path, newline: str) -> None:
    text = "---\ntitle: T\ndate: 2026-05-01\nauthor: Ada\n---\nOne.\n\nTwo.\n"
    path = write(tmp_path, "news/x.md", "\ufeff" + text.replace("\n", newline))
    raw, problems = read_entry(path, "news/x.md", "content/news/x.md", "news")
    assert raw is not None and problems == []
    assert raw.lines[("author",)] == 4
    assert raw.data["title"] == "T"
    assert "\r" not in raw.body and raw.body.strip() == "One.\n\nTwo."


def test_reader_strips_the_private_root_mark_from_sources(tmp_path: Path) -> None:
    path = write(tmp_path, "news/x.md", f"---\ntitle: A{ROOT_MARK}B\ndate: 2026-05-01\n---\n"
                                        f"[x]({ROOT_MARK}evil)\n")
    raw, _ = read_entry(path, "news/x.md", "content/news/x.md", "news")
    assert raw is not None
    assert raw.data["title"] == "AB" and ROOT_MARK not in raw.body


def test_read_entries_reads_entry_folders_only_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("news/b.md", "news/a.md", "news/index.md", "events/z.md", "other/x.md",
                 "news/sub/c.md", "news/notes.txt"):
        write(tmp_path, name, "---\ntitle: T\ndate: 2026-05-01\n---\n")
    raws, problems = read_entries(tmp_path, "content/")
    assert problems == []
    assert [raw.src_path for raw in raws] == ["news/a.md", "news/b.md", "news/sub/c.md",
                                              "events/z.md"]
    assert raws[0].shown_path == "content/news/a.md"
    assert raws[-1].kind == "events"


def test_problems_sort_by_file_then_line_and_print_as_path_line_field() -> None:
    later = Problem("content/news/b.md", 2, "title", "is required")
    first = Problem("content/news/a.md", 9, "date", "is required")
    error = ContentError([later, first])
    assert error.problems == [first, later]
    assert error.report().splitlines() == [
        "content/news/a.md:9: date: is required",
        "content/news/b.md:2: title: is required",
        "2 problems found; nothing was built.",
    ]


# --------------------------------------------------------------------------- contract


def test_dates_without_zone_are_utc_and_offsets_are_kept(tmp_path: Path) -> None:
    entry = valid(tmp_path, "news", "title: T\ndate: 2026-05-01\nupdated: 2026-05-02T10:00+02:00")
    assert entry.fields.date == datetime(2026, 5, 1, tzinfo=UTC)
    assert entry.fields.updated == datetime(2026, 5, 2, 8, 0, tzinfo=UTC)
    assert entry.fields.updated.utcoffset() == timedelta(hours=2)


def test_updated_equal_to_date_is_fine_one_second_before_is_not(tmp_path: Path) -> None:
    valid(tmp_path, "news", "title: T\ndate: 2026-05-01T10:00:00Z\nupdated: 2026-05-01T12:00+02:00")
    _, problems = load(tmp_path, "news",
                       "title: T\ndate: 2026-05-01T10:00:00Z\nupdated: 2026-05-01T09:59:59Z")
    assert [p.field for p in problems] == ["updated"]


def test_event_defaults_and_zone(tmp_path: Path) -> None:
    entry = valid(tmp_path, "events", "title: T\ndate: 2026-05-01\n"
                  "start: 2026-12-10T18:30:00+01:00\nformat: online\ntimezone: Europe/Berlin")
    event = entry.event
    assert event.ends == event.start + timedelta(hours=1)
    assert str(event.zone) == "Europe/Berlin"
    same = valid(tmp_path, "events", "title: T\ndate: 2026-05-01\n"
                 "start: 2026-12-10T18:30:00+01:00\nend: 2026-12-10T18:30:00+01:00\n"
                 "format: hybrid\nvenue: {name: Office}")
    assert same.event.ends == same.event.start  # an end equal to the start is allowed


def test_job_defaults_and_lenient_lists(tmp_path: Path) -> None:
    job = valid(tmp_path, "jobs", "title: T\ndate: 2026-05-01\nteam: Data\nlocations: Berlin\n"
                "tags: hiring\nsegments: berlin").job
    assert job.locations == ["Berlin"] and job.tags == ["hiring"] and job.segments == ["berlin"]
    assert job.workplace.value == "onsite"
    assert job.employment_type is None  # not said: nothing is assumed (no "Full-time")


def test_strings_are_trimmed_and_numbers_are_text(tmp_path: Path) -> None:
    entry = valid(tmp_path, "news", "title: '  2027  '\ndate: 2026-05-01\ntags: [2027, ' x ']")
    assert entry.title == "2027" and entry.fields.tags == ["2027", "x"]


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/x", True), ("http://example.org/x", True), ("about/", True),
    ("../jobs/", True), ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
    ("data:text/html,x", False), ("vbscript:x", False), ("//evil.example/x", False),
    ("ftp://files.example/x", False), ("mailto:a@b.example", False),
])
def test_link_fields_accept_only_web_and_relative_urls(tmp_path: Path, url: str,
                                                       ok: bool) -> None:
    entry, problems = load(tmp_path, "spotlights",
                           f"title: T\ndate: 2026-05-01\nmember:\n  name: A\n  url: '{url}'")
    assert (entry is not None) is ok, [str(p) for p in problems]
    assert all(p.field == "member.url" for p in problems)


def test_slug_comes_from_the_file_name_without_its_date(tmp_path: Path) -> None:
    assert valid(tmp_path, "news", "title: T\ndate: 2026-05-01",
                 name="2026-05-01-hello-world.md").slug == "hello-world"
    assert valid(tmp_path, "news", "title: T\ndate: 2026-05-01",
                 name="plain-name.md").slug == "plain-name"
    assert valid(tmp_path, "news", "title: 标题\ndate: 2026-05-01\nslug: own-words",
                 name="2026-05-01-标题.md").slug == "own-words"
    entry = valid(tmp_path, "events", "title: T\ndate: 2026-05-01\n"
                  "start: 2026-12-10T18:30:00+01:00\nformat: online", name="x.md")
    assert entry.url == "events/x/"


def test_every_problem_of_one_file_in_one_run(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "jobs", "title: ''\ndate: 2026-02-30\nteam: [a]\n"
                       "locations: []\nworkplace: office\nsegments: [mars]\nimage: nope.png\n"
                       "image_alt: x\ncolour: red")
    assert sorted(p.field for p in problems) == sorted([
        "title", "date", "team", "locations", "workplace", "segments[0]", "image", "colour"])


def test_duplicate_urls_are_reported_on_every_file(tmp_path: Path) -> None:
    for name in ("2026-05-01-same.md", "same.md", "2026-06-01-other.md"):
        write(tmp_path, f"news/{name}", "---\ntitle: T\ndate: 2026-05-01\n---\n")
    write(tmp_path, "news/third.md", "---\ntitle: T\ndate: 2026-05-01\nslug: same\n---\n")
    raws, _ = read_entries(tmp_path, "content/")
    entries, problems = validate_entries(raws, Context(set(), tmp_path))
    assert len(entries) == 4
    blamed = sorted((p.path, p.line) for p in problems)
    assert blamed == [("content/news/2026-05-01-same.md", 1), ("content/news/same.md", 1),
                      ("content/news/third.md", 4)]
    assert all("/news/same/ is also the address of" in p.message for p in problems)


def test_dotted_names_nested_fields_and_list_items() -> None:
    assert dotted(("member", "url")) == "member.url"
    assert dotted(("segments", 2)) == "segments[2]"
    assert dotted(()) == "front matter"


# --------------------------------------------------------------------------- schedule

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def at(moment: datetime) -> str:
    return moment.isoformat()


def test_build_time_reads_source_date_epoch() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}) == NOW
    assert build_time({"SOURCE_DATE_EPOCH": " 0 "}) == datetime(1970, 1, 1, tzinfo=UTC)
    now = build_time({})
    assert now.tzinfo == UTC and now.microsecond == 0


def test_a_post_is_live_exactly_at_its_date(tmp_path: Path) -> None:
    entry = valid(tmp_path, "news", f"title: T\ndate: {at(NOW)}")
    assert state_of(entry, NOW) == State.live
    assert state_of(entry, NOW - timedelta(seconds=1)) == State.scheduled
    offset = valid(tmp_path, "news", "title: T\ndate: 2026-11-26T20:00:00+08:00")
    assert state_of(offset, NOW) == State.live  # 20:00 in Shanghai is 12:00 UTC


def test_drafts_win_over_every_date(tmp_path: Path) -> None:
    entry = valid(tmp_path, "jobs", "title: T\ndate: 2020-01-01\nteam: a\nlocations: [b]\n"
                  "draft: true")
    assert state_of(entry, NOW) == State.draft
    assert schedule([entry], NOW) == []
    assert schedule([entry], NOW, keep_drafts=True) == [entry]


JOB = "title: T\ndate: 2026-01-01\nteam: a\nlocations: [b]"


@pytest.mark.parametrize(("extra", "moment", "state"), [
    ("public_on: 2026-11-26", NOW.replace(hour=0), State.open),  # from the day's first second
    ("public_on: 2026-11-26", NOW.replace(hour=0) - timedelta(seconds=1), State.preview),
    ("public_on: 2026-11-27", NOW, State.preview),
    ("closes: 2026-11-26", NOW.replace(hour=23, minute=59, second=59), State.open),
    ("closes: 2026-11-26", NOW.replace(hour=0) + timedelta(days=1), State.closed),
    ("closes: 2026-11-25", NOW, State.closed),
    ("public_on: 2026-12-01\ncloses: 2026-12-31", NOW, State.preview),
    ("public_on: 2026-11-01\ncloses: 2026-11-01", datetime(2026, 11, 1, 18, tzinfo=UTC),
     State.open),
    ("", NOW, State.open),
])
def test_job_states_at_their_boundaries(tmp_path: Path, extra: str, moment: datetime,
                                        state: State) -> None:
    entry = valid(tmp_path, "jobs", f"{JOB}\n{extra}")
    assert state_of(entry, moment) == state


def test_a_job_dated_in_the_future_is_scheduled_even_if_public(tmp_path: Path) -> None:
    entry = valid(tmp_path, "jobs", "title: T\ndate: 2026-12-01\nteam: a\nlocations: [b]\n"
                  "public_on: 2026-11-01")
    assert state_of(entry, NOW) == State.scheduled


@pytest.mark.parametrize(("end", "moment", "state"), [
    ("end: 2026-11-26T13:00:00+01:00", NOW - timedelta(seconds=1), State.upcoming),
    ("end: 2026-11-26T13:00:00+01:00", NOW, State.past),  # the end instant itself is past
    ("end: 2026-11-26T20:00:00+08:00", NOW, State.past),
    ("", NOW + timedelta(minutes=59), State.upcoming),  # default end: start + 1 h
    ("", NOW + timedelta(hours=1), State.past),
])
def test_event_states_at_their_end(tmp_path: Path, end: str, moment: datetime,
                                   state: State) -> None:
    entry = valid(tmp_path, "events", "title: T\ndate: 2026-01-01\nformat: online\n"
                  f"start: {at(NOW)}\n{end}")
    assert state_of(entry, moment) == state
    assert entry.published


def test_events_running_now_are_upcoming(tmp_path: Path) -> None:
    entry = valid(tmp_path, "events", "title: T\ndate: 2026-01-01\nformat: online\n"
                  "start: 2026-11-20T09:00:00Z\nend: 2026-11-30T17:00:00Z")
    assert state_of(entry, NOW) == State.upcoming


def test_indexable_and_published_follow_the_state() -> None:
    entry = Entry("jobs", "x", "jobs/x.md", "content/jobs/x.md", None, "", 1)  # type: ignore[arg-type]
    for state, published, indexable in [(State.preview, True, False), (State.closed, True, False),
                                        (State.open, True, True), (State.scheduled, False, True),
                                        (State.draft, False, False)]:
        entry.state = state
        assert (entry.published, entry.indexable) == (published, indexable), state


# ---------------------------------------------------------------------------- index


def _scheduled(tmp_path: Path, files: dict[str, str]) -> list[Entry]:
    for name, text in files.items():
        write(tmp_path, name, text)
    raws, problems = read_entries(tmp_path, "content/")
    entries, found = validate_entries(raws, Context(SEGMENTS, tmp_path))
    assert problems + found == []
    return schedule(entries, NOW)


def test_community_orders_indexes_and_leaves_closed_roles_out(tmp_path: Path) -> None:
    entries = _scheduled(tmp_path, {
        "jobs/a.md": f"---\n{JOB}\nsegments: [berlin]\ntags: [Python, python]\n---\n",
        "jobs/b.md": f"---\n{JOB}\ncloses: 2026-02-01\nsegments: [berlin]\ntags: [python, SRE]\n"
                     "---\n",
        "jobs/c.md": f"---\n{JOB}\npublic_on: 2027-01-01\n---\n",
        "news/old.md": "---\ntitle: Old\ndate: 2026-01-01\ntags: [面试 经验]\n---\n",
        "news/new.md": "---\ntitle: New\ndate: 2026-06-01\n---\n",
        "news/later.md": "---\ntitle: Later\ndate: 2026-12-01\n---\n",
        "events/past.md": "---\ntitle: P\ndate: 2026-01-01\nformat: online\n"
                          "start: 2026-03-01T10:00:00Z\n---\n",
        "events/soon.md": "---\ntitle: S\ndate: 2026-01-01\nformat: online\n"
                          "start: 2026-12-20T10:00:00Z\n---\n",
        "events/sooner.md": "---\ntitle: S\ndate: 2026-01-01\nformat: online\n"
                            "start: 2026-12-01T10:00:00Z\n---\n",
    })
    community = Community(entries)
    urls = lambda items: [e.url for e in items]  # noqa: E731
    assert urls(community.type_listing("news").entries) == ["news/new/", "news/old/"]
    assert urls(community.type_listing("jobs").entries) == ["jobs/a/", "jobs/c/"]
    assert "jobs/b/" in urls(community.by_type["jobs"])  # closed keeps its page
    assert urls(community.home_entries("jobs")) == ["jobs/a/", "jobs/c/"]
    assert urls(community.type_listing("events").entries) == [
        "events/sooner/", "events/soon/", "events/past/"]
    assert urls(community.home_entries("events")) == ["events/sooner/", "events/soon/"]
    assert urls(community.segment_listing("berlin").entries) == ["jobs/a/"]
    assert community.segment_listing("engineering").entries == []
    assert urls(community.tag_listing("python").entries) == ["jobs/a/"]  # listed once
    assert set(community.by_tag) == {"python", "面试-经验"}
    # The closed role's page links its tags: they get a page, which lists nothing closed.
    assert set(community.tag_names) == {"python", "sre", "面试-经验"}
    assert community.tag_listing("sre").entries == []


def test_tag_slugs_keep_words_in_any_script() -> None:
    assert tag_slug("Hiring plans") == "hiring-plans"
    assert tag_slug("面试 经验") == "面试-经验"
    # Punctuation other than separators keeps tags apart: C, C++ and C# get three pages.
    assert tag_slug("C++ / Rust!").startswith("c-plus-plus-rust-")
    assert len({tag_slug("C"), tag_slug("C++"), tag_slug("C#")}) == 3
    assert tag_slug("Node.js") != tag_slug("Node js")
    assert tag_slug("Hiring Plans") == tag_slug("hiring plans")  # case alone shares a page
    assert tag_slug("!!!").startswith("tag-")  # nothing but punctuation: still an address


@pytest.mark.parametrize(("count", "pages"), [(0, [0]), (1, [1]), (2, [2]), (3, [2, 1]),
                                              (4, [2, 2]), (5, [2, 2, 1])])
def test_pagination_sizes_and_urls(count: int, pages: list[int]) -> None:
    entries = [Entry("news", f"e{i}", "", "", None, "", 1) for i in range(count)]  # type: ignore[arg-type]
    result = paginate(Listing("type", "news", "news/", entries), 2)
    assert [len(page.entries) for page in result] == pages
    assert [page.url for page in result] == ["news/"] + [
        f"news/page/{n}/" for n in range(2, len(pages) + 1)]
    assert all(page.count == len(pages) for page in result)


# ---------------------------------------------------------------------------- markup


def test_markup_rewrites_links_once_for_any_depth(tmp_path: Path) -> None:
    body = ("Intro with [a job](../jobs/2026-05-01-role.md), [home](../index.md), "
            "[img](../images/x.png), [section](../jobs/index.md), [out](https://example.org), "
            "[bad](javascript:alert(1)) "
            "and [anchor](#part).\n\n<!-- more -->\n\nRest.\n")
    entry = valid(tmp_path, "news", "title: T\ndate: 2026-05-01", body)
    Renderer([], {}, {"jobs/2026-05-01-role.md": "jobs/role/"}).render(entry)
    html = entry.html
    assert f'href="{ROOT_MARK}jobs/role/"' in html
    assert f'href="{ROOT_MARK}"' in html and f'href="{ROOT_MARK}jobs/"' in html
    assert f'href="{ROOT_MARK}images/x.png"' in html
    assert 'href="https://example.org"' in html and 'href="#part"' in html
    assert "javascript:" not in html
    assert entry.summary.startswith("Intro with a job, home") and "Rest" not in entry.summary
    page = localize(html, root_for(entry.url))
    assert 'href="../../jobs/role/"' in page and ROOT_MARK not in page
    assert root_for("") == "./" and root_for("news/page/2/") == "../../../"


def test_summary_prefers_the_field_then_the_first_paragraph(tmp_path: Path) -> None:
    renderer = Renderer([], {}, {})
    given = valid(tmp_path, "news", "title: T\ndate: 2026-05-01\nsummary: Given.", "One.\n\nTwo.")
    renderer.render(given)
    assert given.summary == "Given."
    first = valid(tmp_path, "news", "title: T\ndate: 2026-05-01", "# Head\n\nOne *a*.\n\nTwo.")
    renderer.render(first)
    assert first.summary == "One a." and excerpt(first.html) == "<p>One <em>a</em>.</p>"
    long = summarize("<p>" + "word " * 100 + "</p>")
    assert len(long) <= 300 and long.endswith("…") and " wor…" not in long

