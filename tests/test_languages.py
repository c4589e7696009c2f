"""One community in several languages (#18), in the core: settings, translations, pages,
feeds, calendars and forms per language, hreflang, untranslated entries, and the default
language left exactly as it was when a language is added.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import feedparser
import lxml.html
import markdown
import pytest
import yaml
from fixtures import EPOCH
from fixtures.project import front, load_site_and_settings, make_project, page_links
from icalendar import Calendar
from lxml import etree
from test_i18n import english_strings

from generator import build as build_module
from generator import cli
from generator.entry_types import TYPES
from generator.errors import ContentError
from generator.forms import SignupForms
from generator.i18n import Translator
from generator.model import Context
from generator.reader import read_entries
from generator.report import content_figures
from generator.settings import Site, load_settings
from generator.validate import address_conflicts, validate_entries

if TYPE_CHECKING:
    from conftest import BuildSite

# --------------------------------------------------------------------------- settings

LANGUAGES = {"en": {"name": "English"},
             "zh": {"name": "中文", "site_name": "Northwind 人才社区",
                    "labels": {"teams": "团队", "engineering": "工程"},
                    "strings": {"job.apply": "立即申请"}}}
SEGMENTS = {"teams": {"title": "Teams", "values": {"engineering": "Engineering",
                                                   "design": "Design"}}}


def _load(tmp_path: Path, options: dict, language: str = "en") -> object:
    """load_settings on an mkdocs.yml holding ``options`` (lines as an editor writes them)."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "S", "plugins": [{"community": options}]},
                                     allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_settings(options, config, language=language)


def test_languages_are_read_in_order_with_their_labels_and_strings(tmp_path: Path) -> None:
    options = {"organization": {"name": "N"}, "segments": SEGMENTS, "languages": LANGUAGES,
               "strings": {"job.apply": "Send us your application"}}
    settings = _load(tmp_path, options)
    assert list(settings.languages) == ["en", "zh"] and settings.untranslated == "show"
    zh = settings.in_language("zh")
    assert zh.segments["teams"].title == "团队"
    assert zh.segment_label("engineering") == "工程" and zh.segment_label("design") == "Design"
    # The top-level strings are the default language's wording; zh has its own only.
    assert settings.language_strings("en") == {"job.apply": "Send us your application"}
    assert settings.language_strings("zh") == {"job.apply": "立即申请"}
    assert settings.in_language("en").segments == settings.segments


@pytest.mark.parametrize(("options", "language", "expected"), [
    ({"languages": {"zh": {"name": "中文"}, "en": {"name": "English"}}}, "en",
     ":13: plugins.community.languages.zh: the first language is the site's default and must "
     "be theme.language ('en')"),
    ({"languages": {"en": {"name": "English"}, "zh": {"name": "中文",
                                                      "labels": {"enginering": "工程"}}}},
     "en", ":18: plugins.community.languages.zh.labels.enginering: 'enginering' is no "
     "segment axis, segment or relationship"),
    ({"languages": {"en": {"name": "English"}, "zh": {"name": "中文",
                                                      "strings": {"job.aply": "申请"}}}},
     "en", ":18: plugins.community.languages.zh.strings.job.aply: 'job.aply' is not an "
     "interface string; did you mean 'job.apply'?"),
    ({"languages": {"en": {}}}, "en",
     ":13: plugins.community.languages.en.name: is required"),
    ({"languages": {"EN": {"name": "English"}}}, "en",
     ":13: plugins.community.languages.EN: 'EN' is not a language code like en"),
    ({"untranslated": "hide"}, "en",
     ":12: plugins.community.untranslated: 'hide' is not one of: 'show' or 'omit'"),
])
def test_a_wrong_language_setting_names_its_line(tmp_path: Path, options: dict, language: str,
                                                 expected: str) -> None:
    options = {"organization": {"name": "N"}, "segments": SEGMENTS, **options}
    with pytest.raises(ContentError) as raised:
        _load(tmp_path, options, language)
    reported = [str(problem) for problem in raised.value.problems]
    assert len(reported) == 1 and expected in reported[0], reported


# --------------------------------------------------------------------------- translations


def _validated(root: Path, files: dict[str, str],
               languages: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """(site path -> file) of the valid entries, and every problem as text."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    raws, problems = read_entries(root, "content/")
    entries, found = validate_entries(raws, Context(set(), root, languages=languages))
    return ({entry.path: entry.src_path for entry in entries},
            [str(problem) for problem in problems + found])


NEWS = "title: T\ndate: 2026-05-01"
EVENT = "title: E\ndate: 2026-05-01\nformat: online\njoin_url: https://meet.example/e"


def test_a_translation_shares_its_originals_address_under_its_language(tmp_path: Path) -> None:
    pages, problems = _validated(tmp_path, {
        "news/2026-05-01-hello.md": front(f"{NEWS}\nslug: hi"),
        "news/2026-05-01-hello.zh.md": front(NEWS),  # takes the original's slug
        "news/2026-05-02-only.zh.md": front(NEWS),  # no original: zh only
        "news/2026-05-03-lunch.md": front(f"{NEWS}\nlang: zh"),  # zh by its lang
        "news/2026-05-04-fr.md": front(f"{NEWS}\nlang: fr"),  # not a site language
    }, ("en", "zh"))
    assert problems == []
    assert pages == {"news/hi/": "news/2026-05-01-hello.md",
                     "zh/news/hi/": "news/2026-05-01-hello.zh.md",
                     "zh/news/only/": "news/2026-05-02-only.zh.md",
                     "zh/news/lunch/": "news/2026-05-03-lunch.md",
                     "news/fr/": "news/2026-05-04-fr.md"}


def test_translation_mistakes_name_their_file_and_line(tmp_path: Path) -> None:
    _, problems = _validated(tmp_path, {
        "news/2026-05-01-hello.md": front(NEWS),
        "news/2026-05-01-hello.zh.md": front(f"{NEWS}\nslug: other"),
        "news/2026-05-01-hello.de.md": front(NEWS),
        "news/2026-05-02-lang.zh.md": front(f"{NEWS}\nlang: en"),
        "events/2026-05-03-evening.md": front(f"{EVENT}\nstart: 2027-01-21T18:30:00+08:00"),
        "events/2026-05-03-evening.zh.md": front(f"{EVENT}\nstart: 2027-01-22T18:30:00+08:00"),
    }, ("en", "zh"))
    assert sorted(problems) == [
        "content/events/2026-05-03-evening.zh.md:6: start: differs from the original's "
        "(content/events/2026-05-03-evening.md: 2027-01-21T18:30:00+08:00); a translation "
        "states the same times, or its pages would say different things",
        "content/news/2026-05-01-hello.de.md:1: file: '.de' names no language of this site "
        "(en, zh): a translation is named like its original plus a declared language, e.g. "
        "x.zh.md; otherwise write the file name without dots",
        "content/news/2026-05-01-hello.zh.md:4: slug: a translation has its original's "
        "address (content/news/2026-05-01-hello.md: 'hello'); remove 'slug' here or change "
        "it in both",
        "content/news/2026-05-02-lang.zh.md:4: lang: 'en' contradicts the file name, which "
        "makes this the 'zh' version; remove 'lang' (the file name says it)"]


def test_a_page_in_a_language_folder_may_not_take_a_generated_address(tmp_path: Path) -> None:
    for name in ("zh/index.md", "zh/jobs.md", "zh/about.md", "jobs/index.zh.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# Page\n", encoding="utf-8")
    assert [str(problem) for problem in address_conflicts(tmp_path, "content/", ("zh",))] == [
        "content/zh/index.md:1: file: /zh/ is a page the generator makes; move or rename this "
        "file; a translation is named like its original plus the language, e.g. "
        "privacy.zh.md (index.zh.md: that language's home text)",
        "content/zh/jobs.md:1: file: /zh/jobs/ is a page the generator makes; move or rename "
        "this file; a translation is named like its original plus the language, e.g. "
        "privacy.zh.md (index.zh.md: that language's home text)"]
    assert address_conflicts(tmp_path, "content/") == []  # one language: zh/ is any folder


def test_on_a_one_language_site_a_suffix_is_part_of_the_name(tmp_path: Path) -> None:
    """As before #18 (an entry may be named anything with `slug`), with a hint."""
    pages, problems = _validated(tmp_path, {
        "news/2026-05-01-hello.zh.md": front(NEWS),
        "news/2026-05-02-named.zh.md": front(f"{NEWS}\nslug: named"),
    }, ("en",))
    assert pages == {"news/named/": "news/2026-05-02-named.zh.md"}
    assert len(problems) == 1 and problems[0].endswith(
        "a translation ('.zh')? Declare the site's languages under `languages` in mkdocs.yml")


# --------------------------------------------------------------------------- the fixture

SITE_URL = "https://northwind.github.io/careers/"  # the repository's site_url
EN_ONLY = "news/only-in-english/"
ZH_ONLY = "stories/shanghai-tea-break/"
ZH_BY_LANG = "news/shanghai-team-lunch/"
TRANSLATED = ("news/hello-community/", "jobs/data-engineer/", "events/open-evening/")


def _entries() -> dict[str, str]:
    """Entries in en and zh: three translated, one English only, two Chinese only (one by
    its file name, one by its `lang`)."""
    job = ("date: 2026-11-02\nteam: Data\nlocations: [\"Shanghai, China\"]\nworkplace: onsite\n"
           "employment_type: full_time\napply_url: https://jobs.example/de\n"
           "segments: [engineering]\ntags: [data]")
    event = ("date: 2026-11-10\nstart: 2027-01-21T18:30:00+08:00\n"
             "end: 2027-01-21T20:30:00+08:00\nformat: online\n"
             "join_url: https://meet.example/open-evening\nsegments: [engineering]")
    return {
        "news/2026-11-01-hello-community.md": front(
            "title: Hello community\ndate: 2026-11-01\ntags: [hiring]\n"
            "segments: [engineering]", "Welcome, everyone.\n\nSee [the role](../jobs/"
            "2026-11-02-data-engineer.md) and [the English post](2026-10-01-only-in-english.md)."),
        "news/2026-11-01-hello-community.zh.md": front(
            "title: 你好，社区\ndate: 2026-11-01\ntags: [招聘]\nsegments: [engineering]",
            "欢迎大家。\n\n请看[职位](../jobs/2026-11-02-data-engineer.zh.md)。"),
        "jobs/2026-11-02-data-engineer.md": front(f"title: Data engineer\n{job}",
                                                  "Build our data platform."),
        "jobs/2026-11-02-data-engineer.zh.md": front(f"title: 数据工程师\n{job}",
                                                     "建设我们的数据平台。"),
        "events/2026-11-10-open-evening.md": front(f"title: Open evening\n{event}",
                                                   "Meet the team online."),
        "events/2026-11-10-open-evening.zh.md": front(f"title: 开放之夜\n{event}",
                                                      "在线认识团队。"),
        "news/2026-10-01-only-in-english.md": front(
            "title: Only in English\ndate: 2026-10-01\ntags: [hiring]", "English text only."),
        "stories/2026-10-05-shanghai-tea-break.zh.md": front(
            "title: 上海的茶歇\ndate: 2026-10-05\nemployee: {name: 王佳, role: 数据工程师}",
            "下午三点，茶歇时间。"),
        "news/2026-09-01-shanghai-team-lunch.md": front(
            "title: 上海团队午餐\ndate: 2026-09-01\nlang: zh", "我们一起吃午饭。"),
    }


# A landing page and its translation (/join/welcome/, /zh/join/welcome/).
LANDINGS = {"join/welcome.md": front("title: Welcome, fair visitors"),
            "join/welcome.zh.md": front("title: 欢迎招聘会的朋友")}

LANGUAGE_OPTIONS = {
    "en": {"name": "English"},
    "zh": {"name": "中文", "site_name": "Northwind 人才社区",
           "site_description": "加入我们的人才社区", "hero": {"headline": "在职位公开之前听到消息"},
           "labels": {"teams": "团队", "engineering": "工程", "former-employee": "前员工",
                      "past-applicant": "曾经的应聘者", "student": "学生或应届毕业生",
                      "professional": "业内人士"}},
}
OPTIONS = {"segments": {"teams": {"title": "Teams", "values": {"engineering": "Engineering"}}}}


def _one_language(root: Path) -> Path:
    """The fixture's English entries alone, on a one-language site."""
    return make_project(root, {name: text for name, text in {**_entries(), **LANDINGS}.items()
                               if ".zh." not in name and "lunch" not in name},
                        config_edit=OPTIONS)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory,
          build_site: BuildSite) -> dict[str, Path]:
    """Built once per module with the real ``mkdocs build``: the two-language site (show),
    the same with ``untranslated: omit``, and its English entries on a one-language site."""
    root = tmp_path_factory.mktemp("languages")
    projects = {
        "show": make_project(root / "show", {**_entries(), **LANDINGS},
                             config_edit={**OPTIONS, "languages": LANGUAGE_OPTIONS}),
        "omit": make_project(root / "omit", {**_entries(), **LANDINGS},
                             config_edit={**OPTIONS, "languages": LANGUAGE_OPTIONS,
                                          "untranslated": "omit"}),
        "one": _one_language(root / "one"),
    }
    built = {}
    for name, project in projects.items():
        result = build_site(project, root / f"{name}-site")
        assert result.returncode == 0, result.stderr
        built[name] = root / f"{name}-site"
    return built




def page_of(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / unquote(url) / "index.html").read_bytes())


def hreflang(tree: lxml.html.HtmlElement) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href")
            for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")}


def html_pages(site: Path) -> list[str]:
    """Every page's URL from the site root ("" for the home page), 404.html aside."""
    return sorted(str(path.parent.relative_to(site)) + "/" if path.parent != site else ""
                  for path in site.rglob("index.html"))


GENERATED = ("", "news/", "jobs/", "events/", "stories/", "spotlights/", "join/",
             "join/thanks/", "join/welcome/", "refer/", "subscribe/", "segments/engineering/",
             "explore/", *TRANSLATED)


# --------------------------------------------------------------------------- pages


def test_every_page_exists_in_each_language_in_that_language(sites: dict[str, Path]) -> None:
    site = sites["show"]
    for prefix, language in (("", "en"), ("zh/", "zh")):
        # Each language's tags are its own entries' words (test_languages_mixed.py).
        for url in (*GENERATED, "tags/hiring/" if language == "en" else "tags/招聘/"):
            tree = page_of(site, prefix + url)
            assert tree.get("lang") == language, prefix + url
    assert (site / "zh/feeds/all.rss").is_file() and (site / "zh/feeds/community.opml").is_file()
    assert (site / "zh/events/calendar.ics").is_file()
    assert (site / "zh/events/open-evening/open-evening.ics").is_file()
    # The zh interface: its own site name, hero, segment labels, and no English phrase of
    # the chrome the core writes (the footer is checked with the rest of the page).
    home = page_of(site, "zh/")
    assert "在职位公开之前听到消息" in home.text_content()
    segment = page_of(site, "zh/segments/engineering/")
    assert "团队：工程" in segment.findtext(".//title")
    assert "Engineering" not in segment.xpath("string(//article)")
    assert "前员工" in page_of(site, "zh/join/").xpath("string(//article)")


def test_the_core_marks_each_page_with_its_language_and_renders_each_body_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In process: every page knows its language; each entry's Markdown is converted once
    although untranslated ones are shown in both languages."""
    project = make_project(tmp_path / "project", {**_entries(), **LANDINGS},
                           config_edit={**OPTIONS, "languages": LANGUAGE_OPTIONS})
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    site, settings = load_site_and_settings(project)
    output = build_module.build(site, settings, datetime.fromtimestamp(EPOCH, tz=UTC))
    assert len(output.entries) == len(_entries())
    assert len(converted) == len(output.entries) + len(LANDINGS)
    assert [(language.code, language.name, language.home) for language in output.languages] \
        == [("en", "English", ""), ("zh", "中文", "zh/")]
    for page in output.pages:
        assert page.language == ("zh" if page.url.startswith("zh/") else "en"), page.url
    # Fragments per language, links placed from the page's language root.
    assert 'href="../zh/jobs/"' in output.fragment("footer", "../", "zh")
    assert 'href="../jobs/"' in output.fragment("footer", "../")


def test_hreflang_sets_are_absolute_reciprocal_with_x_default(sites: dict[str, Path]) -> None:
    site = sites["show"]
    checked = 0
    for url in html_pages(site):
        tree = page_of(site, url)
        links = hreflang(tree)
        assert links, f"{url} has no hreflang links"
        assert all(href.startswith(SITE_URL) for href in links.values()), url
        assert "x-default" in links
        assert links["x-default"] == links.get("en", links["x-default"])
        canonical = tree.xpath("string(//head/link[@rel='canonical']/@href)")
        own = SITE_URL + quote(url)
        if canonical == own:  # a page of its own: it is one of its versions
            language = "zh" if url.startswith("zh/") else "en"
            assert links[language] == own, url
        for code, href in links.items():  # every version lists the same set
            assert hreflang(page_of(site, unquote(href.removeprefix(SITE_URL)))) == links, \
                (url, code)
        checked += 1
    assert checked >= 40  # both languages: home, listings, entries, forms, tags...
    # Translated: both versions; one language only: itself and x-default.
    assert set(hreflang(page_of(site, "news/hello-community/"))) == {"en", "zh", "x-default"}
    assert hreflang(page_of(site, "zh/" + ZH_ONLY)) == {
        "zh": SITE_URL + "zh/" + ZH_ONLY, "x-default": SITE_URL + "zh/" + ZH_ONLY}


def test_structured_data_and_feeds_say_their_language(sites: dict[str, Path]) -> None:
    """JSON-LD ``inLanguage``: the language the entry is written in; Atom ``xml:lang``."""
    site = sites["show"]
    for url, language in (("jobs/data-engineer/", "en"), ("zh/jobs/data-engineer/", "zh"),
                          ("zh/events/open-evening/", "zh"), ("zh/" + ZH_BY_LANG, "zh"),
                          ("news/hello-community/", "en")):
        blocks = page_of(site, url).xpath("//script[@type='application/ld+json']/text()")
        assert [json.loads(block)["inLanguage"] for block in blocks] == [language], url
    atom = etree.fromstring((site / "zh/feeds/all.atom").read_bytes())
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"


# --------------------------------------------------------------------------- feeds, calendars


def test_feeds_per_language_hold_only_that_languages_entries(sites: dict[str, Path]) -> None:
    site = sites["show"]
    for prefix, language in (("", "en"), ("zh/", "zh")):
        feeds = sorted((site / prefix / "feeds").rglob("*.rss"))
        feeds += sorted((site / prefix / "feeds").rglob("*.atom"))
        assert len(feeds) > 10
        for path in feeds:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, path
            assert parsed.feed.get("language", language) == language, path
            for item in parsed.entries:
                in_zh = item.id.startswith(SITE_URL + "zh/")
                assert in_zh == (language == "zh"), (path, item.id)
    everything = {item.title for item in feedparser.parse(
        (site / "zh/feeds/all.rss").read_bytes()).entries}
    assert everything == {"你好，社区", "数据工程师", "开放之夜", "上海的茶歇", "上海团队午餐"}
    english = {item.title for item in feedparser.parse(
        (site / "feeds/all.rss").read_bytes()).entries}
    assert english == {"Hello community", "Data engineer", "Open evening", "Only in English"}
    opml = etree.fromstring((site / "zh/feeds/community.opml").read_bytes())
    assert all(url.startswith(SITE_URL + "zh/feeds/") for url in opml.xpath("//@xmlUrl"))


def test_calendars_per_language_share_the_events_uids(sites: dict[str, Path]) -> None:
    site = sites["show"]
    calendars = {prefix: Calendar.from_ical((site / prefix / "events/calendar.ics").read_bytes())
                 for prefix in ("", "zh/")}
    events = {prefix: {str(event["UID"]): event for event in calendar.walk("VEVENT")}
              for prefix, calendar in calendars.items()}
    assert set(events[""]) == set(events["zh/"]) == {"open-evening.careers@northwind.github.io"}
    zh = events["zh/"]["open-evening.careers@northwind.github.io"]
    assert str(zh["SUMMARY"]) == "开放之夜"
    assert str(zh["URL"]) == SITE_URL + "zh/events/open-evening/"
    assert str(calendars["zh/"]["URL"]) == SITE_URL + "zh/events/calendar.ics"


# --------------------------------------------------------------------------- forms


def test_forms_post_the_pages_language(sites: dict[str, Path]) -> None:
    site = sites["show"]
    for url, language in (("join/", "en"), ("zh/join/", "zh"), ("zh/news/hello-community/", "zh"),
                          ("zh/" + EN_ONLY, "zh")):
        forms = page_of(site, url).xpath("//form[.//input[@name='form']]")
        assert forms, url
        for form in forms:
            assert form.xpath("string(.//input[@name='language']/@value)") == language, url
    # One language: the forms post what they always did.
    assert not page_of(sites["one"], "join/").xpath("//input[@name='language']")


@pytest.mark.parametrize(("provider", "endpoint", "name"), [
    ("formspree", "https://formspree.io/f/xyzabcd", "language"),
    ("buttondown", "https://buttondown.com/api/emails/embed-subscribe/northwind",
     "metadata__language"),
    ("mailchimp", "https://x.us1.list-manage.com/subscribe/post?u=a1&id=b2", "LANGUAGE"),
])
def test_each_provider_receives_the_language_under_its_name(tmp_path: Path, provider: str,
                                                            endpoint: str, name: str) -> None:
    signup = {"provider": provider, "endpoint": endpoint, "privacy_url": "https://x.example/p"}
    if provider == "mailchimp":
        signup["segments"] = {"engineering": "group[1][1]"}
    settings = _load(tmp_path, {"organization": {"name": "N"}, "segments": SEGMENTS | {
        "teams": {"title": "Teams", "values": {"engineering": "Engineering"}}},
        "signup": signup, "languages": LANGUAGES})
    site = Site("S", SITE_URL + "zh/", "zh", tmp_path, "content/", language_path="zh/")
    forms = SignupForms(site, settings, Translator("zh"), "zh")
    assert (name, "zh") in forms.join().hidden


# --------------------------------------------------------------------------- untranslated


def test_untranslated_entries_shown_with_a_notice_point_at_their_page(
        sites: dict[str, Path]) -> None:
    site = sites["show"]
    copy = page_of(site, "zh/" + EN_ONLY)
    notice = copy.xpath("string(//*[contains(@class, 'cm-notice--language')])")
    assert notice == "本页只有英语版本。"
    assert copy.xpath("//div[contains(@class, 'cm-entry')]/@lang") == ["en"]
    assert copy.xpath("string(//head/link[@rel='canonical']/@href)") == SITE_URL + EN_ONLY
    assert copy.xpath("string(//head/meta[@property='og:url']/@content)") == SITE_URL + EN_ONLY
    assert copy.xpath("string(//head/meta[@property='og:image']/@content)") == (
        SITE_URL + "assets/social/" + EN_ONLY.rstrip("/") + ".png")
    assert (site / "assets/social" / (EN_ONLY.rstrip("/") + ".png")).is_file()
    assert not (site / "assets/social/zh" / (EN_ONLY.rstrip("/") + ".png")).exists()
    assert not copy.xpath("//script[@type='application/ld+json']")  # its own page has it
    assert "zh/" + EN_ONLY in page_links(site, "zh/news/")  # listed in zh, marked English
    card = page_of(site, "zh/news/").xpath(
        f"//article[.//a[@href='../{EN_ONLY}']]")
    assert card and card[0].xpath(".//*[@lang='en']/text()") == [
        "Only in English", "English text only."]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}zh/{EN_ONLY}</loc>" not in sitemap
    assert f"<loc>{SITE_URL}{EN_ONLY}</loc>" in sitemap
    # Either way: a zh-only entry is shown in English with the notice in English.
    english = page_of(site, ZH_ONLY)
    assert english.xpath("string(//*[contains(@class, 'cm-notice--language')])") == (
        "This page is only available in Chinese.")
    # Its own page is marked in its language without a notice; `lang: zh` makes a zh entry.
    assert not page_of(site, "zh/" + ZH_BY_LANG).xpath("//*[contains(@class, 'cm-notice')]")


def test_untranslated_omit_leaves_them_out_of_the_other_language(
        sites: dict[str, Path]) -> None:
    site = sites["omit"]
    assert not (site / "zh" / EN_ONLY).exists() and not (site / ZH_ONLY).exists()
    assert not (site / ZH_BY_LANG).exists() and (site / "zh" / ZH_BY_LANG).is_dir()
    assert "zh/" + EN_ONLY not in page_links(site, "zh/news/")
    assert EN_ONLY in page_links(site, "news/")


# --------------------------------------------------------------------------- stability


def test_one_declared_language_changes_nothing(tmp_path: Path, sites: dict[str, Path],
                                               build_site: BuildSite) -> None:
    """A site that lists only its own language is the one-language site, byte for byte."""
    project = make_project(tmp_path / "project", {
        name: text for name, text in {**_entries(), **LANDINGS}.items()
        if ".zh." not in name and "lunch" not in name},
        config_edit={**OPTIONS, "languages": {"en": {"name": "English"}}})
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert tree_bytes(tmp_path / "site") == tree_bytes(sites["one"])


def tree_bytes(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


# Files of the default language that a second language must change, and why:
# - sitemap.xml: it lists the new language's pages and every page's versions;
# - search/search_index.json: the new language's pages are searchable too;
# - every HTML page: its head's hreflang links, the language selector, each language's
#   Material chrome (compared below by what the core makes of them: content and head), and
#   its forms' hidden `language` field (the forms now post the member's language) and its
#   JSON-LD's `inLanguage` (search engines learn each version's language).
MUST_CHANGE = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}


def test_adding_a_language_keeps_the_default_languages_addresses_ids_and_bytes(
        sites: dict[str, Path]) -> None:
    """The English site, then the same with zh translations (``omit``: the English pages
    show the same entries): everything outside zh/ is the same but what must change."""
    before, after = tree_bytes(sites["one"]), tree_bytes(sites["omit"])
    assert set(before) <= set(after)  # no address of the default language is lost
    added = {path for path in set(after) - set(before)
             if not path.startswith(("zh/", "assets/social/zh/", "assets/social/zh.png"))}
    assert added <= {"assets/javascripts/languages.js"}, added
    for path, data in before.items():
        if path in MUST_CHANGE:
            continue
        if path.endswith(".html"):
            assert core_part(data) == core_part(after[path]), path
        else:
            assert data == after[path], path  # feeds (ids), calendars (UIDs), OPML, PNGs


def core_part(html: bytes) -> list[str]:
    """What the core makes of a page: its content and its head (robots, feeds, JSON-LD,
    link preview, canonical), hreflang links, the forms' language field and the JSON-LD's
    inLanguage aside."""
    html = re.sub(rb'\n *<input type="hidden" name="language" [^>]*>', b"", html)
    tree = lxml.html.fromstring(re.sub(rb',"inLanguage":"[^"]*"', b"", html))
    head = [lxml.html.tostring(element, encoding="unicode", with_tail=False)
            for element in tree.xpath("//head/meta[@property or @name='robots' or "
                                      "starts-with(@name, 'twitter')] | //head/link[@rel="
                                      "'canonical'] | //head/link[@rel='alternate'][@type] | "
                                      "//head/script[@type='application/ld+json']")]
    return [*head, *(lxml.html.tostring(element, encoding="unicode", with_tail=False)
                     for element in tree.xpath("//article | //footer"))]


def test_community_verify_finds_every_page_and_file_of_both_languages(
        sites: dict[str, Path]) -> None:
    """The built site against the core's own list (each language's pages, feeds, calendars),
    and nothing unpublished under either language's path."""
    site = sites["show"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "generator.cli", "-f", "mkdocs.yml", "verify",
                             str(site)], cwd=site.parent / "show", env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_digest_per_language(sites: dict[str, Path], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``community digest --language zh``: the zh entries, in Chinese, linking to zh pages;
    the default: the default language's."""
    config = sites["show"].parent / "show" / "mkdocs.yml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    window = ["--since", "2026-09-01", "--until", "2026-11-26"]
    for language in ("zh", "en"):
        code = cli.main(["-f", str(config), "digest", *window, "--language", language,
                         "--out", str(tmp_path / language)])
        assert code == 0
    zh = lxml.html.fromstring((tmp_path / "zh/all.html").read_bytes())
    assert zh.get("lang") == "zh"
    assert {h3.text_content() for h3 in zh.xpath("//h3")} == {
        "你好，社区", "数据工程师", "开放之夜", "上海的茶歇", "上海团队午餐"}
    links = {href.split("?")[0] for href in zh.xpath("//h3//a/@href")}
    assert links == {SITE_URL + "zh/" + url for url in (*TRANSLATED, ZH_ONLY, ZH_BY_LANG)}
    en = lxml.html.fromstring((tmp_path / "en/all.html").read_bytes())
    assert {h3.text_content() for h3 in en.xpath("//h3")} == {
        "Hello community", "Data engineer", "Open evening", "Only in English"}
    assert cli.main(["-f", str(config), "digest", *window, "--language", "fr",
                     "--out", str(tmp_path / "fr")]) == 2


def test_the_report_counts_an_entry_and_its_translations_once(sites: dict[str, Path]) -> None:
    project = sites["show"].parent / "show"
    site, settings = load_site_and_settings(project)
    entries = build_module.check(site, settings, datetime.fromtimestamp(EPOCH, tz=UTC))
    figures = content_figures([entry for entry in entries if entry.published], settings,
                              {kind: kind for kind in TYPES}, date(2026, 9, 1),
                              date(2026, 11, 26))
    counted = {(figure.period, figure.key): figure.value for figure in figures
               if figure.figure == "content-by-type" and figure.value}
    # hello, the role and the evening (en + zh) once each in November; only-in-english and
    # the zh-only story in October; the lunch (lang: zh) in September
    assert counted == {("2026-11", "news"): 1, ("2026-11", "jobs"): 1,
                       ("2026-11", "events"): 1, ("2026-10", "news"): 1,
                       ("2026-10", "stories"): 1, ("2026-09", "news"): 1}


def test_zh_pages_show_no_english_interface_phrase(sites: dict[str, Path]) -> None:
    """What the core writes on every zh page (content and footer; the text of an entry shown
    in English, marked lang="en", aside) holds no English catalog phrase."""
    site = sites["show"]
    english = english_strings("zh")
    found = []
    for url in html_pages(site):
        if not url.startswith("zh/"):
            continue
        tree = page_of(site, url)
        for foreign in tree.xpath("//article//*[@lang='en']"):
            foreign.drop_tree()
        text = " ".join(element.text_content() for element in tree.xpath("//article | //footer"))
        found += [f"{url}: {phrase}" for phrase in english  # whole words: not NetNewsWire
                  if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text)]
    assert found == []
