"""Hostile and odd files in content/: refused with file:line, or published correctly.

Each finding of the red-team pass is a fixture: a copy of a small project with a site built
from it, the odd files added, then the real ``community check`` and ``mkdocs build``. A refused
file must come back as one clear ``file:line`` line from both, without a traceback, and the
previously built ``site/`` must stay byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import lxml.etree
import lxml.html
import pytest
from fixtures.project import front, make_project, run_check

from generator.reader import read_entry

if TYPE_CHECKING:
    from conftest import BuildSite

NEWS = "title: Hello\ndate: 2026-11-01"


def html_text(fragment: str) -> str:
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


def snapshot(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = make_project(root / "project", {
        "news/2026-11-01-hello.md": front(NEWS, "Hello, community.\n")})
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def copy(base: Path, tmp_path: Path) -> Path:
    shutil.copytree(base / "project", tmp_path / "project", symlinks=True)
    shutil.copytree(base / "site", tmp_path / "site")
    return tmp_path


Setup = Callable[[Path], None]


def write(name: str, data: str | bytes) -> Setup:
    def setup(content: Path) -> None:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return setup


def link(name: str, target: str) -> Setup:
    def setup(content: Path) -> None:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).symlink_to(target)
    return setup


def folder(name: str) -> Setup:
    return lambda content: (content / name).mkdir(parents=True)


REFUSED = {
    "markdown-suffix-entry-checked": (
        write("jobs/2026-11-01-role.MD", front(
            'title: Role\ndate: 2026-11-01\nteam: Data\nlocaton: ["Berlin, Germany"]')),
        "content/jobs/2026-11-01-role.MD:5: locaton: unknown field; did you mean 'locations'?"),
    "passwd-link": (
        link("passwd.txt", "/etc/passwd"),
        "content/passwd.txt:1: file: is a link to /etc/passwd, outside the repository"),
    "folder-link-outside": (
        link("outside", "/usr/share/doc"),
        "content/outside:1: file: is a link to /usr/share/doc, outside the repository"),
    "plain-page-not-utf8": (
        write("about.md", b"# About\n\nCaf\xe9 au lait\n"),
        "content/about.md:3: file: line 3 is not UTF-8 text"),
    "plain-page-dangling-link": (
        link("team.md", "nowhere/team.md"),
        "content/team.md:1: file: is a link to nowhere/team.md, which does not exist"),
    "entry-dangling-link": (
        link("news/2026-11-02-gone.md", "../../gone.md"),
        "content/news/2026-11-02-gone.md:1: file: is a link to ../../gone.md, which does "
        "not exist"),
    "entry-folder-named-md": (
        folder("news/2026-11-03-folder.md"),
        "content/news/2026-11-03-folder.md:1: file: is a folder with the name of an entry "
        "file"),
    "control-character-escape": (
        write("news/2026-11-04-control.md", front('title: "A\\x01B"\ndate: 2026-11-04')),
        "content/news/2026-11-04-control.md:2: title: holds the invisible control character "
        "U+0001"),
    "not-an-entry": (
        write("news/notes.txt", "some notes\n"),
        "content/news/notes.txt:1: file: is not an entry: content/news/ holds only Markdown"),
    "uppercase-plain-page": (
        write("About.MD", "# About\n"),
        "content/About.MD:1: file: 'About.MD' would be published as it is"),
    "hand-written-feed": (
        write("feeds/all.rss", "<rss/>"),
        "content/feeds/all.rss:1: file: /feeds/all.rss is a file the generator writes"),
    "hand-written-calendar": (
        write("events/calendar.ics", "BEGIN:VCALENDAR\n"),
        "content/events/calendar.ics:1: file: /events/calendar.ics is a file the generator "
        "writes"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_by_check_and_build_site_untouched(case: str, copy: Path,
                                                    build_site: BuildSite) -> None:
    setup, expected = REFUSED[case]
    project, site = copy / "project", copy / "site"
    setup(project / "content")
    before = snapshot(site)
    checked = run_check(project)
    assert checked.returncode == 1 and expected in checked.stderr, checked.stderr
    assert "Traceback" not in checked.stderr
    built = build_site(project, site)
    assert built.returncode == 1 and expected in built.stderr, built.stderr
    assert "Traceback" not in built.stderr
    assert snapshot(site) == before


def test_other_markdown_suffixes_are_entries_and_backups_are_never_published(
        copy: Path, build_site: BuildSite) -> None:
    project, site = copy / "project", copy / "site"
    content = project / "content"
    secret = front("title: Secret plan\ndate: 2030-01-01\ndraft: true",
                   "The secret plan, with a codeword: aubergine.\n")
    write("news/2026-11-01-plan.markdown", secret)(content)
    write("jobs/2026-11-01-role.MD", secret.replace("Secret plan", "Secret role")
          .replace("date:", 'team: Data\nlocations: ["Berlin, Germany"]\ndate:'))(content)
    write("news/2026-11-05-live.Markdown", front("title: Live\ndate: 2026-11-05",
                                                 "Published text.\n"))(content)
    write("news/2026-11-01-hello.md~", "backup with aubergine\n")(content)
    write("news/2026-11-01-hello.md.orig", "merge leftover with aubergine\n")(content)
    write("privacy.md.bak", "aubergine\n")(content)
    write("#privacy.md#", "aubergine\n")(content)
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("4 entries checked")  # hello, plan, role, live
    built = build_site(project, site)
    assert built.returncode == 0, built.stderr
    published = [path for path in site.rglob("*") if path.is_file()]
    leaked = [path for path in published if b"aubergine" in path.read_bytes()]
    assert leaked == []
    names = {path.name for path in published}
    assert not names & {"2026-11-01-plan.markdown", "2026-11-01-role.MD",
                        "2026-11-01-hello.md~", "2026-11-01-hello.md.orig", "privacy.md.bak"}
    assert (site / "news/live/index.html").is_file()  # .Markdown: an entry like any other
    assert "Published text." in (site / "news/live/index.html").read_text(encoding="utf-8")


def test_alias_bomb_is_refused_in_well_under_a_second(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("---\ntitle: Bomb\ndate: 2026-11-01\n" + "\n".join(lines) + "\n---\nx\n",
                    encoding="utf-8")
    started = time.perf_counter()
    entry, problems = read_entry(path, "news/bomb.md", "content/news/bomb.md", "news")
    elapsed = time.perf_counter() - started
    assert entry is None and elapsed < 0.2, elapsed
    assert [str(p) for p in problems] == [
        # line 8 is "e:", the first level past the limit (9 * 7381 values)
        "content/news/bomb.md:8: front matter: the fields stand for more than 10000 values "
        "(YAML aliases like '*name' repeat parts): write the values out instead"]


def test_a_few_aliases_still_work(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text("---\ntitle: &t Same\ndate: 2026-11-01\nsummary: *t\n---\nx\n",
                    encoding="utf-8")
    entry, problems = read_entry(path, "news/ok.md", "content/news/ok.md", "news")
    assert problems == [] and entry is not None and entry.data["summary"] == "Same"


def test_text_summary_and_email_autolink_in_the_feeds(tmp_path: Path,
                                                      build_site: BuildSite) -> None:
    summary = "Why we never embed an <iframe> & other <b>tags</b> in posts"
    body = ("Write to <careers@lanternfish.example> or [us](mailto:jobs@lanternfish.example)."
            "\n\nA control character reference: a&#1;b.\n")
    project = make_project(tmp_path / "project", {"news/2026-11-01-mail.md": front(
        f'title: Mail\ndate: 2026-11-01\nsummary: "{summary}"', body)})
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    feeds = tmp_path / "site/feeds"
    for name in ("news.rss", "news.atom", "all.rss"):
        data = (feeds / name).read_bytes()
        lxml.etree.fromstring(data)  # well-formed XML
        parsed = feedparser.parse(data, sanitize_html=False)
        assert not parsed.bozo, parsed.get("bozo_exception")
        item = parsed.entries[0]
        # Read as HTML (what feed readers do), the summary is the text itself.
        assert html_text(item.summary) == summary, item.summary
        content = item.content[0].value
        assert 'href="mailto:careers@lanternfish.example"' in content, content
        assert 'href="mailto:jobs@lanternfish.example"' in content
        assert "\x01" not in content and "ab." in content
    page = (tmp_path / "site/news/mail/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:careers@lanternfish.example"' in page


def test_unreadable_entry_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "fifo.md"
    os.symlink(tmp_path / "missing.md", path)
    entry, problems = read_entry(path, "news/fifo.md", "content/news/fifo.md", "news")
    assert entry is None and problems[0].message.startswith("cannot be read (")
