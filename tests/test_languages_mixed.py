"""A site where entries of two languages mix (#18): English and Chinese entries, some
translated, some in one language only, shown in the other (``untranslated: show``).

Checked: text joined from several lines or paragraphs (summaries, descriptions, feeds,
JSON-LD, the page itself) has no space between two Chinese characters and keeps the one
between English words; each language's tag pages, tag feeds, /subscribe/ rows and OPML
name only the tags its own entries carry; the events' city filter offers one value per
city, in the page's language, never a venue's name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest
from fixtures.project import front, make_project

from generator.markup import Renderer, plain_text

if TYPE_CHECKING:
    from conftest import BuildSite

SEGMENTS = {
    "teams": {"title": "Teams", "values": {"data": "Data"}},
    "locations": {"title": "Locations", "values": {"berlin": "Berlin", "shanghai": "Shanghai"}},
}
LANGUAGES = {"en": {"name": "English"},
             "zh": {"name": "中文", "site_name": "Northwind 人才社区",
                    "labels": {"locations": "地点", "berlin": "柏林", "shanghai": "上海"}}}
EVENT = ("date: 2026-11-01\nstart: 2027-01-21T18:30:00+08:00\nend: 2027-01-21T20:30:00+08:00\n"
         "timezone: Asia/Shanghai\nformat: in_person\n")
SHANGHAI_EN = 'venue: {name: Northwind Shanghai office, address: "12F, 2879 Longteng Avenue, ' \
              'Xuhui District, Shanghai, China"}\nsegments: [shanghai, data]\n'
SHANGHAI_ZH = "venue: {name: Northwind 上海办公室, address: 上海市徐汇区龙腾大道 2879 号 12 楼}\n" \
              "segments: [shanghai, data]\n"
BERLIN = 'venue: {name: Northwind Berlin office, address: "Am Speicher 12, 10245 Berlin, ' \
         'Germany"}\nsegments: [berlin]\n'
ONLINE = EVENT.replace("in_person", "online") + "join_url: https://meet.example/chat\n"
# Two paragraphs before the excerpt mark, the first over two source lines.
ZH_BODY = "我们为物流开发了一个平台。\n它每天规划两万条路线。\n\n第二段：欢迎来上海。\n\n" \
          "<!-- more -->\n\n其余的内容。\n"
EN_BODY = "We built a platform for parcels.\nIt plans routes every day.\n\nA second " \
          "paragraph.\n\n<!-- more -->\n\nThe rest.\n"
ZH_SUMMARY = "我们为物流开发了一个平台。它每天规划两万条路线。第二段：欢迎来上海。"
EN_SUMMARY = "We built a platform for parcels. It plans routes every day. A second paragraph."
FILES = {
    # Only in Chinese (its tags: 上海, 平台), shown in English as it is.
    "news/2026-11-02-platform-zh.md": front(
        "title: 我们的平台\ndate: 2026-11-02\nlang: zh\ntags: [上海, 平台]", ZH_BODY),
    "news/2026-11-03-platform-en.md": front(
        "title: Our platform\ndate: 2026-11-03\ntags: [platform]", EN_BODY),
    # Translated, with its tags translated too: interviews / 面试.
    "news/2026-11-04-interviews.md": front(
        "title: How we interview\ndate: 2026-11-04\ntags: [interviews]", "Four talks.\n"),
    "news/2026-11-04-interviews.zh.md": front(
        "title: 我们如何面试\ndate: 2026-11-04\ntags: [面试]", "四次谈话。\n"),
    # Events: in Berlin and in Shanghai in English; translated (the Chinese version with its
    # address in Chinese); one only in Chinese.
    "events/2026-11-01-berlin-night.md": front(f"title: Berlin night\n{EVENT}{BERLIN}"),
    "events/2026-11-01-shanghai-evening.md": front(
        f"title: Shanghai evening\n{EVENT}{SHANGHAI_EN}"),
    "events/2026-11-01-shanghai-evening.zh.md": front(f"title: 上海开放夜\n{EVENT}{SHANGHAI_ZH}"),
    "events/2026-11-01-campus-day.md": front(f"title: 校园开放日\nlang: zh\n{EVENT}{SHANGHAI_ZH}"),
    "events/2026-11-01-online-chat.md": front(f"title: Online chat\n{ONLINE}"),
    "events/2026-11-01-online-chat.zh.md": front(f"title: 线上交流\n{ONLINE}"),
}
SITE_URL = "https://northwind.github.io/careers/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    root = tmp_path_factory.mktemp("languages-mixed")
    project = make_project(root / "project", FILES, config_edit={
        "segments": SEGMENTS, "languages": LANGUAGES, "untranslated": "show"})
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / unquote(url) / "index.html").read_bytes())


def descriptions(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Every text of the head that describes the page."""
    jsonld = [json.loads(block) for block in
              tree.xpath("//script[@type='application/ld+json']/text()")]
    return {"meta": tree.xpath("string(//meta[@name='description']/@content)"),
            "og": tree.xpath("string(//meta[@property='og:description']/@content)"),
            **{f"jsonld{i}": block.get("description", "") for i, block in enumerate(jsonld)}}


# --------------------------------------------------------------------------- joined text


def test_joined_chinese_text_has_no_space_and_english_keeps_its_own(site: Path) -> None:
    zh_page, en_page = page(site, "zh/news/platform-zh/"), page(site, "news/platform-en/")
    assert set(descriptions(zh_page).values()) == {ZH_SUMMARY}, descriptions(zh_page)
    assert set(descriptions(en_page).values()) == {EN_SUMMARY}, descriptions(en_page)
    # The page itself: a paragraph's two source lines are one line of Chinese.
    assert "平台。它每天" in zh_page.xpath("string(//div[@class='cm-body']/p[1])")
    assert "parcels.\nIt plans" in en_page.xpath("string(//div[@class='cm-body']/p[1])")
    # The feeds' descriptions, in each language's feed.
    for feed, title, summary in (("zh/feeds/all.rss", "我们的平台", ZH_SUMMARY),
                                 ("feeds/all.rss", "Our platform", EN_SUMMARY)):
        parsed = feedparser.parse((site / feed).read_bytes())
        item = next(item for item in parsed.entries if item.title == title)
        assert item.summary == summary, (feed, item.summary)
    # The copy shown in English (untranslated: show) says the same as its page.
    assert descriptions(page(site, "news/platform-zh/"))["meta"] == ZH_SUMMARY


# --------------------------------------------------------------------------- tags

OWN_TAGS = {"": {"platform", "interviews"}, "zh/": {"上海", "平台", "面试"}}


def test_each_language_has_the_tag_pages_and_feeds_of_its_own_entries(site: Path) -> None:
    """English shows the Chinese-only post (tags 上海, 平台) and Chinese the English-only one
    (platform): neither language gets a tag page, feed, /subscribe/ row or OPML outline of
    the other's tags, and every tag feed it has holds items (read back by feedparser)."""
    for prefix, tags in OWN_TAGS.items():
        pages = {path.name for path in (site / prefix / "tags").iterdir()}
        assert pages == tags, prefix
        feeds = {}
        for path in [*(site / prefix / "feeds/tags").glob("*.rss"),
                     *(site / prefix / "feeds/tags").glob("*.atom")]:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo and parsed.entries, path
            feeds.setdefault(path.suffix, set()).add(path.stem)
        assert feeds == {".rss": tags, ".atom": tags}, prefix
        subscribe = page(site, prefix + "subscribe/")
        listed = subscribe.xpath("//section[@aria-labelledby='feeds-tags']//input/@value")
        assert {unquote(url).removeprefix(f"{SITE_URL}{prefix}feeds/tags/").removesuffix(".rss")
                for url in listed} == tags, prefix
        opml = lxml.etree.fromstring((site / prefix / "feeds/community.opml").read_bytes())
        outlines = {unquote(url).rsplit("/", 1)[1].split(".")[0] for url in
                    opml.xpath("//outline[contains(@xmlUrl, '/feeds/tags/')]/@xmlUrl")}
        assert outlines == tags, prefix
        explore = page(site, prefix + "explore/").xpath("//a/@href")
        assert {unquote(href).strip("/").rsplit("/", 1)[1] for href in explore
                if "tags/" in href} == tags, prefix
    # A copy links its tags in its own language, where their pages are.
    for url, expected in (("news/platform-zh/", {"zh/tags/上海/", "zh/tags/平台/"}),
                          ("zh/news/platform-en/", {"tags/platform/"})):
        chips = page(site, url).xpath("//footer[@class='cm-terms']//a[contains(@href,'tags/')]"
                                      "/@href")
        resolved = {unquote(urlsplit(urljoin("https://x.invalid/" + url, href)).path)
                    .removeprefix("/") for href in chips}
        assert resolved == expected, url
        assert all((site / target / "index.html").is_file() for target in resolved)
    # A tag page lists the entries of its own language.
    listed = page(site, "tags/platform/").xpath("//h3//a/text() | //h2//a/text()")
    assert [title.strip() for title in listed] == ["Our platform"], listed


# --------------------------------------------------------------------------- city filter


def city_filter(site: Path, url: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The city filter's (value, label) choices, and each card's title -> its data-city."""
    tree = page(site, url)
    options = [(option.get("value"), option.text_content().strip())
               for option in tree.xpath("//select[@name='city']/option[@value!='']")]
    cards = {card.xpath("string(.//h3)").strip(): card.get("data-city")
             for card in tree.xpath("//*[contains(@class,'cm-card')][@data-city]")}
    return options, cards


def test_the_city_filter_offers_each_city_once_in_the_pages_language(site: Path) -> None:
    """The Chinese-only event's venue (Northwind 上海办公室, address in Chinese) is in
    Shanghai: one choice with the English address's event, labelled as the settings label
    the segment in each language; a venue's name is never a city; online events are one
    choice in both languages (?city=online)."""
    options, cards = city_filter(site, "events/")
    assert options == [("berlin", "Berlin"), ("online", "Online"), ("shanghai", "Shanghai")]
    assert cards == {"Berlin night": "berlin", "Shanghai evening": "shanghai",
                     "校园开放日": "shanghai", "Online chat": "online"}
    options, cards = city_filter(site, "zh/events/")
    assert options == [("shanghai", "上海"), ("berlin", "柏林"), ("online", "线上")]
    assert cards == {"Berlin night": "berlin", "上海开放夜": "shanghai", "校园开放日": "shanghai",
                     "线上交流": "online"}
    # The card still says where: the city of the address, as written in the event's language.
    assert "上海" in page(site, "events/").xpath(
        "string(//*[contains(@class,'cm-card')][.//h3[contains(., '校园开放日')]])")


def test_code_keeps_its_lines_and_a_typed_space_stays() -> None:
    class Body:
        src_path = "news/x.md"
        body = "中文\n中文 `代码\n代码` 上海 Shanghai\n\n```\n第一\n第二\n```\n"

    rendered = Renderer(["fenced_code"], {}, {}).markdown(Body())  # type: ignore[arg-type]
    assert rendered == ("<p>中文中文 <code>代码\n代码</code> 上海 Shanghai</p>\n"
                        "<pre><code>第一\n第二\n</code></pre>")
    joined = plain_text("<p>上海 北京</p><p>广州<br>深圳</p><p>Berlin</p>")
    assert joined == "上海 北京广州深圳 Berlin"


def test_lines_are_joined_in_lists_and_quotes_and_a_body_without_one_is_left_alone() -> None:
    """The tree is walked only for a body whose source has a line break between two Chinese
    characters: a list item's continuation line and a quote's next line, nested or not, are
    such breaks too."""
    class Body:
        src_path = "news/x.md"
        body = ""

    renderer = Renderer(["fenced_code"], {}, {})

    def html(body: str) -> str:
        Body.body = body
        return renderer.markdown(Body())  # type: ignore[arg-type]

    assert html("- 第一行\n  第二行\n- 下一项\n") == \
        "<ul>\n<li>第一行第二行</li>\n<li>下一项</li>\n</ul>"
    assert html("> 引用\n> 继续\n") == "<blockquote>\n<p>引用继续</p>\n</blockquote>"
    assert html("> > 深\n> > 处\n") == \
        "<blockquote>\n<blockquote>\n<p>深处</p>\n</blockquote>\n</blockquote>"
    # Blank lines and list markers separate blocks: nothing to join, nothing walked.
    assert html("段落一\n\n段落二\n\n1. 甲\n2. 乙\n") == \
        "<p>段落一</p>\n<p>段落二</p>\n<ol>\n<li>甲</li>\n<li>乙</li>\n</ol>"
    assert renderer.links.joiner is not None and not renderer.links.joiner.needed
