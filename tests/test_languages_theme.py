"""One community in several languages (#18), as the theme shows it: a two-language site (English
and Chinese) built with the real ``mkdocs build`` and served under ``/careers/`` like GitHub
Pages serves it, read back page by page and in Chromium.

Checked on every page: ``<html lang>`` and Material's own interface strings in the page's
language (Material's language files are the reference), the language selector's targets
(the same page in the other language, else that language's home), tabs within the page's
language, and the sitemap's alternates equal to the head's hreflang set. In Chromium: axe
on a Chinese page in both palettes, the selector reached by keyboard and loading the other
language whole, the selector following instant navigation, and screenshots of the Chinese
home and an entry at 1280 and 375 px (``artifacts/screenshots/``, see test_design.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.etree
import lxml.html
import material
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import EPOCH, REPO_ROOT

from tests.fixtures.crawler import ServedSite, serve_and_build
from tests.fixtures.project import front, make_project
from tests.test_search import results

if TYPE_CHECKING:
    from conftest import ServeDir
    from playwright.sync_api import Browser, Page

PREFIX = "/careers/"
SCREENSHOTS = Path(os.environ.get("COMMUNITY_SCREENSHOTS")
                   or REPO_ROOT / "artifacts" / "screenshots")
LANGUAGES = {"en": {"name": "English"},
             "zh": {"name": "中文", "site_name": "Northwind 人才社区",
                    "site_description": "Northwind 的新闻、人物故事、职位预览和活动。"}}
ROLE = """\
date: 2026-11-02
team: Data
locations: [Shanghai]
workplace: onsite
employment_type: full_time
public_on: 2026-11-09
closes: 2027-02-28
apply_url: https://jobs.example.com/data-engineer
segments: [data, shanghai]
"""  # open at the tests' build time (2026-11-26)
FILES = {
    "jobs/2026-11-02-data-engineer.md": front("title: Data engineer\n" + ROLE,
                                              "Join the data team in Shanghai.\n"),
    "jobs/2026-11-02-data-engineer.zh.md": front("title: 数据工程师\n" + ROLE,
                                                 "加入上海数据团队。\n"),
    "news/2026-10-01-office-move.md": front("title: New office\ndate: 2026-10-01",
                                            "We moved to a new office.\n"),
    "news/2026-10-03-plans.md": front("title: 明年的计划\ndate: 2026-10-03\nlang: zh\n"
                                      "draft: true", "还没有写完。\n"),  # published nowhere
    "privacy.zh.md": front("title: 隐私声明", "我们只为人才社区保存你的电子邮件地址。\n"),
    "index.zh.md": front("title: Northwind 人才社区", "Northwind 在柏林和上海开发物流软件。\n"),
}
ENTRY, ENTRY_ZH = "jobs/data-engineer/", "zh/jobs/data-engineer/"


def material_strings(language: str) -> dict[str, str]:
    """Material's interface strings in ``language``, read from its language file."""
    path = Path(material.__file__).parent / "templates/partials/languages" / f"{language}.html"
    text = path.read_text(encoding="utf-8")
    return {key: json.loads(f'"{value}"') for key, value in
            re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)"', text, re.MULTILINE)}


STRINGS = {code: {**material_strings("en"), **material_strings(code)} for code in LANGUAGES}
CONFIG_KEYS = ("clipboard.copy", "clipboard.copied", "search.result.placeholder",
               "search.result.none", "search.result.one", "search.result.other",
               "search.result.more.one", "search.result.more.other",
               "search.result.term.missing")


class Site(ServedSite):
    def tree(self, url: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.root / url / "index.html").read_bytes())

    def pages(self) -> list[str]:
        """Every page's URL from the site root ("" for the home page)."""
        return sorted(path.parent.relative_to(self.root).as_posix().removeprefix(".") +
                      ("/" if path.parent != self.root else "")
                      for path in self.root.rglob("index.html")
                      if not {"assets", "search"} & set(path.relative_to(self.root).parts))

    def resolve(self, page: str, href: str) -> str:
        """A link of ``page`` as a URL from the site root."""
        absolute = urllib.parse.urljoin(self.url(page), href)
        return urllib.parse.urlsplit(absolute).path.removeprefix(PREFIX)


def language_of(url: str) -> str:
    return "zh" if url.startswith("zh/") else "en"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("languages-theme")
    project = make_project(root / "project", FILES, config_edit={"languages": LANGUAGES})
    served = serve_and_build(project, root / "site", PREFIX)
    yield Site(served.root, served.base, served.server)
    served.server.stop()


def head_versions(tree: lxml.html.HtmlElement) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href")
            for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}


# ---------------------------------------------------------------------- every page


def test_every_page_has_its_language_and_materials_interface_in_it(site: Site) -> None:
    pages = site.pages()
    assert ENTRY_ZH in pages and "zh/" in pages and "zh/privacy/" in pages
    wrong = []
    for url in pages:
        tree, code = site.tree(url), language_of(url)
        strings = STRINGS[code]
        found = {
            "lang": tree.get("lang"),
            "skip": [a.text_content().strip() for a in tree.xpath("//a[@class='md-skip']")],
            "search": tree.xpath("string(//input[@name='query']/@placeholder)"),
            "top": tree.xpath("string(//button[contains(@class,'md-top')])").strip(),
            "header": tree.xpath("string(//header//nav/@aria-label)"),
            "config": {key: value for key, value in json.loads(tree.xpath(
                "string(//script[@id='__config'])"))["translations"].items()
                if key in CONFIG_KEYS},
        }
        expected = {
            "lang": code, "skip": [strings["action.skip"]] if found["skip"] else [],
            "search": strings["search.placeholder"], "top": strings["top"],
            "header": strings["header"], "config": {key: strings[key] for key in CONFIG_KEYS},
        }
        if found != expected:
            wrong.append(f"{url}: {found} != {expected}")
    assert not wrong, "\n".join(wrong[:5])
    # The method of the zh check: no English interface phrase of Material on a zh page.
    english = [STRINGS["en"][key] for key in ("action.skip", "top", "search.placeholder",
                                              "search.result.placeholder", "header")]
    for url in (url for url in pages if language_of(url) == "zh"):
        chrome = lxml.etree.tostring(site.tree(url).xpath("//header")[0], encoding="unicode")
        assert not [phrase for phrase in english if phrase in chrome], url


def test_the_selector_leads_to_the_same_page_in_the_other_language_else_its_home(
        site: Site) -> None:
    homes = {"en": "", "zh": "zh/"}
    for url in site.pages():
        tree = site.tree(url)
        links = tree.xpath("//*[@data-cm-languages]//a")
        assert [(a.get("hreflang"), a.get("lang"), a.text_content().strip())
                for a in links] == [("en", "en", "English"), ("zh", "zh", "中文")], url
        versions = {code: urllib.parse.urlsplit(href).path.removeprefix(PREFIX)
                    for code, href in head_versions(tree).items()}
        for link in links:
            code = link.get("hreflang")
            target = site.resolve(url, link.get("href"))
            if code == language_of(url):
                assert target == url and link.get("aria-current") == "true", url
            else:
                assert target == versions.get(code, homes[code]), (url, code, target)
                assert (site.root / target / "index.html").is_file(), (url, target)
    # 404.html (no page: the default language) offers each language's home.
    missing = lxml.html.fromstring((site.root / "404.html").read_bytes())
    assert missing.get("lang") == "en"
    assert [urllib.parse.urlsplit(urllib.parse.urljoin(site.url("x/"), href)).path
            for href in missing.xpath("//*[@data-cm-languages]//a/@href")] == [
        PREFIX, PREFIX + "zh/"]
    # A translated entry leads to its translation, both ways.
    assert site.resolve(ENTRY, site.tree(ENTRY).xpath(
        "//*[@data-cm-languages]//a[@hreflang='zh']/@href")[0]) == ENTRY_ZH
    assert site.resolve(ENTRY_ZH, site.tree(ENTRY_ZH).xpath(
        "//*[@data-cm-languages]//a[@hreflang='en']/@href")[0]) == ENTRY


def test_zh_tabs_stay_in_zh_and_an_entry_lights_its_section(site: Site) -> None:
    for url in site.pages():
        tree = site.tree(url)
        for menu in ("md-tabs", "md-nav--primary"):  # the tabs, and the menu of small screens
            hrefs = tree.xpath(f"//nav[contains(@class,'{menu}')]//a/@href")
            targets = [site.resolve(url, href) for href in hrefs]
            assert targets and all(language_of(target) == language_of(url)
                                   for target in targets), (url, menu, targets)
    entry = site.tree(ENTRY_ZH)
    active = entry.xpath("//li[contains(@class,'md-tabs__item--active')]/a/@href")
    assert [site.resolve(ENTRY_ZH, href) for href in active] == ["zh/jobs/"]
    assert site.tree("zh/").xpath("//nav[contains(@class,'md-tabs')]//a")[0] \
        .text_content().strip() == "首页"
    # The header and the title carry the language's own site name.
    assert entry.xpath("string(//div[@class='md-header__topic']//span)").strip() \
        == "Northwind 人才社区"
    assert site.tree("zh/").xpath("string(//title)") == "Northwind 人才社区"


def test_sitemap_alternates_are_each_pages_hreflang_set(site: Site) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
                  "x": "http://www.w3.org/1999/xhtml"}
    sitemap = lxml.etree.fromstring((site.root / "sitemap.xml").read_bytes())
    listed = sitemap.xpath("//s:url", namespaces=namespaces)
    assert len(listed) > 20
    locs = set()
    for url in listed:
        loc = url.xpath("string(s:loc)", namespaces=namespaces)
        locs.add(loc)
        page = urllib.parse.unquote(urllib.parse.urlsplit(loc).path.removeprefix(PREFIX))
        tree = site.tree(page)
        assert "noindex" not in tree.xpath("string(//meta[@name='robots']/@content)"), page
        alternates = {link.get("hreflang"): link.get("href") for link in url.xpath(
            "x:link[@rel='alternate']", namespaces=namespaces)}
        assert alternates == head_versions(tree), page
        # Itself among them, x-default the first language's version.
        assert alternates[language_of(page)] == loc and "x-default" in alternates, page
    assert site.url("zh/privacy/") in locs and site.url(ENTRY_ZH) in locs
    # A translated entry's versions, both ways; an untranslated one's copy in zh is no
    # page of its own (its canonical is the English page): out of the sitemap.
    assert site.url("zh/news/office-move/") not in locs
    assert (site.root / "zh/news/office-move/index.html").is_file()


def test_a_plain_page_with_a_language_suffix_is_served_in_its_language(site: Site) -> None:
    privacy = site.tree("zh/privacy/")
    assert privacy.get("lang") == "zh"
    assert "只为人才社区保存" in privacy.xpath("string(//article)")
    assert not (site.root / "privacy.zh").exists()
    assert head_versions(privacy) == head_versions(site.tree("privacy/")) == {
        "en": site.url("privacy/"), "zh": site.url("zh/privacy/"),
        "x-default": site.url("privacy/")}
    # index.zh.md is the zh home's text, as index.md is the English one's.
    assert "在柏林和上海开发物流软件" in site.tree("zh/").xpath(
        "string(//div[@class='cm-intro'])")
    assert "在柏林和上海" not in site.tree("").xpath("string(//div[@class='cm-intro'])")


# ---------------------------------------------------------------------------- browser

AXE = Axe()
SCHEMES = {"light": "default", "dark": "slate"}


def _open(page: Page, url: str, scheme: str = "light") -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                           arg=SCHEMES[scheme])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_zh_page_passes_axe(browser: Browser, site: Site, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    _open(page, site.url(ENTRY_ZH), scheme)
    violations = AXE.run(page).response["violations"]
    context.close()
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_the_keyboard_reaches_the_selector_and_it_loads_the_other_language(
        page: Page, site: Site) -> None:
    _open(page, site.url(ENTRY_ZH))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-cm-languages] a')"):
            break
    focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
    assert focused == "en", "Tab never reached the language selector"
    box = page.locator("[data-cm-languages] a[hreflang=en]").bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    # Material opens the list while focus is inside it (a short fade).
    page.wait_for_function("getComputedStyle(document.activeElement.closest("
                           "'.md-select__inner')).opacity === '1'", timeout=5000)
    page.keyboard.press("Enter")
    page.wait_for_url(site.url(ENTRY))
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_attribute("input[name=query]", "placeholder") == STRINGS["en"][
        "search.placeholder"]


def test_after_instant_navigation_the_selector_follows_the_page(page: Page, site: Site) -> None:
    answers: dict[str, int] = {}
    page.on("response", lambda response: answers.__setitem__(response.url, response.status))
    _open(page, site.url("zh/"))
    page.evaluate("window.stillThisPage = true")
    page.locator("nav.md-tabs a", has_text="职位").first.click()
    page.wait_for_url(site.url("zh/jobs/"))
    page.wait_for_function(
        "() => document.querySelector('[data-cm-languages] a[hreflang=en]').href"
        ".endsWith('/careers/jobs/')")
    assert page.evaluate("window.stillThisPage === true"), "not an instant navigation"
    assert page.evaluate("document.documentElement.lang") == "zh"
    # Material asks for a sitemap.xml beside every rel=alternate link; beside a page's
    # versions there is none, and no request for one leaves the browser.
    assert not {url: status for url, status in answers.items() if status != 200}
    asked = [url for url in answers if url.endswith("/sitemap.xml") and "/feeds/" not in url]
    assert asked == [site.url("sitemap.xml")], asked  # the feed folders carry an empty one
    # A link into the other language loads the whole page (its lang and header).
    page.locator("[data-cm-languages] a[hreflang=en]").evaluate("a => a.click()")
    page.wait_for_url(site.url("jobs/"))
    page.wait_for_function("() => document.documentElement.lang === 'en'")


def test_chinese_labels_keep_their_case(page: Page, site: Site) -> None:
    """Upper-casing is for English labels: in a Chinese one it only shouts the Latin words
    (在NORTHWIND工作). The English page beside it keeps its upper-cased labels."""
    shouting = """() => [...document.querySelectorAll('body *')]
        .filter(e => getComputedStyle(e).textTransform === 'uppercase'
                     && /[A-Za-z]/.test(e.textContent))
        .map(e => [e.closest('[lang]').lang, e.textContent.trim().slice(0, 40)])"""
    for url in ("zh/", ENTRY_ZH):
        _open(page, site.url(url))
        assert [label for label in page.evaluate(shouting) if label[0] == "zh"] == [], url
    _open(page, site.url(ENTRY))
    assert page.evaluate(shouting), "the English entry's labels are no longer upper-cased"


def test_a_copy_served_elsewhere_keeps_the_selector_on_that_copy(
        page: Page, site: Site, serve_dir: ServeDir) -> None:
    """A preview: the same built folder at another address than its site_url. The head's
    hreflang links name the published address; the selector still leads to this copy."""
    base = serve_dir(site.root, "/pr-7/")
    _open(page, base + ENTRY_ZH)
    page.wait_for_function(
        "b => document.querySelector('[data-cm-languages] a[hreflang=en]').href === b",
        arg=base + ENTRY)
    page.locator("[data-cm-languages] a[hreflang=en]").evaluate("a => a.click()")
    page.wait_for_url(base + ENTRY)
    page.wait_for_function("() => document.documentElement.lang === 'en'")


# ----------------------------------------------------------------------------- search
# One index per language (search_indexes.py), asked for by search-index.js when the reader
# starts a search, and only then.

INDEXES = {"en": "search/search_index.json", "zh": "zh/search/search_index.json"}


def index_requests(page: Page) -> list[str]:
    """Every search index the page asks for from now on (filled as requests are made)."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url)
            if "search_index" in request.url else None)
    return asked


def listed_pages(page: Page, site: Site, searched_from: str) -> set[str]:
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map("
                                      "a => a.href.split('#')[0].split('?')[0])")
    return {site.resolve(searched_from, href) for href in hrefs}


def test_each_language_has_its_own_index_of_its_own_pages(site: Site) -> None:
    """Material's one index cut in two: every document once, in the index of the language
    whose folder it is in, both with Material's config; written as UTF-8, not escaped."""
    raw = {code: (site.root / path).read_bytes() for code, path in INDEXES.items()}
    indexes = {code: json.loads(data) for code, data in raw.items()}
    assert indexes["en"]["config"] == indexes["zh"]["config"]
    assert indexes["zh"]["config"]["lang"] == ["en", "zh"]  # a zh page quotes English too
    pages = {code: {doc["location"].split("#")[0] for doc in index["docs"]}
             for code, index in indexes.items()}
    assert all(language_of(url) == "en" for url in pages["en"]), pages["en"]
    assert all(language_of(url) == "zh" for url in pages["zh"]), pages["zh"]
    assert {ENTRY, "news/office-move/", "privacy/"} <= pages["en"]
    # the translation, the zh copy of the untranslated entry, the zh plain page
    assert {ENTRY_ZH, "zh/news/office-move/", "zh/privacy/"} <= pages["zh"]
    for code, index in indexes.items():  # compact UTF-8: a Chinese character in 3 bytes, not 6
        assert raw[code] == json.dumps(index, ensure_ascii=False,
                                       separators=(",", ":")).encode("utf-8"), code
    assert "数据".encode() in raw["zh"]
    assert sorted(path.relative_to(site.root).as_posix()
                  for path in site.root.rglob("search_index.json")) == sorted(INDEXES.values())


@pytest.mark.parametrize("code", ["en", "zh"])
def test_no_page_load_asks_for_a_search_index(page: Page, site: Site, code: str) -> None:
    """Nor for Material's search worker (40 KB), which community-search.js loads with the
    index; the results of every search test come from it."""
    asked = index_requests(page)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    _open(page, site.url(ENTRY_ZH if code == "zh" else ENTRY))
    page.wait_for_load_state("networkidle")
    assert asked == [], "on load"
    page.locator("nav.md-tabs a").nth(1).click()  # an instant navigation asks for none either
    page.wait_for_load_state("networkidle")
    assert asked == []
    workers = [url for url in fetched if "/workers/" in url]
    assert workers and all("community-search.js" in url for url in workers), workers


@pytest.mark.parametrize(("code", "query", "expected"), [
    ("zh", "数据工程师", ENTRY_ZH),
    ("en", "engineer", ENTRY),
])
def test_a_search_asks_for_the_index_of_the_pages_language_only(
        page: Page, site: Site, code: str, query: str, expected: str) -> None:
    """The first focus of the box fetches the page's language's index, once; the results
    are pages of that language only, with Material's strings of the page."""
    home = "zh/" if code == "zh" else ""
    asked = index_requests(page)
    found = results(page, site.url(home), query)  # clicks the box, types, waits
    assert asked == [site.url(INDEXES[code])]
    listed = listed_pages(page, site, home)
    assert expected in listed and all(language_of(url) == code for url in listed), listed
    assert page.locator(".md-search-result__meta").inner_text().strip() in {
        STRINGS[code]["search.result.one"],
        STRINGS[code]["search.result.other"].replace("#", str(len(found)))}
    # The zh reader finds the English-only news through its zh copy, in zh.
    if code == "zh":
        results(page, site.url(home), "office")
        assert "zh/news/office-move/" in listed_pages(page, site, home)


@pytest.mark.parametrize("start", ["shortcut", "search button", "address"])
def test_a_query_typed_right_away_gets_its_results(browser: Browser, site: Site,
                                                   start: str) -> None:
    """The reader types before the index has arrived ("Initializing search"): once it is
    there Material's worker searches for what was typed. Started by Material's "/" key,
    by the header's search button of small screens, or by an address with ?q=."""
    context = browser.new_context(viewport={"width": 375 if start == "search button"
                                            else 1280, "height": 800})
    page = context.new_page()
    asked = index_requests(page)
    if start == "address":
        page.goto(site.url("zh/?q=" + urllib.parse.quote("数据工程师")), wait_until="load")
    else:
        _open(page, site.url("zh/"))
        page.wait_for_load_state("networkidle")
        assert asked == []
        if start == "shortcut":
            page.keyboard.press("/")
        else:
            page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("数据工程师")  # at once: no wait for the index
    typed = page.locator("input.md-search__input").input_value()
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    listed = listed_pages(page, site, "zh/")
    context.close()
    assert typed == "数据工程师"
    assert ENTRY_ZH in listed, listed
    assert asked == [site.url(INDEXES["zh"])]


def test_verify_reads_the_index_of_every_language(site: Site, tmp_path: Path) -> None:
    """``community verify`` finds an unpublished entry in the zh index and names that file
    (a site that holds one would let a zh reader find a draft)."""
    project = site.root.parent / "project"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "SITE_URL": site.base}

    def verify(folder: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator.cli", "-f",
                               str(project / "mkdocs.yml"), "verify", str(folder)],
                              cwd=project, env=env, capture_output=True, text=True,
                              timeout=300, check=False)

    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    assert verify(copy).returncode == 0
    index = copy / INDEXES["zh"]
    data = json.loads(index.read_bytes())
    data["docs"].append({"location": "zh/news/plans/", "title": "明年的计划", "text": ""})
    index.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = verify(copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (f"{copy}/{INDEXES['zh']}: holds the draft entry "
                                             "content/news/2026-10-03-plans.md"), result.stderr


def test_a_result_opened_in_a_new_tab_has_its_words_highlighted(page: Page, site: Site) -> None:
    """An address with ?h= (a search result opened on its own) needs the index at once:
    Material marks the searched words with the index's config."""
    asked = index_requests(page)
    page.goto(site.url(ENTRY_ZH + "?h=" + urllib.parse.quote("数据")), wait_until="load")
    page.locator("article mark").first.wait_for(timeout=30_000)
    assert "数据" in page.locator("article mark").first.inner_text()
    assert asked == [site.url(INDEXES["zh"])]


def test_zh_home_and_entry_photographed_without_sideways_scroll(
        browser: Browser, site: Site) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    wide = []
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for kind, url in (("zh-home", "zh/"), ("zh-entry-job", ENTRY_ZH)):
            _open(page, site.url(url))
            shot = SCREENSHOTS / f"{kind}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            scroll = page.evaluate("document.scrollingElement.scrollWidth")
            if scroll > width:
                wide.append(f"{kind} at {width} px scrolls to {scroll} px")
        context.close()
    assert not wide, wide


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_site_name_is_whole_in_the_header_at_375_px(browser: Browser, site: Site,
                                                        scheme: str) -> None:
    """Beside the menu, palette, language and search buttons, the site name in each language
    ("Northwind 人才社区", "Northwind talent community") is shown whole at 375 px: no ellipsis,
    no line cut off, not under a button, at a readable size; axe stays clean there."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 375, "height": 700}, color_scheme=scheme)
    page = context.new_page()
    cut = []
    for url in ("", "zh/", ENTRY, ENTRY_ZH):
        _open(page, site.url(url), scheme)
        name = page.evaluate("""() => {
          const text = document.querySelector('.md-header__topic:first-child > .md-ellipsis');
          const buttons = [...document.querySelectorAll(
            '.md-header__inner > .md-header__option, .md-header__inner > label[for=__search]')]
            .filter(e => e.offsetWidth);
          const box = text.getBoundingClientRect();
          return {text: text.textContent.trim(),
                  size: parseFloat(getComputedStyle(text).fontSize),
                  wide: text.scrollWidth - text.clientWidth,
                  tall: text.scrollHeight - text.clientHeight, right: box.right,
                  buttons: Math.min(...buttons.map(e => e.getBoundingClientRect().left))};
        }""")
        if name["wide"] > 0 or name["tall"] > 0 or name["size"] < 16 \
                or name["right"] > name["buttons"]:
            cut.append((url, {key: name[key] for key in ("text", "wide", "tall", "size")}))
        page.screenshot(path=str(SCREENSHOTS / f"header-{language_of(url)}-{scheme}-375.png"),
                        clip={"x": 0, "y": 0, "width": 375, "height": 120})
        violations = AXE.run(page).response["violations"]
        assert not violations, (url, [(v["id"], [n["target"] for n in v["nodes"]])
                                      for v in violations])
    context.close()
    assert not cut, cut
