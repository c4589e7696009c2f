"""A link from an entry to a content file or anchor that does not exist is an error with
its file and line, in ``community check`` and in the build (issue #12, item 8)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fixtures import EPOCH
from fixtures.project import front, make_project, run_check

from generator.links import body_links

if TYPE_CHECKING:
    from conftest import BuildSite

NEWS = "title: {title}\ndate: 2026-11-01"

GOOD = front(NEWS.format(title="Good"), "\n".join([
    "## How to apply",
    "",
    "See [the other post](2026-11-01-target.md#the-team) and [us](#how-to-apply),",
    "the [privacy notice](../privacy.md), [roles](../jobs/index.md) and",
    "[a site](https://example.com/missing.md).",
    "",
    "```",
    "[not a link](nowhere.md)",
    "```",
    "",
    "Inline code: `[x](nowhere.md)`.",
    "",
]))
TARGET = front(NEWS.format(title="Target"), "## The team\n\nText.\n")
BROKEN = front(NEWS.format(title="Broken"), "\n".join([
    "First paragraph.",
    "",
    "A [missing post](2026-01-01-gone.md) and an [anchor](2026-11-01-target.md#nope).",
    "",
    '<a href="#nowhere">raw</a> and a reference [r].',
    "",
    "[r]: ../stories/none.md",
    "",
]))


def test_check_reports_each_broken_link_at_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news/2026-11-01-good.md": GOOD,
                                      "news/2026-11-01-target.md": TARGET,
                                      "news/2026-11-01-broken.md": BROKEN})
    result = run_check(project, EPOCH)
    assert result.returncode == 1
    shown = "content/news/2026-11-01-broken.md"
    assert result.stderr.splitlines() == [
        f"{shown}:8: body: the link to '2026-01-01-gone.md' points to news/2026-01-01-gone.md, "
        "which is not a file in content/ (paths are relative to this file)",
        f"{shown}:8: body: the link to '2026-11-01-target.md#nope': "
        "news/2026-11-01-target.md has no heading or element with id 'nope'",
        f"{shown}:10: body: the link to '#nowhere': this page has no heading or element with "
        "id 'nowhere'",
        f"{shown}:12: body: the link to '../stories/none.md' points to stories/none.md, which "
        "is not a file in content/ (paths are relative to this file)",
        "4 problems found; nothing was built.",
    ]


def test_the_build_fails_the_same_way(tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project", {"news/2026-11-01-target.md": TARGET,
                                                  "news/2026-11-01-broken.md": BROKEN})
    result = build_site(project, tmp_path / "site", EPOCH)
    assert result.returncode != 0
    assert ("content/news/2026-11-01-broken.md:8: body: the link to '2026-01-01-gone.md'"
            in result.stderr)
    assert not (tmp_path / "site" / "news").exists()


def test_good_links_pass_and_code_is_not_read(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news/2026-11-01-good.md": GOOD,
                                      "news/2026-11-01-target.md": TARGET})
    result = run_check(project, EPOCH)
    assert result.returncode == 0, result.stderr
    assert [link for _, link in body_links(GOOD)] == [
        "2026-11-01-target.md#the-team", "#how-to-apply", "../privacy.md",
        "../jobs/index.md", "https://example.com/missing.md"]
