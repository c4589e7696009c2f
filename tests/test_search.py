"""The site search finds what candidates type (issue #12, item 3), in Chromium.

Material's own search (its worker reading search/search_index.json) on the built example:
"hybrid" and "onsite" find the roles with that workplace, a salary figure finds its role, a
Chinese word finds the Chinese entries (jieba cuts them into words at build time); facts
are separate words with their labels in the index; Chinese entries carry ``lang="zh"``.

A Chinese query typed without spaces (上海办公室, 数据工程师) is cut into the index's words
in the browser (theme/assets/javascripts/workers/community-search.js, in front of Material's
worker), on the en example with Chinese entries and on the Chinese fixture site: the words
searched for show in each result's highlight link (``?h=``, the en site) and in the words
Material lists as missing from a result that lacks one; the entries holding every word are
listed with none missing; a word is not searched as a shorter one (工程师 is not 工程).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from fixtures import ZH_SITE
from playwright.sync_api import Page

if TYPE_CHECKING:
    from conftest import BuildSite, ServeDir




@dataclass(frozen=True)
class Listed:
    """One page in Material's search results: the words it matched (its ``?h=`` link, on a
    site with search.highlight) and the words Material says it lacks."""

    matched: tuple[str, ...]
    missing: tuple[str, ...]


def listed(page: Page, base: str, query: str) -> dict[str, Listed]:
    """Every page Material's search lists for ``query`` (typed, as a visitor would), in
    Material's order; a page's own entry, not its sections."""
    page.goto(base)
    page.wait_for_load_state("networkidle")
    # The index is fetched on the first focus of the box (search-index.js): until then the
    # line under the box says Material's "Initializing search" in the page's language.
    meta = page.locator(".md-search-result__meta")
    initializing = meta.text_content()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # a key event: Material searches on keyboard input
    page.wait_for_function(  # the worker answered: the line under the box is neither
        "initializing => { const line = document.querySelector('.md-search-result__meta')"
        ".textContent.trim(); return line !== initializing.trim() && line !== "
        "JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder'] }", arg=initializing)
    links = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(e => [e.href, [...e.querySelectorAll('del')].map(d => d.textContent)])")
    found: dict[str, Listed] = {}
    for href, missing in links:
        address = urlsplit(href)
        url = address.path.removeprefix(urlsplit(base).path)
        matched = parse_qs(address.query).get("h", [""])[0].split()
        if not address.fragment:
            found.setdefault(url, Listed(tuple(matched), tuple(missing)))
    return found


def results(page: Page, base: str, query: str) -> set[str]:
    """The pages Material's search lists for ``query``."""
    return set(listed(page, base, query))


@pytest.fixture
def base(example_site: Path, serve_dir: ServeDir) -> str:
    return serve_dir(example_site, "/careers/")


@pytest.mark.parametrize(("query", "expected", "absent"), [
    ("hybrid", {"jobs/product-designer-warehouse-apps/",
                "jobs/senior-backend-engineer-route-planning/"},
     {"jobs/software-engineering-intern-2027/"}),
    ("onsite", {"jobs/software-engineering-intern-2027/",
                "jobs/data-engineer-logistics-platform-shanghai/"},
     {"jobs/product-designer-warehouse-apps/"}),
    ("65000", {"jobs/product-designer-warehouse-apps/"}, set()),
    ("上海", {"news/shanghai-office-move/", "jobs/data-engineer-logistics-platform-shanghai/",
             "stories/wang-jia-data-engineering-shanghai/"}, set()),
    ("工程师", {"jobs/data-engineer-logistics-platform-shanghai/"}, set()),
])
def test_material_search_finds_facts_and_chinese_words(
        page: Page, base: str, query: str, expected: set[str], absent: set[str]) -> None:
    found = results(page, base, query)
    assert expected <= found, (query, found)
    assert not absent & found, (query, found)


SHANGHAI_OFFICE = {"news/shanghai-office-move/", "stories/wang-jia-data-engineering-shanghai/",
                   "events/shanghai-campus-open-day/", "spotlights/chen-yu-campus-ambassador/"}
DATA_ENGINEER = {"jobs/data-engineer-logistics-platform-shanghai/",
                 "stories/wang-jia-data-engineering-shanghai/"}


@pytest.mark.parametrize(("query", "words", "complete", "lacking"), [
    ("上海", ["上海"], DATA_ENGINEER | {"news/shanghai-office-move/"}, {}),
    ("上海办公室", ["上海", "办公室"], SHANGHAI_OFFICE,
     {"jobs/data-engineer-logistics-platform-shanghai/": ["办公室"]}),
    ("数据工程师", ["数据", "工程师"], DATA_ENGINEER,
     {"spotlights/chen-yu-campus-ambassador/": ["工程师"]}),
    # several words, one of them typed as two
    ("上海 数据工程师", ["上海", "数据", "工程师"],
     DATA_ENGINEER | {"events/shanghai-campus-open-day/"},
     {"news/graduate-programme-2027/": ["数据", "工程师"]}),
    # written against a Latin word: a word of its own
    ("Shanghai数据工程师", ["shanghai", "数据", "工程师"], DATA_ENGINEER,
     {"events/shanghai-data-open-evening/": ["数据", "工程师"]}),
])
def test_a_chinese_query_is_cut_into_the_words_of_the_index(
        page: Page, base: str, query: str, words: list[str], complete: set[str],
        lacking: dict[str, list[str]]) -> None:
    """On the en example: each entry holding every word is listed with every word matched
    (its highlight link) and none missing; an entry without one lists it as missing."""
    found = listed(page, base, query)
    for url in complete:
        assert url in found, (query, url, found)
        assert sorted(found[url].matched) == sorted(words), (query, url, found[url])
        assert found[url].missing == (), (query, url, found[url])
    for url, missing in lacking.items():
        assert url in found, (query, url, found)
        assert sorted(found[url].missing) == sorted(missing), (query, url, found[url])


@pytest.fixture(scope="module")
def zh_base(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    out = tmp_path_factory.mktemp("zh-search") / "site"
    result = build_site(ZH_SITE, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize(("query", "complete", "lacking", "absent"), [
    ("上海办公室", {"news/shanghai-office-move/"},
     {"jobs/data-engineer-shanghai/": ["办公室"]}, set()),
    ("数据工程师", {"jobs/data-engineer-shanghai/", "stories/wang-jia/"},
     {"events/data-open-evening/": ["工程师"], "jobs/backend-preview/": ["数据"]}, set()),
    ("上海 数据", {"jobs/data-engineer-shanghai/", "stories/wang-jia/",
                   "events/data-open-evening/"},
     {"news/shanghai-office-move/": ["数据"]}, set()),
    # 工程师 is a word of the index: the pages with only 工程 (工程 专业) are not listed
    ("工程师", {"jobs/data-engineer-shanghai/", "jobs/backend-preview/"}, {},
     {"news/graduate-programme/", "events/campus-day/"}),
])
def test_chinese_queries_on_the_chinese_site(
        page: Page, zh_base: Path, serve_dir: ServeDir, query: str, complete: set[str],
        lacking: dict[str, list[str]], absent: set[str]) -> None:
    found = listed(page, serve_dir(zh_base, "/zh/"), query)
    for url in complete:
        assert url in found and found[url].missing == (), (query, url, found)
    for url, missing in lacking.items():
        assert url in found and sorted(found[url].missing) == sorted(missing), (query, found)
    assert not absent & set(found), (query, found)


def test_facts_are_words_with_their_labels(example_site: Path) -> None:
    index = json.loads((example_site / "search/search_index.json").read_bytes())
    docs = {doc["location"]: doc for doc in index["docs"]}
    text = docs["jobs/product-designer-warehouse-apps/"]["text"]
    assert "Workplace Hybrid" in text and "Employment Full-time" in text
    assert "WorkplaceHybrid" not in text
    assert "\\u200b" in index["config"]["separator"]  # the regex escape, for the worker


def test_entries_in_another_language_say_so(example_site: Path) -> None:
    zh = lxml.html.parse(str(example_site / "news/shanghai-office-move/index.html")).getroot()
    assert zh.xpath("//div[contains(@class, 'cm-entry')]/@lang") == ["zh"]
    assert zh.get("lang") == "en"  # the site's language, on <html>
    en = lxml.html.parse(str(example_site / "news/graduate-programme-2027/index.html"))
    assert en.xpath("//div[contains(@class, 'cm-entry')]/@lang") == []


def test_a_one_language_site_keeps_materials_one_index(zh_base: Path) -> None:
    """The per-language split (search_indexes.py) is for multilingual sites only: the
    Chinese one-language site has Material's one index as Material writes it (compact,
    every Chinese character escaped), and every page asks for that one."""
    raw = (zh_base / "search/search_index.json").read_bytes()
    assert raw == json.dumps(json.loads(raw), separators=(",", ":")).encode("ascii")
    assert b"\\u4e0a\\u6d77" in raw  # 上海, escaped as Material's json.dumps does
    assert [path.relative_to(zh_base).as_posix()
            for path in zh_base.rglob("search_index.json")] == ["search/search_index.json"]
    for path in (zh_base / "index.html", zh_base / "jobs/data-engineer-shanghai/index.html"):
        tree = lxml.html.parse(str(path)).getroot()
        assert tree.xpath("//script[contains(@src, 'search-index.js')]/@data-index") == [
            "search/search_index.json"], path


def test_the_index_is_fetched_on_the_first_search_only(
        page: Page, zh_base: Path, serve_dir: ServeDir) -> None:
    """A one-language site too: loading a page asks for no index (a third of the home
    page's weight on the Chinese site); focusing the box asks for Material's, once."""
    base = serve_dir(zh_base, "/zh/")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url)
            if "search_index" in request.url else None)
    page.goto(base + "jobs/")
    page.wait_for_load_state("networkidle")
    assert asked == []
    page.keyboard.press("/")
    page.wait_for_load_state("networkidle")
    assert asked == [base + "search/search_index.json"]
