"""What a candidate sees in Chromium: the home hero, cards, tabs, filters, empty states.

The example site is built and served under ``/careers/`` like GitHub Pages serves it. Every
page kind is photographed at 1280 and 375 px in the light and the dark palette into
``artifacts/screenshots/`` (gitignored, or ``$COMMUNITY_SCREENSHOTS``: an artifact of the run
for a reviewer to look at), and must not scroll sideways at 375 px. Filters are used with
the keyboard alone; what they show is checked against the built pages' own facts, not
against the script's idea of them.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import lxml.etree
import lxml.html
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO_ROOT
from fixtures import EPOCH

from generator.build import build
from generator.cli import load_site
from generator.schedule import build_time
from tests.fixtures.crawler import ServedSite, serve_and_build
from tests.fixtures.project import front, make_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

PREFIX = "/careers/"
# Not test-results/: pytest-playwright empties that folder at the start of every run.
SCREENSHOTS = Path(os.environ.get("COMMUNITY_SCREENSHOTS")
                   or REPO_ROOT / "artifacts" / "screenshots")
WIDTHS = (1280, 375)
PAGE_KINDS = {
    "home": "",
    "listing-jobs": "jobs/",
    "listing-events": "events/",
    "listing-news": "news/",
    "entry-news": "news/graduate-programme-2027/",
    "entry-spotlight": "spotlights/jonas-berg-speaker/",
    "entry-story": "stories/first-year-as-a-graduate/",
    "entry-job": "jobs/product-designer-warehouse-apps/",
    "entry-event": "events/design-critique-night/",
    "segment": "segments/berlin/",
    "tag": "tags/mobile/",
    "explore": "explore/",
    "join": "join/",
    "subscribe": "subscribe/",
    "not-found": "no-such-page/",
}


class Served(ServedSite):
    def tree(self, path: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.root / path / "index.html").read_bytes())


def _serve_and_build(project: Path, out: Path) -> Served:
    served = serve_and_build(project, out, PREFIX)
    return Served(served.root, served.base, served.server)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = _serve_and_build(REPO_ROOT, tmp_path_factory.mktemp("design") / "site")
    yield served
    served.server.stop()


def _plugin_options() -> dict:
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                            .replace("!ENV", ""))
    return next(p["community"] for p in config["plugins"]
                if isinstance(p, dict) and "community" in p)


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")


def _href(link: Locator) -> str:
    """Where a link leads, resolved (Material's instant navigation rewrites hrefs)."""
    return str(link.evaluate("a => a.href"))


# ------------------------------------------------------------------------ screenshots


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_kind_photographed_without_sideways_scroll_or_axe_finding(
    browser: Browser, site: Served, scheme: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    wide = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=scheme)
        page = context.new_page()
        for kind, path in PAGE_KINDS.items():
            if kind != "not-found":
                assert (site.root / path / "index.html").is_file(), f"no page {path}"
            _open(page, site.url(path))
            page.wait_for_function(
                "s => document.body.getAttribute('data-md-color-scheme') === s",
                arg="slate" if scheme == "dark" else "default")
            shot = SCREENSHOTS / f"{kind}-{width}-{scheme}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000, shot
            scroll = page.evaluate("document.scrollingElement.scrollWidth")
            if scroll > width:
                wide.append(f"{kind} at {width} px scrolls to {scroll} px ({shot})")
            if width < 1280:  # axe at 1280 px: test_quality_site.py, every kind and palette
                wide += [f"{kind} at {width} px: [{v['impact']}] {v['id']}: "
                         f"{[n['target'] for n in v['nodes']][:5]}"
                         for v in Axe().run(page).response["violations"]
                         if v.get("impact") in SERIOUS]
        context.close()
    assert not wide, "\n".join(wide)


# ------------------------------------------------------------------------------ home


def _job_facts(site: Served, href: str) -> dict[str, str]:
    """The facts box of the job page a card on jobs/ links to: label -> value."""
    job = site.tree(urllib.parse.urljoin(site.url("jobs/"), href).removeprefix(site.base))
    box = job.xpath("//section[contains(@class,'cm-facts')]//dl")[0]
    return {row.xpath("string(dt)").strip(): row.xpath("string(dd)").strip()
            for row in box.xpath("div")}


def test_home_opens_with_the_hero_and_no_sidebar(page: Page, site: Served) -> None:
    _open(page, site.url(""))
    headings = page.locator("article h1")
    assert headings.count() == 1
    hero = _plugin_options()["hero"]
    assert headings.inner_text() == hero["headline"]  # the promise, not the nav's "Home"
    assert page.locator(".cm-hero__lead").inner_text() == hero["text"]
    primary = page.locator(".cm-hero a.md-button--primary")
    secondary = page.locator(".cm-hero a.cm-hero__secondary")
    assert _href(primary) == site.url("join/") and _href(secondary) == site.url("jobs/")
    assert primary.is_visible() and secondary.is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    # The sections use the grid's width, not a column between two empty sidebars.
    content = page.locator(".md-content").bounding_box()
    grid = page.locator(".md-main__inner").bounding_box()
    assert content and grid and content["width"] >= grid["width"] - 2
    for key, url in (("roles", "jobs/"), ("events", "events/"), ("stories", "stories/"),
                     ("spotlights", "spotlights/"), ("news", "news/")):
        section = page.locator(f"section[aria-labelledby='cm-home-{key}']")
        assert _href(section.locator("a.cm-section__all")) == site.url(url)
        assert section.locator("article.cm-card").count() >= 1, key


def test_cards_show_pictures_badges_and_facts(page: Page, site: Served) -> None:
    _open(page, site.url("jobs/"))
    tree = site.tree("jobs/")
    cards = page.locator("article.cm-card")
    assert cards.count() == len(tree.xpath("//article[contains(@class,'cm-card')]")) >= 4
    for index in range(cards.count()):
        card = cards.nth(index)
        state = card.get_attribute("data-state")
        badge = card.locator(f".cm-badge--{state}")
        assert badge.count() == 1 and badge.inner_text().strip(), state
        facts = _job_facts(site, _href(card.locator(".cm-card__title a")))
        shown = card.locator(".cm-card__facts").inner_text()
        assert facts["Team"] in shown and facts["Workplace"] in shown, shown
        city = re.split("[,，]", facts["Location"])[0]  # "Shanghai, China", "上海，中国"
        assert city in shown, (city, shown)
        if "Salary" in facts:
            assert facts["Salary"].split(" ")[0] in shown
    pictures = page.locator("article.cm-card img")
    assert pictures.count() >= 3
    for index in range(pictures.count()):
        image = pictures.nth(index)
        assert image.get_attribute("alt"), "a card picture without alt text"
        assert image.get_attribute("loading") == "lazy"
        box = image.locator("xpath=..").bounding_box()
        assert box and abs(box["height"] / box["width"] - 9 / 16) < 0.02  # fixed ratio
    _open(page, site.url("stories/"))
    portrait = page.locator("article.cm-card .cm-card__media--portrait img").first
    assert portrait.get_attribute("alt")


def test_event_cards_show_the_date_badge_time_and_place(page: Page, site: Served) -> None:
    _open(page, site.url("events/"))
    card = page.locator("article.cm-card", has=page.locator(
        "a[href$='events/design-critique-night/']"))
    assert card.locator(".cm-date__day").inner_text() == "21"
    assert card.locator(".cm-date__month").inner_text().upper() == "JAN"
    facts = card.locator(".cm-card__facts").inner_text()
    assert "6:30" in facts and "Berlin" in facts  # local start time (Europe/Berlin), city
    online = page.locator("article.cm-card[data-format='online']").first
    assert "Online" in online.locator(".cm-card__facts").inner_text()


# ------------------------------------------------------------------------ navigation


@pytest.mark.parametrize(("path", "tab"), [
    ("jobs/product-designer-warehouse-apps/", "Jobs"),
    ("events/design-critique-night/", "Events"),
    ("news/graduate-programme-2027/", "News"),
    ("segments/berlin/", "Explore"),
    ("segments/engineering/page/2/", "Explore"),
    ("tags/mobile/", "Explore"),
])
@pytest.mark.parametrize("width", WIDTHS)
def test_entry_segment_and_tag_pages_mark_their_section_and_lead_back(
    page: Page, site: Served, path: str, tab: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, site.url(path))
    active = page.locator(".md-tabs__item--active")
    assert active.count() == 1 and active.inner_text().strip() == tab
    # Screen readers hear it too: the current section, not the current page.
    assert active.locator("a").get_attribute("aria-current") == "true"
    assert page.locator(".md-tabs [aria-current]").count() == 1
    crumbs = page.locator("nav.cm-breadcrumb a")
    assert [crumbs.nth(i).inner_text() for i in range(crumbs.count())] == ["Home", tab]
    section = _href(crumbs.nth(1))
    assert section == _href(active.locator("a"))  # the crumb leads where the tab does
    assert section == site.url(f"{path.split('/')[0]}/" if tab != "Explore" else "explore/")
    if width >= 1220:
        assert not page.locator(".md-sidebar--primary").is_visible()
    else:  # Material hides the tabs below 76.25em (the nav is a drawer): the crumb leads back
        assert not page.locator(".md-tabs").is_visible()
        assert crumbs.nth(1).is_visible()


@pytest.mark.parametrize(("path", "tab"), [("jobs/", "Jobs"), ("explore/", "Explore")])
def test_a_section_page_is_the_current_page_of_its_tab(
    page: Page, site: Served, path: str, tab: str
) -> None:
    _open(page, site.url(path))
    active = page.locator(".md-tabs__item--active")
    assert active.count() == 1 and active.inner_text().strip() == tab
    assert active.locator("a").get_attribute("aria-current") == "page"


@pytest.mark.parametrize("path", ["jobs/", "events/", "news/", "segments/berlin/",
                                  "tags/mobile/", "explore/"])
def test_listing_pages_use_the_full_width(page: Page, site: Served, path: str) -> None:
    """No empty sidebar beside a listing: its cards take the grid's width at 1280 px."""
    page.set_viewport_size({"width": 1280, "height": 900})
    _open(page, site.url(path))
    for sidebar in (".md-sidebar--primary", ".md-sidebar--secondary"):
        assert not page.locator(sidebar).is_visible(), (path, sidebar)
    content = page.locator(".md-content").bounding_box()
    grid = page.locator(".md-main__inner").bounding_box()
    assert content and grid and content["width"] >= grid["width"] - 2, (path, content, grid)


def test_explore_lists_every_segment_and_listed_tag_with_its_count(
    page: Page, site: Served
) -> None:
    """Every declared segment (by axis) and every tag that lists something, each linking its
    page with the number of cards that page shows; the address of each one is reachable."""
    options = _plugin_options()
    tree = site.tree("explore/")
    sections = tree.xpath("//div[@class='cm-explore']/section")
    titles = [section.xpath("string(h2)") for section in sections]
    assert titles == [axis["title"] for axis in options["segments"].values()] + ["Topics"]
    for section, axis in zip(sections, options["segments"].values(), strict=False):
        chips = section.xpath(".//a[@class='cm-chip']")
        assert [chip.text.strip() for chip in chips] == list(axis["values"].values())
    tags_on_disk = {path.parent.name for path in (site.root / "tags").glob("*/index.html")}
    shown_tags = set()
    for chip in tree.xpath("//a[@class='cm-chip']"):
        href = chip.get("href")
        target = (site.root / "explore" / href).resolve()
        listing = lxml.html.fromstring((target / "index.html").read_bytes())
        cards = len(listing.xpath("//article[contains(@class,'cm-card')]"))
        pages = listing.xpath("string(//nav[@class='cm-pagination']/span)")
        count = int(chip.xpath("string(span[@class='cm-chip__count'])"))
        if pages:  # paginated: the first page shows a full page, the count is larger
            assert count > cards
        else:
            assert count == cards, href
        if href.startswith("../tags/"):
            shown_tags.add(target.name)
            assert count > 0
    # Tags left out are exactly those whose page lists nothing (only a closed role has them).
    for slug in tags_on_disk - shown_tags:
        listing = site.tree(f"tags/{slug}/")
        assert not listing.xpath("//article[contains(@class,'cm-card')]"), slug
    _open(page, site.url("explore/"))
    page.get_by_role("link", name=re.compile(r"^Berlin \d+$")).click()
    page.wait_for_url(site.url("segments/berlin/"))


# ---------------------------------------------------------------------------- filters


def _expected_cards(site: Served, **wanted: str) -> set[str]:
    """Job cards whose pages' facts match: location by city, workplace by its label."""
    tree = site.tree("jobs/")
    found = set()
    for href in tree.xpath("//article[contains(@class,'cm-card')]//h3/a/@href"):
        facts = _job_facts(site, href)
        cities = {part.split(",")[0].strip().casefold() for part in facts["Location"].split("·")}
        if ("location" in wanted and wanted["location"] not in cities) or (
                "workplace" in wanted and facts["Workplace"] != wanted["workplace"]):
            continue
        found.add(href.rstrip("/").rsplit("/", 1)[-1])
    return found


def _visible_cards(page: Page) -> set[str]:
    """The slugs of the cards on show."""
    hrefs = page.eval_on_selector_all("article.cm-card:not([hidden]) .cm-card__title a",
                                      "links => links.map(a => a.href)")
    return {urllib.parse.urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}


def _choose_by_keyboard(page: Page, name: str, label: str) -> None:
    """Tab to the select, then arrow down until it shows ``label`` (no mouse, no fill)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            break
    else:
        pytest.fail(f"Tab never reached the {name} filter")
    for _ in range(20):
        if page.evaluate("s => s.options[s.selectedIndex].text",
                         page.locator(f"select[name={name}]").element_handle()) == label:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"no option {label!r} in the {name} filter")


def test_jobs_filters_by_keyboard_alone_with_count_and_url(page: Page, site: Served) -> None:
    _open(page, site.url("jobs/"))
    everything = _visible_cards(page)
    status = page.locator(".cm-filters [role=status]")
    assert status.inner_text() == f"{len(everything)} roles"
    page.locator("body").focus()
    _choose_by_keyboard(page, "location", "Berlin")
    berlin = _expected_cards(site, location="berlin")
    assert _visible_cards(page) == berlin and len(berlin) < len(everything)
    _choose_by_keyboard(page, "workplace", "Hybrid")
    expected = _expected_cards(site, location="berlin", workplace="Hybrid")
    assert expected and expected < berlin
    assert _visible_cards(page) == expected
    count = len(expected)
    assert status.inner_text() == ("1 role" if count == 1 else f"{count} roles")
    assert status.get_attribute("aria-live") == "polite"
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert query == {"location": ["berlin"], "workplace": ["hybrid"]}
    page.reload(wait_until="load")  # the address alone reproduces the list
    assert _visible_cards(page) == expected
    assert page.locator("select[name=location]").input_value() == "berlin"
    page.locator(".cm-filters button[type=reset]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search")
    assert _visible_cards(page) == everything


def test_filters_hide_an_emptied_group(page: Page, site: Served) -> None:
    _open(page, site.url("jobs/?state=preview"))
    groups = page.locator("section.cm-group")
    visible = [groups.nth(i).get_attribute("aria-labelledby") for i in range(groups.count())
               if groups.nth(i).is_visible()]
    assert visible == ["cm-group-preview"]
    assert all(page.locator("article.cm-card:not([hidden])").evaluate_all(
        "cards => cards.map(c => c.dataset.state === 'preview')"))


def test_without_javascript_every_card_shows(browser: Browser, site: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("jobs/?location=berlin", "events/?state=past"):
        _open(page, site.url(path))
        listing = path.split("?")[0]
        in_html = len(site.tree(listing).xpath("//article[contains(@class,'cm-card')]"))
        assert page.locator("article.cm-card:visible").count() == in_html > 1
        assert not page.locator("form.cm-filters").is_visible()
    context.close()


@pytest.mark.parametrize("query", [{"state": "upcoming", "format": "online"},
                                   {"state": "past"}, {"city": "berlin"}])
def test_events_filters_by_state_format_and_city(
    page: Page, site: Served, query: dict[str, str]
) -> None:
    """Exactly the cards whose built facts match every chosen value are shown, and counted."""
    expected = {
        href.rstrip("/").rsplit("/", 1)[-1]
        for card in site.tree("events/").xpath("//article[contains(@class,'cm-card')]")
        if all(value in (card.get(f"data-{key}") or "").split() for key, value in query.items())
        for href in card.xpath(".//h3/a/@href")}
    everything = len(site.tree("events/").xpath("//article[contains(@class,'cm-card')]"))
    assert 0 < len(expected) < everything
    _open(page, site.url("events/?" + urllib.parse.urlencode(query)))
    assert _visible_cards(page) == expected
    count = len(expected)
    assert page.locator(".cm-filters [role=status]").inner_text() == (
        "1 event" if count == 1 else f"{count} events")
    for key, value in query.items():
        assert page.locator(f"select[name={key}]").input_value() == value


# ---------------------------------------------------------------------- empty states


EMPTY_SITE = {
    "news/2026-10-01-hello.md": front("title: Hello\ndate: 2026-10-01"),
    "jobs/2026-01-01-old.md": front(
        "title: Old role\ndate: 2026-01-01\nteam: Design\nlocations: [\"Berlin, Germany\"]"
        "\ncloses: 2026-02-01"),
    "events/2026-01-01-old.md": front(
        "title: Old event\ndate: 2026-01-01\nstart: 2026-02-01T18:00:00+01:00\n"
        "format: online"),
}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Built at a date with no open role (the only one closed) and no upcoming event (the
    only one past)."""
    root = tmp_path_factory.mktemp("empty")
    served = _serve_and_build(make_project(root / "project", EMPTY_SITE), root / "site")
    yield served
    served.server.stop()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_empty_states_when_nothing_is_open_or_upcoming(
    browser: Browser, empty_site: Served, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    problems = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind, path in (("home", ""), ("jobs", "jobs/"), ("events", "events/")):
        _open(page, empty_site.url(path))
        page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                               arg="slate" if scheme == "dark" else "default")
        if kind == "home":
            for key, message in (("roles", "No open roles right now"),
                                 ("events", "No upcoming events right now")):
                section = page.locator(f"section[aria-labelledby='cm-home-{key}']")
                assert message in section.locator(".cm-empty").inner_text()
                assert section.locator(".cm-empty a[href$='join/']").is_visible()
        elif kind == "jobs":
            assert "No open roles right now" in page.locator(".cm-empty").inner_text()
            assert page.locator("article.cm-card").count() == 0  # the closed role is not listed
        else:  # the past event stays listed, under its heading, after the empty state
            assert "No upcoming events right now" in page.locator(".cm-empty").inner_text()
            assert page.locator("#cm-group-past").inner_text() == "Past events"
            assert [card.get_attribute("data-state")
                    for card in page.locator("article.cm-card").all()] == ["past"]
            assert page.locator(".cm-empty a[href$='join/']").is_visible()
        page.screenshot(path=str(SCREENSHOTS / f"empty-{kind}-{width}-{scheme}.png"),
                        full_page=True)
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        if scroll > width:
            problems.append(f"{kind} scrolls sideways to {scroll} px")
        violations = Axe().run(page).response["violations"]
        problems += [f"{kind}: [{v['impact']}] {v['id']}: {[n['target'] for n in v['nodes']]}"
                     for v in violations if v.get("impact") in SERIOUS]
    context.close()
    assert not problems, "\n".join(problems)


def test_a_listing_says_its_first_group_is_empty_when_only_later_ones_have_cards(
    tmp_path: Path,
) -> None:
    """Jobs with a preview only: 'No open roles right now' above the previews (not a page
    of previews that leaves the reader to notice no role is open)."""
    project = make_project(tmp_path, {"jobs/2026-11-01-soon.md": front(
        "title: Soon\ndate: 2026-11-01\npublic_on: 2026-12-15\nteam: Design\n"
        "locations: [\"Berlin, Germany\"]\napply_url: https://example.org/apply")},
        config_edit={"social_cards": False})
    site, settings = load_site(str(project / "mkdocs.yml"))
    output = build(site, settings, build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}))
    [jobs] = [page for page in output.pages if page.url == "jobs/"]
    listing = lxml.html.fragment_fromstring(jobs.html, create_parent=True)
    assert "No open roles right now" in listing.xpath("string(//div[@class='cm-empty'])")
    assert [h.text_content() for h in listing.xpath("//h2[starts-with(@id,'cm-group-')]")] \
        == ["Community previews"]


# ------------------------------------------------------------------- footer, 404, brand


def test_footer_links_on_every_page_kind(page: Page, site: Served) -> None:
    options = _plugin_options()
    for path in ("", "jobs/product-designer-warehouse-apps/", "privacy/", "no-such-page/"):
        _open(page, site.url(path))
        links = {
            link.inner_text().strip(): _href(link)
            for link in page.locator("footer .cm-footer__columns a").all()}
        assert links["Privacy notice"] == site.url("privacy/"), path
        assert links["All feeds"] == site.url("subscribe/")
        assert links["RSS feed"] == site.url("feeds/all.rss")
        assert links["Open roles"] == site.url("jobs/")
        assert links["Join the community"] == site.url("join/")
        for profile in options["organization"]["profiles"]:
            assert links[profile["name"]] == profile["url"]
        copyright_line = page.locator("footer .md-copyright").inner_text()
        assert "© 2026 Northwind GmbH" in copyright_line
        assert "Material for MkDocs" not in copyright_line


def test_404_page_offers_search_and_the_ways_in(page: Page, site: Served) -> None:
    response = page.goto(site.url("jobs/a-role-that-left/"), wait_until="load")
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text() == "We could not find that page"
    links = {link.inner_text().strip(): _href(link)
             for link in page.locator(".cm-not-found__links a").all()}
    assert links == {"Open roles": site.url("jobs/"), "Events": site.url("events/"),
                     "Join the community": site.url("join/"), "Home page": site.base}
    page.locator("#cm-not-found-q").fill("designer")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?q=designer$|.*/careers/$"))
    # Material's search opens with the query the 404 page sent.
    page.wait_for_function("() => document.querySelector('.md-search__input').value"
                           " === 'designer'")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 1


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _pixels(image: Any) -> list[tuple[int, ...]]:
    width, height = image.size
    return [image.getpixel((x, y)) for y in range(height) for x in range(width)]


def _logo_colour(svg: Path) -> tuple[float, float, float]:
    """The logo's average colour over the pixels it covers (drawn by resvg, no fonts)."""
    import io

    import resvg_py
    from PIL import Image

    png = bytes(resvg_py.svg_to_bytes(svg_path=str(svg), width=96, skip_system_fonts=True))
    pixels = [p for p in _pixels(Image.open(io.BytesIO(png)).convert("RGBA")) if p[3] > 128]
    return tuple(sum(p[i] for p in pixels) / len(pixels) for i in range(3))  # type: ignore


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_logo_reads_on_the_header_in_both_palettes(
    browser: Browser, site: Served, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    _open(page, site.url(""))
    logo = page.locator(".md-header__button.md-logo img")
    source = urllib.parse.urlsplit(_href_of(logo, "src")).path.removeprefix(PREFIX)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                           ".backgroundColor")
    context.close()
    background = tuple(float(x) for x in re.findall(r"[\d.]+", header)[:3])
    ratio = _contrast(_logo_colour(site.root / source), background)  # type: ignore[arg-type]
    assert ratio >= 4.5, f"{source} on {header}: {ratio:.2f}:1"
    # The old wordmark (navy on the header) is what this catches: it fails the same check.
    old = _contrast(_logo_colour(site.root / "assets/logo.svg"), background)  # type: ignore
    assert old < 4.5


# Every text of the hero, measured against both ends of its gradient.
HERO_TEXTS = (".cm-hero__kicker", ".cm-hero__title", ".cm-hero__lead", ".cm-hero__secondary",
              ".cm-hero__counts a")
RGB_OF = """c => { const g = document.createElement('canvas').getContext('2d');
  g.fillStyle = c; g.fillRect(0, 0, 1, 1); return Array.from(g.getImageData(0, 0, 1, 1).data)
  .slice(0, 3); }"""  # Chromium's computed colours may be color(srgb ...) or color-mix


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_hero_texts_read_at_7_to_1_on_its_gradient_at_375_px(
    browser: Browser, site: Served, scheme: str
) -> None:
    """WCAG's enhanced level (7:1) for the hero, measured from Chromium's computed colours
    (axe cannot judge text on a gradient: it files the hero's texts as incomplete, not as
    passes, so no axe run in the suite covers them):
    the dark palette once gave 'See open roles' the slate buttons' light blue (4.6:1 on the
    hero's lighter end, passing axe's 4.5 but visibly fainter than the white beside it)."""
    context = browser.new_context(viewport={"width": 375, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    _open(page, site.url(""))
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                           arg="slate" if scheme == "dark" else "default")
    hero = page.locator(".cm-hero")
    ends = [page.evaluate(RGB_OF, hero.evaluate("(h, n) => getComputedStyle(h)"
                                                ".getPropertyValue(n)", name))
            for name in ("--md-primary-fg-color--dark", "--md-primary-fg-color")]
    assert "linear-gradient" in hero.evaluate("h => getComputedStyle(h).backgroundImage")
    low = []
    for selector in HERO_TEXTS:
        for element in hero.locator(selector).all():
            colour = page.evaluate(RGB_OF, element.evaluate("e => getComputedStyle(e).color"))
            ratio = min(_contrast(tuple(colour), tuple(end)) for end in ends)  # type: ignore
            if ratio < 7:
                low.append(f"{selector} {colour} on {ends}: {ratio:.2f}:1")
    context.close()
    assert not low, "\n".join(low)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_colours_come_from_the_brand_setting(
    browser: Browser, site: Served, scheme: str
) -> None:
    """The header, the hero and the light palette's links take mkdocs.yml's brand colours,
    set there only: no package stylesheet names the example's colours itself."""
    brand = _plugin_options()["brand"]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    _open(page, site.url(""))
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                           arg="slate" if scheme == "dark" else "default")

    def colour(script: str) -> list[int]:
        return list(page.evaluate(RGB_OF, page.evaluate(script)))

    primary, accent = (_rgb_of(brand[key]) for key in ("primary", "accent"))
    assert colour("getComputedStyle(document.querySelector('.md-header'))"
                  ".backgroundColor") == primary
    hero = "getComputedStyle(document.querySelector('.cm-hero'))"
    assert colour(f"{hero}.getPropertyValue('--md-primary-fg-color')") == primary
    assert colour(f"{hero}.getPropertyValue('--md-accent-fg-color')") == accent
    if scheme == "light":
        link = "getComputedStyle(document.querySelector('.md-typeset .cm-section__all')).color"
        assert colour(link) == primary
    context.close()
    for sheet in (REPO_ROOT / "generator" / "theme").rglob("*.css"):
        text = sheet.read_text(encoding="utf-8").casefold()
        assert brand["primary"].casefold() not in text, sheet
        assert brand["accent"].casefold() not in text, sheet


def _rgb_of(hex_colour: str) -> list[int]:
    value = hex_colour.lstrip("#")
    return [int(value[i:i + 2], 16) for i in (0, 2, 4)]


def _href_of(element: Locator, attribute: str) -> str:
    return str(element.evaluate(f"e => e.{attribute}"))


def test_favicon_is_square_svg_with_png_copies(page: Page, site: Served) -> None:
    import io

    from PIL import Image

    _open(page, site.url("news/"))
    icons = {(link.get_attribute("rel"), link.get_attribute("sizes") or ""): _href_of(link, "href")
             for link in page.locator("link[rel~=icon], link[rel=apple-touch-icon]").all()}
    svg = next(url for (rel, _), url in icons.items() if rel == "icon" and url.endswith(".svg"))
    tree = lxml.etree.fromstring((site.root / urllib.parse.urlsplit(svg).path
                                  .removeprefix(PREFIX)).read_bytes())
    assert tree.get("width") == tree.get("height")  # square
    for (rel, sizes), url in icons.items():
        if url.endswith(".png"):
            answer = page.request.get(url)
            assert answer.status == 200
            image = Image.open(io.BytesIO(answer.body()))
            side = int(sizes.split("x")[0])
            assert image.size == (side, side), (rel, url)
    assert ("icon", "32x32") in icons and ("apple-touch-icon", "180x180") in icons
    # At 16 px the mark is still a mark: the 32 px PNG scaled down keeps strong contrast.
    small = Image.open(io.BytesIO(page.request.get(icons["icon", "32x32"]).body()))
    small = small.convert("RGB").resize((16, 16))
    colours = sorted(_pixels(small), key=_luminance)
    assert _contrast(colours[0], colours[-1]) >= 4.5


# ----------------------------------------------------------------------------- print


@pytest.mark.parametrize("path", ["jobs/product-designer-warehouse-apps/",
                                  "events/design-critique-night/"])
def test_a_role_or_event_prints_title_facts_and_text_only(
    page: Page, site: Served, path: str
) -> None:
    _open(page, site.url(path))
    page.emulate_media(media="print")
    for shown in ("article h1", ".cm-facts dl", ".cm-body"):
        assert page.locator(shown).first.is_visible(), shown
    for hidden in (".md-header", ".md-tabs", ".md-footer", ".cm-breadcrumb", ".cm-share",
                   "form", ".md-sidebar--secondary"):
        locator = page.locator(hidden)
        assert all(not locator.nth(i).is_visible() for i in range(locator.count())), hidden
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = "print-" + path.split("/")[0]
    page.pdf(path=str(SCREENSHOTS / f"{name}.pdf"))
    assert (SCREENSHOTS / f"{name}.pdf").stat().st_size > 5_000
