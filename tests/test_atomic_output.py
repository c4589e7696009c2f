"""Atomic output: a killed or failed ``mkdocs build`` leaves the previous site/ byte-identical.

A real build is started on a project grown to a few hundred entries, killed (SIGTERM, then
SIGINT) once it is writing pages into its staging folder, and the previous site is compared
file by file. A failing build (``--strict`` with a warning) must leave it alone too, and the
next finished build replaces it whole, with no staging folder left behind.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import EPOCH
from fixtures.project import front, make_project

from generator.output import staging_dir, swap_in

if TYPE_CHECKING:
    from conftest import BuildSite

ENTRIES = 300


def snapshot(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def news(number: int) -> tuple[str, str]:
    return (f"news/2026-10-{number % 28 + 1:02d}-post-{number}.md",
            front(f"title: Post {number}\ndate: 2026-10-{number % 28 + 1:02d}",
                  f"Post number {number}.\n\n" + "A paragraph of text. " * 40 + "\n"))


@pytest.fixture
def project(tmp_path: Path, build_site: BuildSite) -> Path:
    """A project whose site/ was built from one entry; then it grows to ENTRIES entries."""
    root = make_project(tmp_path / "project", dict([news(0)]))
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    for number in range(1, ENTRIES):
        path, text = news(number)
        (root / "content" / path).write_text(text, encoding="utf-8")
    # Each page takes a little longer to write (an MkDocs hook of the test project, not the
    # product): on a loaded machine the test could otherwise wake up after the build had
    # already finished, and its signal would reach a process with nothing left to stop.
    (root / "slow_pages.py").write_text(SLOW_PAGES, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - slow_pages.py\n")
    return root


SLOW_PAGES = """import time


def on_post_page(output, page, config):
    time.sleep(0.01)
    return output
"""


def start_build(project: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    # Ctrl-C reaches a build started from a terminal; a test run started in the background
    # of a shell (`pytest &`) inherits SIGINT ignored, and so would the build without this.
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
                            cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_until_writing(process: subprocess.Popen[str], staging: Path) -> int:
    """Block until the build has written some entry pages into its staging folder."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        written = len(list((staging / "news").glob("post-*/index.html"))) \
            if (staging / "news").is_dir() else 0
        if written >= 5:
            return written
        time.sleep(0.02)
    raise AssertionError("the build never started writing pages")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_killed_build_leaves_the_previous_site(project: Path, sig: signal.Signals) -> None:
    site = project / "site"
    before = snapshot(site)
    assert "news/post-0/index.html" in before and "news/post-1/index.html" not in before
    process = start_build(project)
    staging = project / f".site.building-{process.pid}"
    wait_until_writing(process, staging)
    assert process.poll() is None, "the build ended before the test could stop it"
    process.send_signal(sig)
    process.communicate(timeout=120)
    assert process.returncode != 0
    assert snapshot(site) == before

    # The next build finishes: it replaces the site whole and clears the killed one's folder.
    finished = start_build(project)
    _, err = finished.communicate(timeout=600)
    assert finished.returncode == 0, err
    after = snapshot(site)
    assert f"news/post-{ENTRIES - 1}/index.html" in after
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site.")) == []


def test_failed_build_leaves_the_previous_site(tmp_path: Path, build_site: BuildSite) -> None:
    # Without the ats block: it warns on a plugin version that does not know it yet, and this
    # test needs the only warning to be the one it makes.
    project = make_project(tmp_path / "project", dict([news(0)]), config_edit={"ats": None})
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    before = snapshot(project / "site")
    (project / "content" / "about.md").write_text("See [the missing page](missing.md).\n",
                                                  encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    strict = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600,
                            check=False)
    assert strict.returncode != 0 and "missing.md" in strict.stderr, strict.stderr
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_swap_in_replaces_a_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    staging = staging_dir(site)
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")
    swap_in(staging, site)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
