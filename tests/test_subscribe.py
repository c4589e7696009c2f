"""/subscribe/ of the example site: every feed with a labelled address and a copy button, the
OPML download, the feed-reader explanation; the copy button works from the keyboard alone in
Chromium, on a full load and after Material's instant navigation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest
from fixtures import REPO_ROOT
from playwright.sync_api import BrowserContext, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError
from test_feeds import SiteConfig, feed_paths, site_config

from generator.i18n import CATALOG

if TYPE_CHECKING:
    from conftest import ServeDir

EN = CATALOG["en"]
MAX_TABS = 150  # more than the header, tabs and sidebar hold before the first copy button


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return site_config(REPO_ROOT)


@pytest.fixture(scope="module")
def subscribe(example_site: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(example_site / "subscribe/index.html")).getroot()


def test_every_feed_has_a_labelled_address_and_a_copy_button(
        subscribe: lxml.html.HtmlElement, example_site: Path, config: SiteConfig) -> None:
    inputs = subscribe.xpath("//input[contains(@class, 'cm-feed__url')]")
    values = sorted(i.get("value", "") for i in inputs)
    # Every feed, topics in RSS only (their Atom files stand beside them, not listed).
    listed = [path for path in feed_paths(example_site)
              if not (path.startswith("feeds/tags/") and path.endswith(".atom"))]
    assert any(path.startswith("feeds/tags/") for path in listed)
    assert values == sorted(config.url + path for path in listed)
    for field in inputs:
        field_id = field.get("id")
        assert field.get("readonly") is not None and field.get("type") == "url"
        labels = subscribe.xpath(f"//label[@for='{field_id}']")
        assert len(labels) == 1 and labels[0].text_content().strip() in ("RSS", "Atom")
        named_by = field.get("aria-labelledby", "").split()
        name = " ".join(subscribe.get_element_by_id(ref).text_content() for ref in named_by)
        assert name.endswith(labels[0].text_content()) and len(name) > 5, name
        buttons = subscribe.xpath(f"//button[@data-copy='{field_id}']")
        assert len(buttons) == 1, field_id
        button = buttons[0]
        assert button.get("type") == "button" and button.text_content() == EN["subscribe.copy"]
        assert button.get("hidden") is not None  # shown by copy.js: no dead button without JS
        status = subscribe.get_element_by_id(button.get("data-status"))
        assert status.get("role") == "status"
        for ref in button.get("aria-labelledby", "").split():
            subscribe.get_element_by_id(ref)


def test_feeds_are_grouped_by_type_and_segment_axis(subscribe: lxml.html.HtmlElement) -> None:
    headings = [h.text_content().strip() for h in subscribe.find_class("cm-subscribe")[0]
                .iter("h2")]
    assert headings == [EN["subscribe.reader_title"], EN["subscribe.community"],
                        EN["subscribe.by_type"], "Teams", "Locations",
                        EN["subscribe.by_tag"], EN["subscribe.calendar_title"],
                        EN["subscribe.opml_title"]]
    teams = subscribe.get_element_by_id("feeds-teams").getparent()
    names = [h.text_content() for h in teams.iter("h3")]
    assert names == ["Engineering", "Design", "Data", "Operations"]
    types = subscribe.get_element_by_id("feeds-types").getparent()
    assert [h.text_content() for h in types.iter("h3")] == [
        EN[f"type.{kind}"] for kind in ("news", "spotlights", "stories", "jobs", "events")]


def test_explains_feed_readers_and_offers_the_opml(subscribe: lxml.html.HtmlElement,
                                                   example_site: Path) -> None:
    paragraphs = [p.text_content() for p in subscribe.iter("p")]
    assert EN["subscribe.reader_text"] in paragraphs
    opml = [a for a in subscribe.iter("a") if a.text_content() == EN["subscribe.opml"]]
    assert len(opml) == 1 and opml[0].get("download") is not None
    target = (example_site / "subscribe" / opml[0].get("href", "")).resolve()
    assert target == (example_site / "feeds/community.opml").resolve() and target.is_file()


def test_subscribe_is_in_the_nav_the_sitemap_and_loads_copy_js(
        example_site: Path, subscribe: lxml.html.HtmlElement, config: SiteConfig) -> None:
    home = lxml.html.parse(str(example_site / "index.html")).getroot()
    tabs = [a.get("href") for a in home.xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert "subscribe/" in tabs
    assert f"<loc>{config.url}subscribe/</loc>" in (example_site / "sitemap.xml").read_text()
    scripts = [s.get("src", "") for s in subscribe.iter("script")]
    assert any(src.endswith("assets/javascripts/copy.js") for src in scripts)
    assert (example_site / "assets/javascripts/copy.js").is_file()


# ----------------------------------------------------------------------------- browser

def serve_as_site(page: Page, example_site: Path, serve_dir: ServeDir, site_url: str) -> None:
    """The site answers at its real site_url (so Material's instant navigation, which only
    follows URLs of its sitemap, is active), from a local server; nothing else is reached."""
    local = serve_dir(example_site, "/careers/")

    def forward(route: Route) -> None:
        url = route.request.url
        if not url.startswith(site_url):
            route.abort()
            return
        try:
            route.fulfill(response=route.fetch(url=local + url.removeprefix(site_url)))
        except PlaywrightError as error:
            # A request still in flight when the test closes its page: nobody waits for it.
            if "closed" not in str(error) and "disposed" not in str(error):
                raise

    page.route("**/*", forward)


def _tab_to(page: Page, copy_target: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.copy || ''") == copy_target:
            return
    pytest.fail(f"Tab never reached the copy button of #{copy_target}")


def test_copy_button_works_with_the_keyboard_after_instant_navigation(
        page: Page, context: BrowserContext, example_site: Path, serve_dir: ServeDir,
        config: SiteConfig) -> None:
    origin = config.url.split("/careers/")[0]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    serve_as_site(page, example_site, serve_dir, config.url)
    page.goto(config.url)
    page.evaluate("window.sameDocument = true")
    page.locator(".md-tabs a[href$='subscribe/']").click()
    page.wait_for_url(f"{config.url}subscribe/")
    expect(page.locator("h1")).to_have_text(EN["subscribe.title"])
    assert page.evaluate("window.sameDocument === true"), "no instant navigation happened"

    _tab_to(page, "feed-all-rss")
    page.keyboard.press("Enter")
    expect(page.locator("#feed-all-rss-status")).to_have_text(EN["subscribe.copied"])
    assert page.evaluate("navigator.clipboard.readText()") == config.url + "feeds/all.rss"
    assert page.evaluate("document.activeElement.id") == "feed-all-rss-copy"

    _tab_to(page, "feed-all-atom")
    page.keyboard.press("Space")
    expect(page.locator("#feed-all-atom-status")).to_have_text(EN["subscribe.copied"])
    assert page.evaluate("navigator.clipboard.readText()") == config.url + "feeds/all.atom"


def test_copy_button_works_on_a_direct_load(page: Page, context: BrowserContext,
                                            example_site: Path, serve_dir: ServeDir,
                                            config: SiteConfig) -> None:
    origin = config.url.split("/careers/")[0]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    serve_as_site(page, example_site, serve_dir, config.url)
    page.goto(f"{config.url}subscribe/")
    expect(page.locator("#feed-segment-berlin-atom-copy")).to_be_visible()
    page.locator("#feed-segment-berlin-atom").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#feed-segment-berlin-atom-status")).to_have_text(EN["subscribe.copied"])
    assert page.evaluate("navigator.clipboard.readText()") == (
        config.url + "feeds/segments/berlin.atom")
