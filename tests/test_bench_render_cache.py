"""The render cache that ``mkdocs serve`` keeps between rebuilds: only edited bodies are
rendered again, and nothing stale survives an edit, a new address or new Markdown settings.
(bench/serve.py, run by test_bench.py, checks the same through a real ``mkdocs serve``.)"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fixtures import EPOCH, REPO_ROOT

from generator.build import validated_entries
from generator.cli import load_site
from generator.content import Entry
from generator.markup import RenderCache, Renderer, render_all
from generator.reader import Parsed, read_entries
from generator.schedule import build_time
from generator.settings import Site


@pytest.fixture(scope="module")
def site() -> Site:
    site, _ = load_site(str(REPO_ROOT / "mkdocs.yml"))
    return site


@pytest.fixture
def entries(site: Site) -> list[Entry]:
    _, settings = load_site(str(REPO_ROOT / "mkdocs.yml"))
    return validated_entries(site, settings, build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}))


def renderer(site: Site, entries: list[Entry]) -> Renderer:
    urls = {entry.src_path: entry.url for entry in entries}
    return Renderer(site.markdown_extensions, site.markdown_configs, urls)


def rendered(entries: list[Entry]) -> list[tuple]:
    return [(e.html, e.toc, e.excerpt_html, e.summary) for e in entries]


def test_a_rebuild_renders_nothing_again_and_gives_the_same(site: Site,
                                                            entries: list[Entry]) -> None:
    render_all(entries, renderer(site, entries))
    fresh = rendered(entries)
    cache = RenderCache()
    render_all(entries, renderer(site, entries), cache)
    assert cache.hits == 0 and rendered(entries) == fresh
    render_all(entries, renderer(site, entries), cache)
    assert cache.hits == len(entries) and rendered(entries) == fresh


def test_an_edited_body_is_rendered_again(site: Site, entries: list[Entry]) -> None:
    cache = RenderCache()
    render_all(entries, renderer(site, entries), cache)
    edited = entries[0]
    edited.body = "A sentence written during the preview.\n\n" + edited.body
    render_all(entries, renderer(site, entries), cache)
    assert cache.hits == len(entries) - 1
    assert edited.html.startswith("<p>A sentence written during the preview.</p>")
    assert len(cache.done) == len(entries)  # the old body is forgotten


def test_a_new_address_or_new_settings_empty_the_cache(site: Site,
                                                       entries: list[Entry]) -> None:
    linking, target = entries[0], entries[1]
    linking.body = f"Read [the other entry](/{target.src_path}).\n\n{linking.body}"
    cache = RenderCache()
    render_all(entries, renderer(site, entries), cache)
    assert f'href="\ue000{target.url}"' in linking.html
    entries[1] = dataclasses.replace(target, slug=target.slug + "-moved")
    render_all(entries, renderer(site, entries), cache)
    assert cache.hits == 0  # any entry may link to the one that moved
    assert f'href="\ue000{target.url.rstrip("/")}-moved/"' in linking.html
    other = Renderer([*site.markdown_extensions, "abbr"], site.markdown_configs,
                     {entry.src_path: entry.url for entry in entries})
    render_all(entries, other, cache)
    assert cache.hits == 0


def test_no_cache_when_bodies_may_include_other_files(site: Site,
                                                      entries: list[Entry]) -> None:
    snippets = Renderer([*site.markdown_extensions, "pymdownx.snippets"], site.markdown_configs,
                        {entry.src_path: entry.url for entry in entries})
    cache = RenderCache()
    render_all(entries, snippets, cache)
    render_all(entries, snippets, cache)
    assert cache.hits == 0 and not cache.done


def test_unchanged_files_are_not_parsed_again(tmp_path: Path) -> None:
    """mkdocs serve keeps the parsed files (reader.read_entries ``parsed``): an unchanged
    file gives the very entry read before, an edited one is parsed again, a removed one is
    forgotten, and what is read equals a read without the cache."""
    news = tmp_path / "news"
    news.mkdir()
    for name in ("a", "b", "c"):
        (news / f"2026-11-0{len(name)}-{name}.md").write_text(
            f"---\ntitle: {name}\ndate: 2026-11-01\n---\n\nBody {name}.\n", encoding="utf-8")
    parsed: Parsed = {}
    first, _ = read_entries(tmp_path, "content/", parsed)
    (news / "2026-11-01-b.md").write_text("---\ntitle: B again\ndate: 2026-11-01\n---\n\nNew.\n",
                                          encoding="utf-8")
    (news / "2026-11-01-c.md").unlink()
    second, _ = read_entries(tmp_path, "content/", parsed)
    assert second[0] is first[0]  # a: the same object, not parsed again
    assert second[1] is not first[1] and second[1].data["title"] == "B again"
    assert len(second) == len(parsed) == 2
    assert second == read_entries(tmp_path, "content/")[0]
