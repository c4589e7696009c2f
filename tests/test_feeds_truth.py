"""Feeds tell the truth to readers and to the browser (issue #12, item 6).

- every page's head: ``<link rel="alternate">`` with exactly that value, one format (RSS) per
  feed, each link to a file that exists;
- Material's instant navigation reads those links as language versions and fetches
  ``sitemap.xml`` beside them: in Chromium, no request of the site fails;
- the channel image is a PNG (RSS 2.0 takes GIF, JPEG or PNG), within RSS's size limits;
- no ``<!--`` inside any item's content (``<!-- more -->`` used to leak);
- tag feeds exist and are listed on their tag page and on /subscribe/.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import lxml.html
import pytest
from fixtures import REPO_ROOT
from lxml import etree
from playwright.sync_api import Page
from test_subscribe import serve_as_site

from generator.raster import png_size

if TYPE_CHECKING:
    from conftest import ServeDir

SITE_URL = "https://northwind.github.io/careers/"
FEED_TYPES = ("application/rss+xml", "application/atom+xml")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_every_head_links_its_feeds_with_rel_exactly_alternate(example_site: Path) -> None:
    checked = 0
    for path in html_pages(example_site):
        head = lxml.html.parse(str(path)).getroot().head
        feeds = [link for link in head.iter("link") if link.get("type") in FEED_TYPES]
        assert feeds, f"{path}: no feed autodiscovery"
        for link in feeds:
            assert link.get("rel") == "alternate", (path, link.get("rel"))
            assert link.get("type") == "application/rss+xml", path  # one format per feed
            assert link.get("title"), path
            assert (path.parent / link.get("href", "")).resolve().is_file(), path
        hrefs = [link.get("href") for link in feeds]
        assert len(hrefs) == len(set(hrefs)), path
        checked += 1
    assert checked > 90


def test_channel_image_is_a_png_within_rss_limits(example_site: Path) -> None:
    for path in sorted((example_site / "feeds").rglob("*.rss")):
        channel = etree.parse(str(path)).getroot().find("channel")
        assert channel is not None
        url = channel.findtext("image/url", "")
        assert url == SITE_URL + "feeds/logo.png", path
        assert int(channel.findtext("image/width", "0")) <= 144
        assert int(channel.findtext("image/height", "0")) <= 400
    data = (example_site / "feeds/logo.png").read_bytes()
    size = png_size(data)
    assert size is not None and size[0] == 144, "not a PNG 144 pixels wide"


def test_a_png_from_the_settings_is_the_channel_image(tmp_path: Path, build_site) -> None:
    from fixtures.project import make_project

    png = (REPO_ROOT / "content").glob("**/*.png")
    assert not list(png), "the example has no PNG: this test brings its own"
    project = make_project(tmp_path / "project", {}, config_edit={
        "feeds": {"length": 20, "image": "assets/feed.png"}})
    # A 1x1 PNG (signature, IHDR, IDAT, IEND), written here rather than rendered.
    pixel = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
    (project / "content/assets/feed.png").write_bytes(pixel)
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    channel = etree.parse(str(out / "feeds/all.rss")).getroot().find("channel")
    assert channel is not None
    assert channel.findtext("image/url") == SITE_URL + "assets/feed.png"
    assert (channel.findtext("image/width"), channel.findtext("image/height")) == ("1", "1")
    assert not (out / "feeds/logo.png").exists()


def test_a_feed_image_that_rss_cannot_show_is_refused(tmp_path: Path) -> None:
    from fixtures.project import make_project, run_check

    project = make_project(tmp_path, {}, config_edit={
        "feeds": {"length": 20, "image": "assets/logo.svg"}})
    result = run_check(project)
    assert result.returncode == 1
    assert "plugins.community.feeds.image: 'assets/logo.svg' must be a PNG, JPEG or GIF" \
        in result.stderr


def test_no_comment_inside_any_item(example_site: Path) -> None:
    seen = 0
    for path in sorted((example_site / "feeds").rglob("*")):
        if path.suffix not in (".rss", ".atom"):
            continue
        for entry in feedparser.parse(path.read_bytes()).entries:
            for content in entry.get("content", []):
                assert "<!--" not in content.value, (path, entry.id)
                seen += 1
    assert seen > 100


def test_tag_feeds_are_listed_on_tag_pages_and_subscribe(example_site: Path) -> None:
    tag_pages = sorted((example_site / "tags").glob("*/index.html"))
    assert len(tag_pages) > 10
    subscribe = lxml.html.parse(str(example_site / "subscribe/index.html")).getroot()
    addresses = set(subscribe.xpath("//input[contains(@class, 'cm-feed__url')]/@value"))
    [topics] = subscribe.xpath("//section[@aria-labelledby='feeds-tags']")
    assert topics.xpath("string(.//h2)") == "By topic"
    for page in tag_pages:
        slug = page.parent.name
        feed = example_site / "feeds" / "tags" / f"{slug}.rss"
        assert feedparser.parse(feed.read_bytes()).bozo == 0, slug
        tree = lxml.html.parse(str(page)).getroot()
        shown = tree.xpath("//p[contains(@class, 'cm-listing__feed')]/a/@href")
        assert f"../../feeds/tags/{slug}.rss" in shown, slug
        assert SITE_URL + f"feeds/tags/{slug}.rss" in addresses, slug


@pytest.fixture
def site_page(page: Page, example_site: Path, serve_dir: ServeDir) -> Page:
    """The example site at its real address (Material's instant navigation follows only its
    sitemap's URLs), answered by a local server; other origins are refused."""
    serve_as_site(page, example_site, serve_dir, SITE_URL)
    return page


def test_instant_navigation_makes_no_failed_request(site_page: Page) -> None:
    page = site_page
    statuses: dict[str, int] = {}
    failed: list[str] = []
    page.on("response", lambda response: statuses.setdefault(response.url, response.status))
    # ERR_ABORTED: a request cut short by the next navigation, not an answer of the site.
    page.on("requestfailed", lambda request: None if request.failure == "net::ERR_ABORTED"
            else failed.append(f"{request.url}: {request.failure}"))
    page.goto(SITE_URL)
    page.evaluate("window.sameDocument = true")
    for tab in ("jobs/", "events/", "subscribe/"):
        page.locator(f".md-tabs a[href$='{tab}']").first.click()
        page.wait_for_url(SITE_URL + tab)
    assert page.evaluate("window.sameDocument === true"), "no instant navigation happened"
    page.goto(SITE_URL + "tags/hiring-process/")  # a fresh load with a tag feed's link
    page.wait_for_load_state("networkidle")
    # Material did ask for the sitemap beside the feed links: the check below is not vacuous.
    asked = [url for url in statuses if url.endswith("/sitemap.xml")]
    assert SITE_URL + "feeds/sitemap.xml" in asked
    assert SITE_URL + "feeds/tags/sitemap.xml" in asked
    bad = {url: status for url, status in statuses.items() if status >= 400}
    assert bad == {} and failed == []
