"""Material's nav, search box, config and script tags are rendered once per folder of pages
outside the nav (plugin._SharedParts), and the site is byte for byte the one that rendering
them on every page gives; the search plugin parses pages without their unindexed parts
(plugin._Unindexed), with the same pages and index as a result.

Both builds are the real MkDocs build, in this process so that the second can turn the
sharing off; the project is the bench corpus (bench/corpus.py) with the example site's
home and section pages, so folders hold many entries and listing pages.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import EPOCH, REPO_ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import plugin

N = 30


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def build_site(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("shared")
    bench = importlib.util.spec_from_file_location("bench_run_shared", REPO_ROOT / "bench" /
                                                   "run.py")
    assert bench is not None and bench.loader is not None
    run = importlib.util.module_from_spec(bench)
    sys.modules[bench.name] = run
    bench.loader.exec_module(run)
    yield run.make_generator_project(N, root / "project")


def test_shared_parts_change_no_byte(project: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    renders: list[str | None] = []
    original = plugin._SharedParts.render

    def counting(self: plugin._SharedParts, page, part, caller):
        key = self.folder(page)
        renders.append(None if key is None or (part, key) not in self.parts else key)
        return original(self, page, part, caller)

    monkeypatch.setattr(plugin._SharedParts, "render", counting)
    build_site(project, tmp_path / "shared")
    reused = [key for key in renders if key is not None]
    # Every entry page but the first of its folder reuses the four parts.
    assert len(reused) >= 4 * (N - 1) and "news" in reused

    monkeypatch.setattr(plugin._SharedParts, "folder", lambda self, page: None)
    build_site(project, tmp_path / "own")
    shared, own = site_files(tmp_path / "shared"), site_files(tmp_path / "own")
    assert shared.keys() == own.keys()
    differ = [name for name in shared if shared[name] != own[name]]
    assert not differ, differ[:5]


def test_pages_in_the_nav_render_their_own(project: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The nav marks the page it is on: the news section's first page (in the nav) and
    the home page show an active item, an entry page none."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    build_site(project, tmp_path / "site")
    site = tmp_path / "site"
    section = (site / "news" / "index.html").read_text(encoding="utf-8")
    entry = next((site / "news").glob("*/index.html")).read_text(encoding="utf-8")
    assert "md-nav__link--active" in section
    assert "md-nav__link--active" not in entry


def test_search_skips_what_it_would_leave_out_anyway(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The search plugin gets each page without its data-search-exclude parts (breadcrumb,
    share box, home sections): the pages are byte for byte the same, and the index is the
    same but for the empty entries those parts' headings made."""
    project = tmp_path / "example"
    project.mkdir()
    shutil.copytree(REPO_ROOT / "content", project / "content")
    shutil.copyfile(REPO_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    build_site(project, tmp_path / "trimmed")
    monkeypatch.setattr(plugin._Unindexed, "hide", lambda self, page, config: None)
    build_site(project, tmp_path / "whole")
    trimmed, whole = site_files(tmp_path / "trimmed"), site_files(tmp_path / "whole")
    index = "search/search_index.json"
    assert trimmed.keys() == whole.keys()
    assert [name for name in trimmed if name != index and trimmed[name] != whole[name]] == []
    kept, before = (json.loads(files[index])["docs"] for files in (trimmed, whole))
    assert kept == [doc for doc in before if doc in kept]  # same entries, same order
    gone = [doc for doc in before if doc not in kept]
    assert gone and all(doc["text"] == "" for doc in gone), gone
    assert any(doc["location"].endswith("#cm-share-title") for doc in gone)
