"""Under ``mkdocs serve``, a rebuild reuses the pages the last rebuild made when nothing they
show changed (generator/serve_cache.py), and the site it serves is byte for byte the one a
rebuild without that cache serves: pages, feeds and the search index.

The rebuilds are MkDocs' own ``build`` with ``serve_url``, in this process, the way ``mkdocs
serve`` calls it (one plugin instance across rebuilds); the project is a copy of the
example site, so every page kind (home, entries of each type, listings, forms) is there.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures import EPOCH
from fixtures.project import copy_example, front, make_project
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from generator.plugin import CommunityPlugin
from generator.reader import read_entries
from generator.rebuild import Kept, TemplateCode
from generator.serve_cache import (
    HIDDEN,
    POLL_S,
    IdleCollector,
    PageCache,
    ServedFolder,
)

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
    root = copy_example(tmp_path / "project")
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
    # The core made the edited entry's pages again, and only those: the entry is written in
    # Chinese and untranslated, so both languages' sites show it (untranslated: show).
    assert SENTENCE in cached["zh/news/shanghai-office-move/index.html"].decode("utf-8")
    entry_pages = sum(len(pages.pages) for pages in second.kept.entry_pages.values())
    assert entry_pages > len(second.output.entries)  # both languages' pages are counted
    assert kept_entry_pages(second) == entry_pages - 2
    # and the listing pages that list it (the news listing, its segments and tags) only
    listings = second.kept.listing_pages["en"]
    assert 0 < len(listings.pages) - listings.hits < 10
    assert {"privacy.md", "jobs/index.md"} <= reused
    assert len(reused) > len(pages) / 2

    fresh = cold_rebuild(project, tmp_path / "cold", first)
    assert_same(cached, fresh)
    index = json.loads(fresh["search/search_index.json"])
    assert any(SENTENCE in doc["text"] for doc in index["docs"])


def kept_entry_pages(plugin: CommunityPlugin) -> int:
    """Entry pages the last rebuild took from the one before (every language)."""
    return sum(pages.hits for pages in plugin.kept.entry_pages.values())


def cold_rebuild(project: Path, site: Path, plugin: CommunityPlugin) -> dict[str, bytes]:
    """The reference: the same rebuild into an empty folder, with nothing kept (the
    plugin's own keeping is put back afterwards, for the next rebuild of the served site)."""
    kept = plugin.page_cache, plugin.kept, plugin.served, plugin.theme_code
    plugin.page_cache, plugin.kept, plugin.served = PageCache(), Kept(), ServedFolder()
    plugin.theme_code = TemplateCode()
    rebuild(project, site)
    plugin.page_cache, plugin.kept, plugin.served, plugin.theme_code = kept
    return site_files(site)


def assert_same(served: dict[str, bytes], cold: dict[str, bytes]) -> None:
    assert served.keys() == cold.keys(), served.keys() ^ cold.keys()
    differ = [name for name in served if served[name] != cold[name]]
    assert not differ, differ[:5]


@pytest.fixture()
def writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file MkDocs writes (pages, templates, the search index), as it writes it."""
    written: list[str] = []
    original = mkdocs_utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        written.append(output_path)
        original(content, output_path)

    monkeypatch.setattr(mkdocs_utils, "write_file", write_file)
    return written


def test_a_rebuild_writes_only_changed_pages_and_says_nothing_of_the_rest(
        project: Path, tmp_path: Path, writes: list[str],
        caplog: pytest.LogCaptureFixture) -> None:
    site = tmp_path / "site"
    rebuild(project, site)
    pages = len([path for path in writes if path.endswith(".html")])
    writes.clear()
    source = project / "content" / EDITED
    source.write_text(source.read_text(encoding="utf-8") + f"\n{SENTENCE}\n",
                      encoding="utf-8")
    inode = (site / "privacy" / "index.html").stat().st_ino
    with caplog.at_level(logging.INFO):
        rebuild(project, site)
    written = [Path(path).relative_to(site).as_posix() for path in writes
               if path.endswith(".html")]
    assert "news/shanghai-office-move/index.html" in written
    assert "privacy/index.html" not in written and len(written) < pages / 10, written
    assert (site / "privacy" / "index.html").stat().st_ino == inode  # never removed
    assert not [r for r in caplog.records if "skipped" in r.getMessage()]


def test_a_removed_or_renamed_entry_leaves_nothing_behind(project: Path,
                                                          tmp_path: Path) -> None:
    site = tmp_path / "site"
    static = project / "content" / "files" / "note.txt"
    static.parent.mkdir()
    static.write_text("A file no page links to.\n", encoding="utf-8")
    rebuild(project, site)
    assert (site / "files" / "note.txt").is_file()
    news = project / "content" / "news"
    (news / EDITED.split("/")[1]).unlink()
    static.unlink()
    moved = sorted(news.glob("*.md"))[0]
    moved.rename(moved.with_name(moved.stem + "-renamed.md"))
    first = rebuild(project, site)
    served = site_files(site)
    assert not (site / "news" / "shanghai-office-move").exists()
    assert not (site / "files").exists()  # the folder left empty goes too
    assert_same(served, cold_rebuild(project, tmp_path / "cold", first))


def test_after_a_failed_rebuild_the_next_writes_everything_again(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    first = rebuild(project, site)
    source = project / "content" / EDITED
    source.write_text(source.read_text(encoding="utf-8") + f"\n{SENTENCE}\n",
                      encoding="utf-8")
    original, count = mkdocs_utils.write_file, [0]

    def failing(content: bytes, output_path: str) -> None:
        count[0] += 1
        if count[0] > 3:
            raise OSError("disk full")
        original(content, output_path)

    monkeypatch.setattr(mkdocs_utils, "write_file", failing)
    with pytest.raises(OSError):
        rebuild(project, site)
    monkeypatch.setattr(mkdocs_utils, "write_file", original)
    assert not (site / HIDDEN).exists() and not first.served.trusted
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n",
                      encoding="utf-8")
    rebuild(project, site)
    assert_same(site_files(site), cold_rebuild(project, tmp_path / "cold", first))


def test_front_matter_edit_makes_every_entry_page_again(project: Path,
                                                        tmp_path: Path) -> None:
    """Another entry's front matter may show on an entry page (a title, an address): an
    edit there makes every entry page again, and the site is still a cold rebuild's."""
    site = tmp_path / "site"
    rebuild(project, site)
    source = project / "content" / EDITED
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    source.write_text(text.replace(title, "title: A title written during the preview"),
                      encoding="utf-8")
    second = rebuild(project, site)
    assert kept_entry_pages(second) == 0
    served = site_files(site)
    assert "A title written during the preview" in served["news/index.html"].decode()
    assert_same(served, cold_rebuild(project, tmp_path / "cold", second))


LANGUAGES = {"en": {"name": "English"}, "zh": {"name": "中文"}}
TWO_LANGUAGE_FILES = {
    "news/2026-10-01-office-move.md": front("title: New office\ndate: 2026-10-01",
                                            "We moved to a new office.\n"),
    "news/2026-10-01-office-move.zh.md": front("title: 新办公室\ndate: 2026-10-01",
                                               "我们搬进了新办公室。\n"),
    "news/2026-10-05-team-day.md": front("title: Team day\ndate: 2026-10-05",
                                         "A day together.\n"),
}


def test_two_languages_rebuild_like_a_cold_build(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each language keeps its own entry pages, and a kept page gets its language
    versions (hreflang links) once, as a cold build gives them."""
    project = make_project(tmp_path / "project", TWO_LANGUAGE_FILES,
                           config_edit={"languages": LANGUAGES})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    load_config(str(project / "mkdocs.yml")).plugins.on_startup(command="serve", dirty=False)
    site = tmp_path / "site"
    rebuild(project, site)
    for name, sentence in (("office-move.zh.md", "一个新句子。"), ("team-day.md", SENTENCE)):
        source = next((project / "content" / "news").glob(f"*-{name}"))
        source.write_text(source.read_text(encoding="utf-8") + f"\n{sentence}\n",
                          encoding="utf-8")
        plugin = rebuild(project, site)
        assert kept_entry_pages(plugin) > 0, name
        served = site_files(site)
        assert any(sentence in text.decode("utf-8", "replace")
                   for text in served.values())
        assert_same(served, cold_rebuild(project, tmp_path / f"cold-{name}", plugin))


def _edit_front(project: Path, field: str, value: str) -> None:
    source = project / "content" / EDITED
    text = source.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"{field}:"))
    source.write_text(text.replace(line, f"{field}: {value}", 1), encoding="utf-8")


def _append_text(project: Path) -> None:
    source = project / "content" / EDITED
    source.write_text(source.read_text(encoding="utf-8") + f"\n{SENTENCE}\n",
                      encoding="utf-8")


def _new_entry(project: Path) -> None:
    (project / "content" / "news" / "2026-11-20-a-new-entry.md").write_text(
        front("title: A new entry\ndate: 2026-11-20\nsegments: [berlin]\ntags: [office]",
              f"{SENTENCE}\n"), encoding="utf-8")


def _new_picture(project: Path) -> None:
    """The edited entry's picture, drawn again: its feeds' PNG copy and length change."""
    (project / "content" / "images" / "office-shanghai.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" '
        'viewBox="0 0 1200 630"><rect width="1200" height="630" fill="#0b3d5c"/>'
        '<circle cx="600" cy="315" r="200" fill="#f2b705"/></svg>\n', encoding="utf-8")


# One edit of each kind an editor makes while the preview runs; each must serve what a
# rebuild with nothing kept serves (every page, feed, calendar and the search index).
EDITS = {
    "text": _append_text,
    "title": lambda project: _edit_front(project, "title", "A title written in the preview"),
    "date making it scheduled": lambda project: _edit_front(project, "date", "2027-03-01"),
    "segments and tags": lambda project: (_edit_front(project, "segments", "[berlin]"),
                                          _edit_front(project, "tags", "[office, 新标签]")),
    "new entry": _new_entry,
    "picture": _new_picture,
}


@pytest.mark.parametrize("edit", EDITS)
def test_each_kind_of_edit_serves_what_a_cold_rebuild_serves(
        project: Path, tmp_path: Path, edit: str) -> None:
    site = tmp_path / "site"
    rebuild(project, site)
    before = site_files(site)
    EDITS[edit](project)
    plugin = rebuild(project, site)
    served = site_files(site)
    assert served != before  # the edit shows somewhere
    # The edited entry is written in Chinese: the Chinese site's feeds hold it.
    feeds = plugin.kept.feed_files["zh"]
    if edit == "text":  # the feeds that hold the entry are made again, the others kept
        assert 0 < feeds.hits < len(feeds.pages)
        assert SENTENCE in served["zh/feeds/all.rss"].decode("utf-8")
        assert SENTENCE not in served["feeds/all.rss"].decode("utf-8")
    assert_same(served, cold_rebuild(project, tmp_path / "cold", plugin))


@pytest.fixture()
def full_collections() -> Iterator[list[float]]:
    """When Python collects its oldest generation (gc.callbacks), while the test runs."""
    seen: list[float] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(time.monotonic())

    for thread in threading.enumerate():  # an earlier test's rebuild collecting later
        if isinstance(thread, threading.Timer):
            thread.join()
    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_full_garbage_collection_waits_until_the_rebuild_is_over(
        full_collections: list[float]) -> None:
    collector = IdleCollector()
    collector.IDLE_S = 0.2
    python_thresholds = gc.get_threshold()
    try:
        collector.building()
        assert gc.get_threshold()[2] == IdleCollector.NEVER  # never during a rebuild
        collector.built()
        collector.building()  # a save before the pause: no collection in this rebuild
        time.sleep(0.4)
        assert not full_collections
        collector.built()
        ended = time.monotonic()
        time.sleep(0.6)
        assert full_collections and full_collections[0] >= ended + 0.15
        assert gc.get_threshold() == python_thresholds
        full_collections.clear()
        for _ in range(IdleCollector.MAX_SKIPPED + 1):  # saves that never pause: bounded
            collector.building()
            collector.built()
        assert full_collections
    finally:
        collector.collect()
    assert gc.get_threshold() == python_thresholds


def test_serve_collects_garbage_after_each_rebuild(project: Path, tmp_path: Path,
                                                    full_collections: list[float]) -> None:
    python_thresholds = gc.get_threshold()
    plugin = rebuild(project, tmp_path / "site")
    try:
        assert gc.get_threshold()[2] == IdleCollector.NEVER
        assert plugin.collector.timer is not None and plugin.collector.timer.is_alive()
        plugin.collector.timer.join(timeout=5 * IdleCollector.IDLE_S)
        assert full_collections and gc.get_threshold() == python_thresholds
    finally:
        plugin.on_shutdown()
    assert gc.get_threshold() == python_thresholds


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_always_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader keeps what a file gave under its stamp (size, times, inode): a rebuild
    reads only files whose stamp moved, and an edit that keeps the size and puts the
    modification time back (a tool restoring times) is still seen: the change time moves."""
    docs = tmp_path / "docs"
    (docs / "news").mkdir(parents=True)
    one, two = docs / "news" / "2026-10-01-one.md", docs / "news" / "2026-10-02-two.md"
    one.write_text(front("title: One\ndate: 2026-10-01", "First text.\n"), encoding="utf-8")
    two.write_text(front("title: Two\ndate: 2026-10-02", "Other text.\n"), encoding="utf-8")
    parsed: dict = {}
    first, _ = read_entries(docs, "content/", parsed)
    opened: list[Path] = []
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        opened.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    again, _ = read_entries(docs, "content/", parsed)
    assert not opened and [a is b for a, b in zip(first, again, strict=True)] == [True, True]
    stat = one.stat()
    time.sleep(0.01)
    one.write_text(front("title: One\ndate: 2026-10-01", "Fresh text.\n"), encoding="utf-8")
    os.utime(one, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert one.stat().st_size == stat.st_size and one.stat().st_mtime_ns == stat.st_mtime_ns
    edited, _ = read_entries(docs, "content/", parsed)
    assert opened == [one] and "Fresh text." in edited[0].body and edited[1] is first[1]


def test_serve_looks_for_changes_twice_as_often_and_still_sees_them(
        project: Path, tmp_path: Path) -> None:
    """The plugin's on_serve makes MkDocs' polling watcher look every POLL_S (0.5 s in
    MkDocs); a save in the docs still asks for a rebuild."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path))
    docs = project / "content"
    server.watch(str(docs))
    config = load_config(str(project / "mkdocs.yml"))
    assert config.plugins.on_serve(server, config=config, builder=lambda: None) is server
    assert POLL_S < 0.5
    assert [emitter.timeout for emitter in server.observer.emitters] == [POLL_S]
    server.watch(str(project / "mkdocs.yml"))  # a watch added later polls as often
    assert {emitter.timeout for emitter in server.observer.emitters} == {POLL_S}
    server.observer.start()
    try:
        time.sleep(2 * POLL_S)  # the first snapshot
        _append_text(project)
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
