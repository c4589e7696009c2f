"""The site search finds what candidates type (issue #12, item 3), in Chromium.

Material's own search (its worker reading search/search_index.json) on the built example:
"hybrid" and "onsite" find the roles with that workplace, a salary figure finds its role, a
Chinese word finds the Chinese entries (jieba cuts them into words at build time); facts
are separate words with their labels in the index; Chinese entries carry ``lang="zh"``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest
from playwright.sync_api import Page

if TYPE_CHECKING:
    from conftest import ServeDir


def results(page: Page, base: str, query: str) -> set[str]:
    """The pages Material's search lists for ``query`` (typed, as a visitor would)."""
    page.goto(base)
    page.wait_for_load_state("networkidle")  # the search worker has its index
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # a key event: Material searches on keyboard input
    page.wait_for_function(
        "() => /matching/.test(document.querySelector('.md-search-result__meta').textContent)")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return {href.removeprefix(base).split("?")[0].split("#")[0] for href in hrefs}


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
