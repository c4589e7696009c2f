"""The example site in English and Chinese, checked page by page (issue 18).

One real ``mkdocs build`` of the repository's own project (its two languages: English at the
root, Chinese under /zh/, ``untranslated: show``), served under /careers/ like GitHub Pages
serves it, with its forms pointed at a local Formspree-like endpoint. On every page of both
languages:

- ``<html lang>`` is the page's language;
- the hreflang set in the head: every language version of the page and ``x-default``, as
  absolute addresses of the site; each version carries the same set (reciprocal); a copy of
  an untranslated entry carries its original's set and names it as canonical;
- the language selector goes to the same page in the other language (else its home);
- no interface phrase of the other language: the generator's catalog and Material's own
  strings, in the text and in the attributes people hear or see, after the editors' own
  words (front matter, settings) are cut out - the method of tests/test_i18n.py;

and: the feeds of each language parse (feedparser and lxml), say their language and hold
only that language's pages; ``sitemap.xml`` lists each page with the same alternates as its
head; a form posts the page's language (Chromium, real endpoint); Material's search finds
the Chinese translation by a Chinese word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
import material
import pytest
from babel import Locale
from conftest import (
    FormEndpoint,
    _FormHandler,
    _RunningServer,
    _start_server,
    _StaticHandler,
    run_mkdocs_build,
)
from fixtures.project import linked_project
from playwright.sync_api import Page, expect
from test_i18n import SHOWN_ATTRIBUTES, editors_words, english_strings
from test_search import results

from generator.i18n import CATALOG

PREFIX = "/careers/"
LANGUAGES = ("en", "zh")  # mkdocs.yml's order: the first is the default, at the root
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "x": "http://www.w3.org/1999/xhtml"}
TRANSLATED_EVENT = "events/shanghai-data-open-evening/"
UNTRANSLATED_ZH = "events/shanghai-campus-open-day/"  # written in Chinese only (lang: zh)
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Served:
    root: Path
    base: str  # http://127.0.0.1:<port>/careers/: the site_url of this build
    server: _RunningServer
    endpoint: FormEndpoint
    endpoint_server: _RunningServer
    project: Path  # what was built: the example (symlinked) with its forms pointed here


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("languages")
    endpoint = FormEndpoint()
    endpoint_server = _start_server(type("Endpoint", (_FormHandler,), {"endpoint": endpoint}))
    endpoint.origin = endpoint_server.origin
    out = tmp / "site"
    out.mkdir()
    handler = type("Site", (_StaticHandler,), {"root": out, "prefix": PREFIX})
    server = _start_server(handler)
    project = linked_project(tmp / "project", {r"^(\s+endpoint:) \S+\s*$": rf"\1 {endpoint.url}"})
    result = run_mkdocs_build(project, out, extra_env={"SITE_URL": server.origin + PREFIX})
    assert result.returncode == 0, result.stderr
    yield Served(out, server.origin + PREFIX, server, endpoint, endpoint_server, project)
    server.stop()
    endpoint_server.stop()


@pytest.fixture(scope="module")
def site(served: Served) -> Path:
    return served.root


def page_language(url: str) -> str:
    return "zh" if url.startswith("zh/") else "en"


def all_pages(site: Path) -> list[str]:
    """Every HTML page of both languages, as its URL path from the site root ('' = home)."""
    pages = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel.removesuffix("index.html"))
    return sorted(pages)


def parse(site: Path, url: str) -> lxml.html.HtmlElement:
    file = site / (url + "index.html" if url == "" or url.endswith("/") else url)
    return lxml.html.fromstring(file.read_bytes())


def hreflangs(tree: lxml.html.HtmlElement) -> dict[str, str]:
    links = tree.xpath("/html/head/link[@rel='alternate'][@hreflang]")
    found = {link.get("hreflang"): link.get("href") for link in links}
    assert len(found) == len(links), "a language twice"
    return found


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    found = all_pages(site)
    assert sum(1 for url in found if page_language(url) == "zh") > 40, found
    return found


# ---------------------------------------------------------------------- lang, hreflang


def test_every_page_says_its_language(site: Path, pages: list[str]) -> None:
    wrong = [f"/{url}: {parse(site, url).get('lang')!r}" for url in pages
             if parse(site, url).get("lang") != page_language(url)]
    assert wrong == [], "\n".join(wrong)


def canonical(tree: lxml.html.HtmlElement) -> str:
    return tree.xpath("string(/html/head/link[@rel='canonical']/@href)")


def other_path(url: str, code: str) -> str:
    """The same page's address in language ``code``."""
    local = url.removeprefix("zh/")
    return local if code == LANGUAGES[0] else f"{code}/{local}"


def test_every_page_links_its_language_versions_reciprocally(served: Served,
                                                            pages: list[str]) -> None:
    """A page's hreflang set names every language version of it (absolute, in settings
    order, x-default the first), each version names the same set; a copy of an untranslated
    entry shown in another language is no version: it carries its original's set."""
    problems, both = [], 0
    for url in pages:
        if url.endswith("404.html"):
            continue  # no address of its own: no versions
        tree = parse(served.root, url)
        own = served.base + url
        alternates = {code: unquote(href) for code, href in hreflangs(tree).items()}
        codes = [code for code in alternates if code != "x-default"]
        if not codes or list(alternates)[-1] != "x-default":
            problems.append(f"/{url}: hreflang {list(alternates)}")
            continue
        if codes != sorted(codes, key=LANGUAGES.index):
            problems.append(f"/{url}: versions out of settings order: {codes}")
        if alternates["x-default"] != alternates[codes[0]]:
            problems.append(f"/{url}: x-default is not the first version")
        copy = unquote(canonical(tree)) != own
        if copy and own in alternates.values():
            problems.append(f"/{url}: a copy of another page lists itself as a version")
        if not copy and alternates.get(page_language(url)) != own:
            problems.append(f"/{url}: does not list itself as the {page_language(url)} version")
        if copy and unquote(canonical(tree)) not in alternates.values():
            problems.append(f"/{url}: its original {canonical(tree)} is not among {codes}")
        for code in codes:
            href = alternates[code]
            if not href.startswith(served.base):
                problems.append(f"/{url}: {code} -> {href} is not an address of the site")
                continue
            other = href.removeprefix(served.base)
            if page_language(other) != code:
                problems.append(f"/{url}: {code} -> {href} is a page of another language")
            elif not (served.root / other / "index.html").is_file():
                problems.append(f"/{url}: {code} -> {href} does not exist")
            elif {c: unquote(h) for c, h in hreflangs(parse(served.root, other)).items()} != (
                    alternates):
                problems.append(f"/{url}: {href} does not carry the same set")
        for code in LANGUAGES:  # a version in another language that the set leaves out
            other = other_path(url, code)
            if code in codes or not (served.root / other / "index.html").is_file():
                continue
            other_tree = parse(served.root, other)
            if not copy and unquote(canonical(other_tree)) == served.base + other:
                problems.append(f"/{url}: the {code} version /{other} is not in its set")
        both += set(codes) == set(LANGUAGES)
    assert problems == [], "\n".join(problems[:40])
    # Home, listings, segment pages, the translated entries ... (54 here); not tag pages:
    # a language's tags are its own entries' words (test_languages_mixed.py).
    assert both > 50


def test_a_translation_and_an_untranslated_entry_are_linked_as_expected(served: Served) -> None:
    english, chinese = served.base + TRANSLATED_EVENT, served.base + "zh/" + TRANSLATED_EVENT
    en = parse(served.root, TRANSLATED_EVENT)
    assert hreflangs(en) == {"en": english, "zh": chinese, "x-default": english}
    assert "Shanghai data open evening" in en.xpath("string(//h1)")
    zh = parse(served.root, "zh/" + TRANSLATED_EVENT)
    assert "上海数据开放夜" in zh.xpath("string(//h1)") and canonical(zh) == chinese
    # Written in Chinese only: on the English site as it is, its language said, a notice,
    # and its one version (the Chinese page) as canonical and in hreflang.
    original = served.base + "zh/" + UNTRANSLATED_ZH
    shown = parse(served.root, UNTRANSLATED_ZH)
    assert shown.get("lang") == "en"
    assert shown.xpath("//div[contains(@class, 'cm-entry')]/@lang") == ["zh"]
    assert canonical(shown) == original
    assert hreflangs(shown) == {"zh": original, "x-default": original}
    # And an English entry nobody translated, on the Chinese site.
    sre = parse(served.root, "zh/jobs/site-reliability-engineer/")
    assert sre.get("lang") == "zh"
    assert sre.xpath("//div[contains(@class, 'cm-entry')]/@lang") == ["en"]
    notice = sre.xpath("string(//*[contains(@class, 'cm-notice--language')])").strip()
    assert notice == CATALOG["zh"]["entry.only_in"].format(
        language=Locale.parse("zh").languages["en"])  # 本页只有英语版本。


# ----------------------------------------------------------------------- the selector


def selector_targets(tree: lxml.html.HtmlElement, page_url: str) -> dict[str, str]:
    """The language selector's links: hreflang -> absolute address."""
    links = tree.xpath("//*[contains(@class,'md-select')]//a[@hreflang]")
    return {link.get("hreflang"): urljoin(page_url, link.get("href")) for link in links}


def test_the_selector_goes_to_the_same_page_in_the_other_language(served: Served,
                                                                  pages: list[str]) -> None:
    """Each language of the selector: this page itself for its own language, else its
    version in that language, else that language's home."""
    homes = {code: served.base + ("" if code == LANGUAGES[0] else f"{code}/")
             for code in LANGUAGES}
    problems = []
    for url in pages:
        if url.endswith("404.html"):
            continue
        tree = parse(served.root, url)
        versions = hreflangs(tree)
        expected = {code: unquote(versions.get(code, homes[code])) for code in LANGUAGES}
        expected[page_language(url)] = served.base + url
        targets = {code: unquote(href) for code, href in
                   selector_targets(tree, served.base + quote(url)).items()}
        if targets != expected:
            problems.append(f"/{url}: selector {targets} != {expected}")
    assert problems == [], "\n".join(problems[:20])


# ------------------------------------------------------------ the other language's words


def material_strings(language: str) -> dict[str, str]:
    """Material's own interface strings in ``language`` (its partials/languages file)."""
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / (
        f"{language}.html")
    text = path.read_text(encoding="utf-8")
    table = text[text.index("{{ {") + 3:text.index("}[key]") + 1]
    strings: dict[str, str] = json.loads(table)
    return {key: value for key, value in strings.items()
            if not key.startswith(("search.config", "language", "direction"))}


def interface_phrases(shown: str, other: str) -> set[str]:
    """Phrases of language ``other``'s interface a page in ``shown`` must not carry: the
    generator's catalog and Material's strings where the two languages differ."""
    if other == "en":
        found = english_strings(shown)
        ours, theirs = material_strings("en"), material_strings(shown)
        for key, value in ours.items():
            for part in re.split(r"#", value):
                part = part.strip(" ·:;,.()")
                if len(part) > 3 and value != theirs.get(key):
                    found.add(part)
        return found
    found = set()
    for table, own in ((CATALOG[other], CATALOG[shown]),
                       (material_strings(other), material_strings(shown))):
        for key, value in table.items():
            if value != own.get(key):
                for part in re.split(r"\{[^}]*\}|#", value):
                    part = part.strip(" ·:;,.()：，。（）—")
                    if len(part) >= 2 and CJK.search(part):
                        found.add(part)
    return found


def page_text(tree: lxml.html.HtmlElement, editors: set[str]) -> str:
    """What a page shows (text and shown attributes, its head's title too), with the editors'
    own words and the language selector's language names cut out."""
    for element in tree.xpath("//script | //style | //template | //head/*[not(self::title)]"
                              " | //*[contains(@class,'md-select__inner')]"):
        element.drop_tree()
    for element in tree.xpath("//*[contains(@class,'cm-body') or "
                              "contains(@class,'cm-card__summary') or @class='cm-intro']"
                              " | //nav[contains(@class,'md-nav--secondary')]//a"):
        element.drop_tree()  # entry bodies, excerpts and their headings: the editors' prose
    attributes = [value for name in SHOWN_ATTRIBUTES for value in tree.xpath(f"//{name}")]
    text = "\n".join([tree.text_content(), *attributes])
    for words in sorted(editors, key=len, reverse=True):
        # Whole words; Chinese has no spaces between words, so a Chinese phrase goes wherever
        # it stands ("Northwind 上海办公室" right before its address).
        pattern = re.escape(words) if CJK.search(words) else rf"(?<!\w){re.escape(words)}(?!\w)"
        text = re.sub(pattern, "\n", text)
    return text


def test_no_page_shows_the_other_language_interface(served: Served, site: Path,
                                                     pages: list[str]) -> None:
    editors = editors_words(served.project)
    phrases = {code: interface_phrases(code, other) for code, other in (("en", "zh"),
                                                                       ("zh", "en"))}
    assert {"This role is closed", "Upcoming events", "Back to top", "Search"} <= phrases["zh"]
    assert {"活动", "回到页面顶部"} <= phrases["en"]
    found = []
    for url in pages:
        language = page_language(url)
        text = page_text(parse(site, url), editors)
        for phrase in sorted(phrases[language]):
            pattern = (rf"(?<!\w){re.escape(phrase)}(?!\w)" if language == "zh"
                       else re.escape(phrase))  # Chinese has no spaces between words
            if re.search(pattern, text):
                found.append(f"/{url}: {phrase!r}")
    assert found == [], "\n".join(found[:60])


def test_the_check_for_the_other_language_is_not_blind(served: Served, site: Path) -> None:
    """An English page read as if it were Chinese shows the English interface, and back."""
    editors = editors_words(served.project)
    english = page_text(parse(site, "jobs/"), editors)
    assert {"Back to top", "Jobs"} <= {p for p in interface_phrases("zh", "en")
                                       if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", english)}
    chinese = page_text(parse(site, "zh/jobs/"), editors)
    assert "回到页面顶部" in chinese
    assert any(phrase in chinese for phrase in interface_phrases("en", "zh"))


# ------------------------------------------------------------------------------ feeds


def feed_files(site: Path, language: str) -> list[Path]:
    root = site / "feeds" if language == "en" else site / language / "feeds"
    return sorted(p for p in root.rglob("*") if p.suffix in (".rss", ".atom"))


def test_each_language_has_its_own_feeds_holding_only_its_pages(served: Served) -> None:
    for language in LANGUAGES:
        files = feed_files(served.root, language)
        assert len(files) > 10, language
        for path in files:
            lxml.etree.parse(str(path))  # well-formed XML
            feed = feedparser.parse(path.read_bytes())
            assert not feed.bozo, (path, feed.get("bozo_exception"))
            assert feed.feed.get("language", "").split("-")[0] == language, path
            for item in feed.entries:
                target = item.link.removeprefix(served.base)
                assert item.link.startswith(served.base), (path, item.link)
                assert page_language(target) == language, (path, item.link)
    en = feedparser.parse((served.root / "feeds" / "all.rss").read_bytes())
    zh = feedparser.parse((served.root / "zh" / "feeds" / "all.rss").read_bytes())
    assert "Shanghai data open evening: inside the carrier transit-time platform" in {
        item.title for item in en.entries}
    assert "上海数据开放夜：走进承运商时效数据平台" in {item.title for item in zh.entries}
    assert not {item.title for item in en.entries} & {item.title for item in zh.entries
                                                      if re.search(r"[\u4e00-\u9fff]", item.title)
                                                      and item.link.endswith(TRANSLATED_EVENT)}


# ---------------------------------------------------------------------------- sitemap


def test_sitemap_alternates_match_the_pages(served: Served) -> None:
    sitemap = lxml.etree.parse(str(served.root / "sitemap.xml"))
    urls = sitemap.xpath("/s:urlset/s:url", namespaces=SITEMAP_NS)
    assert urls
    listed = set()
    for url in urls:
        loc = url.xpath("string(s:loc)", namespaces=SITEMAP_NS)
        listed.add(loc)
        alternates = {link.get("hreflang"): link.get("href")
                      for link in url.xpath("x:link[@rel='alternate']", namespaces=SITEMAP_NS)}
        page = unquote(loc.removeprefix(served.base))
        assert alternates == hreflangs(parse(served.root, page)), loc
    assert any(loc.startswith(served.base + "zh/") for loc in listed)
    for loc in list(listed):
        for href in hreflangs(parse(served.root, unquote(loc.removeprefix(served.base)))).values():
            assert href in listed, f"{loc}: its alternate {href} is not in the sitemap"


# ------------------------------------------------------------------------------ forms


def test_every_form_carries_its_page_language(site: Path, pages: list[str]) -> None:
    forms = 0
    for url in pages:
        for form in parse(site, url).xpath("//form[@method='post' or @method='POST']"):
            forms += 1
            assert form.xpath("string(.//input[@type='hidden'][@name='language']/@value)") == (
                page_language(url)), f"/{url}"
    assert forms > 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_signup_posts_the_member_language(page: Page, served: Served, language: str) -> None:
    served.endpoint.requests.clear()
    served.endpoint.mode = "ok"
    prefix = "" if language == "en" else f"{language}/"
    page.goto(served.base + prefix + "join/", wait_until="networkidle")
    page.fill("#cm-join-email", "mei@example.com")
    page.check("#cm-join-interest-shanghai")
    page.check("#cm-join-consent")
    page.click("#cm-join button[type=submit]")
    expect(page.locator("#cm-join-status")).to_have_text(CATALOG[language]["form.success.join"])
    assert len(served.endpoint.posts) == 1
    post = served.endpoint.posts[0]
    assert post.getall("language") == [language]
    assert post.getall("page") == [urlsplit(served.base).path + prefix + "join/"]


# ----------------------------------------------------------------------------- search


def test_search_finds_the_chinese_translation_by_a_chinese_word(page: Page,
                                                                 served: Served) -> None:
    """Typed into the Chinese site's search box: the Chinese page of the translated event
    (the helper gives addresses relative to the page it searched from, here /zh/)."""
    found = results(page, served.base + "zh/", "开放夜")
    assert TRANSLATED_EVENT in found, found
