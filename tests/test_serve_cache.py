"""Under ``mkdocs serve``, a rebuild reuses the pages the last rebuild made when nothing they
show changed (generator/serve_cache.py), and the site it serves is byte for byte the one a
rebuild without that cache serves: pages, feeds and the search index.

The rebuilds are MkDocs' own ``build`` with ``serve_url``, in this process, the way ``mkdocs
serve`` calls it (one plugin instance across rebuilds); the project is a copy of the
example site, so every page kind (home, entries of each type, listings, forms) is there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fixtures import EPOCH, REPO_ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.plugin import CommunityPlugin

SERVE_URL = "http://127.0.0.1:8000/"
EDITED = "news/2026-10-09-shanghai-office-move.md"
SENTENCE = "A sentence written while the preview runs."


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def rebuild(project: Path, site: Path) -> CommunityPlugin:
    """One rebuild as mkdocs serve makes it; the (kept) community plugin instance."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    community = config.plugins["community"]
    assert isinstance(community, CommunityPlugin)
    return community


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(REPO_ROOT / "content", root / "content")
    shutil.copyfile(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    return root


def test_an_edit_rebuilds_only_what_shows_it_and_serves_the_same_bytes(
        project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = rebuild(project, site)
    assert first.serve and not first.page_cache.reused  # nothing kept yet
    source = project / "content" / EDITED
    head, body = source.read_text(encoding="utf-8").split("\n---\n", 1)
    source.write_text(f"{head}\n---\n\n{SENTENCE} {body.lstrip()}", encoding="utf-8")

    second = rebuild(project, site)
    assert second is first  # mkdocs serve keeps the plugin between rebuilds
    reused = set(second.page_cache.reused)
    cached = site_files(site)
    assert SENTENCE in cached["news/shanghai-office-move/index.html"].decode("utf-8")
    pages = [path for path in cached if path.endswith(".html")]
    # Made again: the edited entry (and pages that would show the sentence: none, its
    # summary is in its front matter); the rest is kept.
    assert "news/shanghai-office-move/index.md" not in reused
    assert {"privacy.md", "jobs/index.md"} <= reused
    assert len(reused) > len(pages) / 2

    first.page_cache.kept = {}  # the reference: the same rebuild with nothing kept
    rebuild(project, site)
    fresh = site_files(site)
    assert cached.keys() == fresh.keys()
    differ = [name for name in cached if cached[name] != fresh[name]]
    assert not differ, differ[:5]
    index = json.loads(fresh["search/search_index.json"])
    assert any(SENTENCE in doc["text"] for doc in index["docs"])
