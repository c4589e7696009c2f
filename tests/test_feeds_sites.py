"""Feeds of sites other than the example: a GitHub Pages project site served under /careers/,
the same site after an editor's fix (ids and other items must not move), and a Chinese site.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from fixtures import ZH_SITE
from fixtures.project import copy_example
from lxml import etree
from test_feeds import (
    EPOCH,
    NOW,
    ParsedFeed,
    check_feed,
    content_urls,
    expected_feeds,
    feed_paths,
    site_config,
)

from generator.i18n import CATALOG

if TYPE_CHECKING:
    from conftest import BuildSite, ServeDir

CAREERS_URL = "https://example.github.io/careers/"
EDITED = "news/2026-08-20-how-we-interview-engineers.md"
EDITED_ID = f"{CAREERS_URL}news/how-we-interview-engineers/"
NEW_TITLE = "How we interview engineers: four conversations, still no puzzles"
NEW_UPDATED = "2026-11-25T08:00:00+00:00"

# An entry whose body links every way an editor can: to another entry's source, a page, the
# site root, an image, an anchor, and raw HTML written relative to the page (as a browser
# resolves it there). Every one of them must become an absolute URL that answers 200.
LINKS_ENTRY = """---
title: "Links in a feed: relative, rooted and raw"
date: 2026-11-21T09:00:00+01:00
segments: [engineering]
tags: [links]
image: images/data-grid.svg
image_alt: A grid of coloured data cells
---

Read [how we interview engineers](2026-08-20-how-we-interview-engineers.md), our
[privacy notice](../privacy.md), the [open roles](/jobs/) and the [details](#details).

![Routes between stops](../images/route-network.svg)

## Details

<p><a href="../../events/">All events</a> <img src="../../images/graduates.svg" alt="Graduates"></p>
"""


def copy_project(target: Path) -> Path:
    return copy_example(target)


@dataclass
class Builds:
    project: Path
    before: Path
    after: Path


@pytest.fixture(scope="module")
def careers(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Builds:
    """The example content + LINKS_ENTRY at CAREERS_URL, built, edited (EDITED), rebuilt."""
    root = tmp_path_factory.mktemp("careers")
    project = copy_project(root / "project")
    (project / "content/news/2026-11-21-links-in-a-feed.md").write_text(LINKS_ENTRY, "utf-8")
    env = {"SITE_URL": CAREERS_URL}
    before, after = root / "before", root / "after"
    result = build_site(project, before, EPOCH, extra_env=env)
    assert result.returncode == 0, result.stderr
    edited = project / "content" / EDITED
    source = edited.read_text(encoding="utf-8")
    source = re.sub(r"(?m)^title: .*$", f'title: "{NEW_TITLE}"', source, count=1)
    source = re.sub(r"(?m)^updated: .*$", f"updated: {NEW_UPDATED}", source, count=1)
    edited.write_text(source + "\nA paragraph added after publication, with a typo fixed.\n",
                      encoding="utf-8")
    result = build_site(project, after, EPOCH, extra_env=env)
    assert result.returncode == 0, result.stderr
    return Builds(project, before, after)


def all_feeds(site: Path, site_url: str) -> dict[str, ParsedFeed]:
    return {path: check_feed(site, path, site_url) for path in feed_paths(site)}


# ------------------------------------------------------------- project site under /careers/

def _urls_in(site: Path, path: str) -> set[str]:
    """Every URL a feed file points to: channel, self, logo, items, enclosures, content."""
    root = etree.parse(str(site / path)).getroot()
    urls: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        urls.update(v for k, v in element.attrib.items() if k in ("href", "url", "domain",
                                                                     "scheme"))
        if local in ("link", "guid", "id", "url", "logo") and element.text:
            urls.add(element.text.strip())
        if local in ("encoded", "content") and element.text:
            urls.update(content_urls(element.text))
    return urls


def _status(url: str) -> int:
    try:
        # Tag feeds of CJK tags have non-ASCII paths: sent percent-encoded, as browsers do.
        with urllib.request.urlopen(urllib.parse.quote(url, safe=":/?#=&%"),
                                    timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_project_site_feeds_and_every_link_in_them_answer_200(
        careers: Builds, serve_dir: ServeDir) -> None:
    base = serve_dir(careers.before, "/careers/")
    site = careers.before
    external: set[str] = set()
    internal: set[str] = set()
    for path in [*feed_paths(site), "feeds/community.opml"]:
        assert _status(base + path) == 200, path
        urls = _urls_in(site, path) if path.endswith((".rss", ".atom")) else set()
        for url in urls:
            (internal if url.startswith(CAREERS_URL) else external).add(url)
    for url in sorted(internal):
        local = base + url.removeprefix(CAREERS_URL).split("#", 1)[0]
        assert _status(local) == 200, f"{url} (served as {local})"
    # Outside the site (apply and registration pages, profiles): absolute https, not fetched
    # (no network in tests); nothing may point at another path of the Pages host.
    for url in external:
        parts = urlsplit(url)
        if parts.scheme == "mailto":  # apply_email: the role in the subject
            assert "subject=Application%3A%20" in parts.query, url
            continue
        assert parts.scheme == "https" and parts.netloc != "example.github.io", url
    links = {u for u in internal if "/news/links-in-a-feed/" in u or "/images/" in u}
    # Pictures are the build's PNG copies (mail clients show no SVG), served like the rest.
    assert f"{CAREERS_URL}email-images/images/route-network.png" in links
    assert f"{CAREERS_URL}email-images/images/graduates.png" in links


def test_project_site_links_resolve_as_written(careers: Builds) -> None:
    feed = all_feeds(careers.before, CAREERS_URL)["feeds/news.atom"]
    item = next(i for i in feed.items if i.id.endswith("/news/links-in-a-feed/"))
    urls = content_urls(item.content)
    assert urls == [
        f"{CAREERS_URL}email-images/images/data-grid.png",  # the entry's picture leads
        f"{CAREERS_URL}news/how-we-interview-engineers/",
        f"{CAREERS_URL}privacy/",
        f"{CAREERS_URL}jobs/",
        f"{CAREERS_URL}news/links-in-a-feed/#details",
        f"{CAREERS_URL}email-images/images/route-network.png",
        f"{CAREERS_URL}events/",
        f"{CAREERS_URL}email-images/images/graduates.png",
    ]


# -------------------------------------------------------------------------- stability

def test_an_edit_keeps_every_id_and_every_other_item(careers: Builds) -> None:
    before = all_feeds(careers.before, CAREERS_URL)
    after = all_feeds(careers.after, CAREERS_URL)
    assert before.keys() == after.keys()
    touched = 0
    for path, old in before.items():
        new = after[path]
        assert [i.id for i in new.items] == [i.id for i in old.items], path
        if EDITED_ID not in [i.id for i in old.items]:
            assert (careers.after / path).read_bytes() == (careers.before / path).read_bytes()
            continue
        touched += 1
        for old_item, new_item in zip(old.items, new.items, strict=True):
            if old_item.id != EDITED_ID:
                assert new_item.xml == old_item.xml, f"{path}: {old_item.id} changed"
                continue
            assert (old_item.title, new_item.title) != (NEW_TITLE, NEW_TITLE)
            assert new_item.title == NEW_TITLE
            assert "with a typo fixed" in new_item.content
            assert "with a typo fixed" not in old_item.content
            assert new_item.published == old_item.published
            if path.endswith(".atom"):
                assert new_item.updated is not None
                assert new_item.updated.isoformat() == NEW_UPDATED
        # The feed date follows its newest item: now the edited one.
        assert new.updated.isoformat() == NEW_UPDATED, path
    assert touched >= 2 * 3  # all, news and the edited entry's segments, in both formats


# ---------------------------------------------------------------------------- zh site

@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    out = tmp_path_factory.mktemp("zh") / "site"
    result = build_site(ZH_SITE, out, EPOCH)
    assert result.returncode == 0, result.stderr
    return out


def test_zh_feeds_are_valid_and_chinese(zh_site: Path) -> None:
    config = site_config(ZH_SITE)
    assert config.language == "zh"
    expected = expected_feeds(ZH_SITE / "content", config, NOW)
    feeds = all_feeds(zh_site, config.url)
    assert sorted(feeds) == sorted(f"{stem}.{fmt}" for stem in expected
                                   for fmt in ("rss", "atom"))
    for path, feed in feeds.items():
        assert feed.language == "zh", path
        assert all(item.link == item.id for item in feed.items), "utm is off on this site"
        assert [item.id for item in feed.items] == expected[path.rsplit(".", 1)[0]], path
        data = (zh_site / path).read_bytes()
        assert not re.search(rb"&#\d+;", data), f"{path}: characters written as references"
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, path
    news = feeds["feeds/news.rss"]
    assert news.title == "北风人才社区：新闻"
    assert [item.title for item in news.items] == ["2027 届校园招聘开始了",
                                                   "上海办公室搬到了徐汇滨江"]
    assert "上海办公室搬到了徐汇滨江".encode() in (zh_site / "feeds/all.atom").read_bytes()
    assert "云锦路站步行六分钟" in news.items[1].content
    job = feeds["feeds/jobs.atom"].items[0]
    shown = lxml.html.fromstring(f"<div>{job.content}</div>").text_content()
    assert "地点：上海" in shown and "办公方式：远程办公" in shown
    assert "30,000" in shown
    assert re.search(r"[A-Za-z]{4,}", shown.replace("UTC", "")) is None, shown
    assert not (zh_site / "feeds/segments/engineering.rss").read_text("utf-8").count(
        "Engineering")


def test_zh_enclosures_local_and_https(zh_site: Path) -> None:
    """A local SVG becomes its PNG copy (length: that file's size); an https image is not
    fetched: length 0."""
    config = site_config(ZH_SITE)
    news = check_feed(zh_site, "feeds/news.rss", config.url).items[1]
    png = zh_site / "email-images/images/office-shanghai.png"  # the copy of the SVG
    assert news.enclosure == {"url": f"{config.url}email-images/images/office-shanghai.png",
                              "type": "image/png", "length": str(png.stat().st_size)}
    remote = "https://cdn.northwind.example/photos/chen-yu.jpg"
    rss = check_feed(zh_site, "feeds/spotlights.rss", config.url).items[0]
    assert rss.enclosure == {"url": remote, "length": "0", "type": "image/jpeg"}
    atom = check_feed(zh_site, "feeds/spotlights.atom", config.url).items[0]
    assert atom.enclosure == {"href": remote, "rel": "enclosure", "type": "image/jpeg"}


def test_zh_opml_and_subscribe_page_are_chinese(zh_site: Path) -> None:
    opml = etree.parse(str(zh_site / "feeds/community.opml")).getroot()
    body = opml.find("body")
    assert body is not None
    assert [o.get("text") for o in body] == ["整个社区", "按类型", "团队", "城市", "按话题"]
    page = (zh_site / "subscribe/index.html").read_text(encoding="utf-8")
    document = lxml.html.fromstring(page)
    assert document.get("lang") == "zh"
    article = document.find_class("cm-subscribe")[0]
    # The copy buttons' messages sit once on the page's container (or on a button).
    shown = article.text_content() + " ".join(
        b.get("data-copied", "") + b.get("data-failed", "")
        for b in [article, *article.iter("button")])
    zh, en = CATALOG["zh"], CATALOG["en"]
    for key in ("subscribe.title", "subscribe.reader_title", "subscribe.reader_text",
                "subscribe.community", "subscribe.everything", "subscribe.by_type",
                "subscribe.copy", "subscribe.copied", "subscribe.opml_title",
                "subscribe.opml_text", "subscribe.opml"):
        assert zh[key] in shown, key
        assert en[key] not in shown, key
    assert "北风" in shown
