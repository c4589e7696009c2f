"""A failed build leaves the previous site untouched; equal input gives equal bytes.

MkDocs empties ``site_dir`` before writing, so the generator must fail before that: these
tests build a good site, break the content (or the settings), build again into the same
folder and compare every file's bytes. Reproducibility is checked on the whole tree of two
builds at the same ``SOURCE_DATE_EPOCH`` under different hash seeds (set iteration order is
the usual way a build stops being reproducible).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fixtures import EPOCH
from fixtures.project import REPO_ROOT, copy_example, edit_plugin_options

if TYPE_CHECKING:
    from conftest import BuildSite



def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (path from root -> bytes); folders as empty markers."""
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        files[key + "/" if path.is_dir() else key] = b"" if path.is_dir() else path.read_bytes()
    return files


def differences(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    changed = [name for name in before.keys() & after.keys() if before[name] != after[name]]
    return sorted([*(f"- {n}" for n in before.keys() - after.keys()),
                   *(f"+ {n}" for n in after.keys() - before.keys()),
                   *(f"~ {n}" for n in changed)])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project (content, mkdocs.yml) that a test may break."""
    return copy_example(tmp_path / "project")


def _build_good(project: Path, out: Path, build_site: BuildSite) -> dict[str, bytes]:
    result = build_site(project, out, EPOCH)
    assert result.returncode == 0, result.stderr
    before = snapshot(out)
    assert len(before) > 100 and "index.html" in before
    return before


def _break_content(project: Path) -> str:
    job = next((project / "content" / "jobs").glob("*.md"))
    job.write_text(job.read_text(encoding="utf-8").replace("team:", "teem:", 1),
                   encoding="utf-8")
    (project / "content" / "news" / "2026-01-01-half-written.md").write_text(
        "---\ntitle: Half written\ndate: 2026-02-30\n", encoding="utf-8")
    return "teem: unknown field; did you mean 'team'?"


def _break_settings(project: Path) -> str:
    config = project / "mkdocs.yml"
    config.write_text(edit_plugin_options(config.read_text(encoding="utf-8"),
                                          {"pagination": 0}), encoding="utf-8")
    return "plugins.community.pagination: must be at least 1"


@pytest.mark.parametrize("breaks", [_break_content, _break_settings],
                         ids=["content", "settings"])
def test_failed_build_leaves_previous_site_byte_identical(
    project: Path, tmp_path: Path, build_site: BuildSite, breaks
) -> None:
    out = tmp_path / "site"
    before = _build_good(project, out, build_site)
    message = breaks(project)
    result = build_site(project, out, EPOCH)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert message in output and "Traceback" not in output, output
    assert differences(before, snapshot(out)) == []


def test_failed_build_after_an_added_entry_leaves_the_old_site(
    project: Path, tmp_path: Path, build_site: BuildSite
) -> None:
    """A new good entry plus a broken one: nothing of the new entry reaches the site."""
    out = tmp_path / "site"
    before = _build_good(project, out, build_site)
    (project / "content" / "news" / "2026-11-01-fresh-news.md").write_text(
        "---\ntitle: Fresh news\ndate: 2026-11-01\n---\nNew.\n", encoding="utf-8")
    (project / "content" / "events" / "2026-11-01-broken.md").write_text(
        "---\ntitle: Broken\ndate: 2026-11-01\nformat: online\nstart: 2026-12-01T10:00\n---\n",
        encoding="utf-8")
    result = build_site(project, out, EPOCH)
    assert result.returncode != 0
    assert "start: needs a time and a UTC offset" in result.stderr
    assert differences(before, snapshot(out)) == []


def test_two_builds_at_the_same_epoch_are_byte_identical(
    project: Path, tmp_path: Path, build_site: BuildSite
) -> None:
    """The example project built twice, under different hash seeds, into different folders."""
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"site-{seed}"
        result = build_site(project, out, EPOCH, extra_env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outs.append(snapshot(out))
    assert len(outs[0]) > 100
    assert differences(outs[0], outs[1]) == []


def test_another_epoch_changes_the_site(example_site: Path, tmp_path: Path,
                                        build_site: BuildSite) -> None:
    """The build time is an input: a week later the scheduled post is out."""
    out = tmp_path / "later"
    result = build_site(REPO_ROOT, out, EPOCH + 7 * 86400)
    assert result.returncode == 0, result.stderr
    assert (out / "news/winter-hiring-update/index.html").is_file()
    assert not (example_site / "news/winter-hiring-update").exists()
