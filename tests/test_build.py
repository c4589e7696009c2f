"""Build tests: the example site built by the real ``mkdocs build`` at a fixed build time.

The example content is read here independently of the generator (plain YAML) to know which
entries must have pages; the states the README names (a scheduled and a draft post, a preview,
a closed role, upcoming and past events) are asserted by name. A second, generated project
checks pagination; an in-process build proves that each entry's Markdown is converted once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import lxml.html
import markdown
import pytest
import yaml
from fixtures import EPOCH
from fixtures.project import REPO_ROOT, front, load_site_and_settings, make_project, page_links

from generator import build as build_module
from generator.content import Entry
from generator.entry_types import TYPES
from generator.markup import Renderer
from generator.sourcing import landing_names

if TYPE_CHECKING:
    from conftest import BuildSite

NOW = datetime.fromtimestamp(EPOCH, tz=UTC)  # 2026-11-26T12:00Z
TRANSLATION = re.compile(r"\.[a-z]{2}\.md$")  # 2026-11-10-x.zh.md: the Chinese version of x.md
SECTIONS = {"", *(f"{kind}/" for kind in TYPES)}
DRAFT = "news/remote-work-handbook-update/"
SCHEDULED = "news/winter-hiring-update/"
PREVIEW = "jobs/senior-backend-engineer-route-planning/"
CLOSED = "jobs/site-reliability-engineer/"
PAST_EVENTS = {"events/tech-night-forecasting-and-delays/", "events/shanghai-campus-open-day/",
               "events/remote-first-30-days/"}
UPCOMING_EVENTS = {"events/shanghai-data-open-evening/", "events/ask-our-hiring-managers/",
                   "events/design-critique-night/"}


# ------------------------------------------------------------------------------ helpers


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    assert isinstance(value, date), value
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def example_entries() -> dict[str, dict]:
    """URL -> front matter of every example entry of the default language (English, at the
    site root), read with plain YAML: every file but the translations (``x.zh.md``); the
    entries written in Chinese only are there too, shown as they are (``untranslated: show``).
    """
    entries = {}
    for kind in TYPES:
        for path in sorted((REPO_ROOT / "content" / kind).glob("*.md")):
            if TRANSLATION.search(path.name):
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig").split("---")[1])
            slug = data.get("slug") or re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)
            entries[f"{kind}/{slug}/"] = data
    return entries


def is_built(data: dict) -> bool:
    return not data.get("draft") and _moment(data["date"]) <= NOW


def html(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_bytes())


def resolve(url: str, href: str) -> str:
    """A link on the page at ``url`` as a path from the site root."""
    return page_links_from(url, [href])[0]


def page_links_from(url: str, hrefs: list[str]) -> list[str]:
    """Links (``href`` values) on the page at ``url``, as paths from the site root."""
    return [urlsplit(urljoin("http://site.invalid/" + url, h)).path.lstrip("/") for h in hrefs]


def main(site: Path, url: str) -> lxml.html.HtmlElement:
    """The generator's own part of a page (entry article or listing), not Material's shell."""
    found = html(site, url).xpath('//*[contains(@class, "cm-entry") or '
                                  'contains(@class, "cm-listing") or contains(@class, "cm-home")]')
    assert found, f"{url}: no generated content"
    return found[0]


def card_links(element: lxml.html.HtmlElement, url: str) -> list[str]:
    hrefs = element.xpath('.//*[contains(@class, "cm-card__title")]/a/@href')
    return page_links_from(url, hrefs)


def all_pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("assets/", "search/")))


# ------------------------------------------------------------------------ example site


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="module")
def entries() -> dict[str, dict]:
    return example_entries()


def test_the_example_has_every_state_the_readme_names(entries: dict[str, dict]) -> None:
    assert entries[DRAFT]["draft"] is True
    assert _moment(entries[SCHEDULED]["date"]) > NOW
    assert _moment(entries[PREVIEW]["date"]) <= NOW < _moment(entries[PREVIEW]["public_on"])
    assert _moment(entries[CLOSED]["closes"]) < NOW
    for kind in TYPES:
        assert sum(url.startswith(kind) for url in entries) >= 4, kind


def test_every_built_entry_has_its_page_and_no_other_does(site: Path,
                                                          entries: dict[str, dict]) -> None:
    for url, data in entries.items():
        page = site / url / "index.html"
        assert page.is_file() == is_built(data), url
        if is_built(data):
            title = main(site, url).xpath("string(.//h1)")
            assert title.strip() == str(data["title"]).strip(), url
    generated = {url for url in all_pages(site) if url.split("/")[0] in TYPES
                 and url.count("/") == 2 and url.split("/")[1] != "page"}
    assert generated == {url for url, data in entries.items() if is_built(data)}


def test_draft_and_scheduled_posts_appear_nowhere(site: Path, entries: dict[str, dict]) -> None:
    """Not as pages, not in listings, tags, segments, feeds, sitemap or the search index."""
    hidden = [str(entries[url]["title"]) for url in (DRAFT, SCHEDULED)]
    slugs = [url.split("/")[1] for url in (DRAFT, SCHEDULED)]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".rss", ".atom",
                                              ".ics", ".opml", ".txt"):
            text = path.read_text(encoding="utf-8")
            for needle in (*hidden, *slugs, *(json.dumps(t)[1:-1] for t in hidden)):
                assert needle not in text, f"{needle!r} in {path.relative_to(site)}"
    assert not (site / "tags/hiring-plans").exists()  # its only tag: no page


def test_entry_pages_show_the_facts_of_their_type(site: Path) -> None:
    job = main(site, "jobs/data-engineer-logistics-platform-shanghai/")
    facts = job.xpath("string(.//section[contains(@class,'cm-facts')])")
    for label in ("Team", "Location", "Workplace", "Employment"):
        assert label in facts
    assert job.xpath(".//a[contains(@class,'md-button')][normalize-space()='Apply for this role']")
    event = main(site, "events/shanghai-campus-open-day/")
    when = event.xpath("string(.//section[contains(@class,'cm-facts')]//time)")
    assert "October 17, 2026" in when and "2:00" in when and "5:30" in when
    assert "(Shanghai time)" in when  # shown in the event's own zone, named
    assert "Northwind 上海办公室" in event.text_content()
    spotlight = main(site, "spotlights/lena-hoffmann/")
    card = spotlight.xpath(".//aside[contains(@class,'cm-person')]")[0]
    assert "Lena Hoffmann" in card.text_content() and "PhD researcher" in card.text_content()
    photo = card.xpath(".//img")[0]
    assert photo.get("alt", "").startswith("Illustrated portrait")
    assert (site / resolve("spotlights/lena-hoffmann/", photo.get("src"))).is_file()
    assert card.xpath(".//blockquote")
    story = main(site, "stories/wang-jia-data-engineering-shanghai/")
    person = story.xpath("string(.//aside[contains(@class,'cm-person')])")
    assert "王佳" in person and "高级数据工程师 · 数据团队" in person and "Northwind" in person
    news = main(site, "news/how-we-interview-engineers/")
    assert "Published" in news.xpath("string(.//p[contains(@class,'cm-meta')])")
    assert news.xpath(".//div[contains(@class,'cm-body')]//h2")  # the body itself


def test_type_listings_are_complete_and_ordered(site: Path, entries: dict[str, dict]) -> None:
    for kind in ("news", "spotlights", "stories"):
        url = f"{kind}/"
        listed = card_links(main(site, url), url)
        expected = sorted((u for u, d in entries.items() if u.startswith(url) and is_built(d)),
                          key=lambda u: (-_moment(entries[u]["date"]).timestamp(), u))
        assert listed == expected, kind


def test_jobs_listing_marks_the_preview_and_drops_the_closed_role(site: Path) -> None:
    listing = main(site, "jobs/")
    listed = card_links(listing, "jobs/")
    assert PREVIEW in listed and CLOSED not in listed and len(listed) == 5
    card = listing.xpath(f".//article[.//a[contains(@href, '{PREVIEW.split('/')[1]}')]]")[0]
    badge = card.xpath("string(.//*[contains(@class,'cm-badge--preview')])")
    assert "Community preview — public from December 14, 2026" in badge


def test_closed_role_keeps_a_noindex_page_that_says_so(site: Path) -> None:
    page = html(site, CLOSED)
    assert "This role is closed" in main(site, CLOSED).text_content()
    assert page.xpath("//meta[@name='robots'][@content='noindex']")
    assert not page.xpath("//script[@type='application/ld+json'][contains(., 'JobPosting')]")
    assert not main(site, CLOSED).xpath(".//a[normalize-space()='Apply for this role']")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert CLOSED not in sitemap and PREVIEW not in sitemap
    assert "jobs/data-engineer-logistics-platform-shanghai/" in sitemap
    for url in ("", "jobs/", "segments/engineering/", "segments/remote/"):
        assert CLOSED not in page_links(site, url), url


def test_preview_page_has_its_badge_and_noindex(site: Path) -> None:
    page = html(site, PREVIEW)
    badge = main(site, PREVIEW).xpath("string(.//*[contains(@class,'cm-badge--preview')])")
    assert "Community preview — public from December 14, 2026" in badge
    assert page.xpath("//meta[@name='robots'][@content='noindex']")
    assert not page.xpath("//script[@type='application/ld+json'][contains(., 'JobPosting')]")


def test_events_listing_has_upcoming_then_past(site: Path) -> None:
    listing = main(site, "events/")
    headings = [h.text_content().strip() for h in listing.xpath(".//h2")]
    assert headings[:2] == ["Upcoming events", "Past events"]
    upcoming_cards, past_cards = listing.xpath(".//div[contains(@class,'cm-cards')]")
    upcoming = card_links(upcoming_cards, "events/")
    past = card_links(past_cards, "events/")
    assert set(upcoming) == UPCOMING_EVENTS and set(past) == PAST_EVENTS
    starts = [t.get("datetime") for t in upcoming_cards.xpath(".//time")]
    assert [datetime.fromisoformat(s) for s in starts] == sorted(
        datetime.fromisoformat(s) for s in starts)  # soonest first
    past_page = main(site, "events/tech-night-forecasting-and-delays/")
    assert "This event has ended." in past_page.text_content()
    assert past_page.xpath(".//*[contains(@class,'cm-badge--past')]")


def test_home_page_sections(site: Path) -> None:
    home = main(site, "")
    sections = {s.get("aria-labelledby"): card_links(s, "")
                for s in home.xpath(".//section[contains(@class,'cm-section')]")}
    assert list(sections) == ["cm-home-roles", "cm-home-events", "cm-home-stories",
                              "cm-home-spotlights", "cm-home-news"]
    assert PREVIEW in sections["cm-home-roles"] and CLOSED not in sections["cm-home-roles"]
    roles = home.xpath(".//section[@aria-labelledby='cm-home-roles']")[0]
    assert roles.xpath(".//*[contains(@class,'cm-badge--preview')]")
    assert set(sections["cm-home-events"]) == UPCOMING_EVENTS
    assert sections["cm-home-news"] == card_links(main(site, "news/"), "news/")[:3]
    for kind in ("spotlights", "stories"):
        assert sections[f"cm-home-{kind}"] == card_links(main(site, f"{kind}/"), f"{kind}/")[:3]
    page = html(site, "")
    assert "Northwind builds the software" in page.text_content()  # the editor's own text


def test_segment_pages_list_their_entries(site: Path, entries: dict[str, dict]) -> None:
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                            .replace("!ENV", ""))
    options = next(p["community"] for p in config["plugins"]
                   if isinstance(p, dict) and "community" in p)
    size = options["pagination"]
    for axis in options["segments"].values():
        for segment, label in axis["values"].items():
            url = f"segments/{segment}/"
            first = main(site, url)
            assert label in first.xpath("string(.//h1)"), url
            listed = card_links(first, url)
            number = 2
            while (site / url / f"page/{number}/index.html").is_file():
                listed += card_links(main(site, f"{url}page/{number}/"), f"{url}page/{number}/")
                number += 1
            expected = {u for u, d in entries.items() if is_built(d) and u != CLOSED
                        and segment in (d.get("segments") or [])}
            assert set(listed) == expected and len(listed) == len(expected), url
            assert len(card_links(first, url)) == min(size, len(expected))


def test_tag_pages_exist_for_every_tag_on_the_site(site: Path) -> None:
    tag_links = Counter()
    for url in all_pages(site):
        for target in page_links(site, url):
            if target.startswith("tags/"):
                tag_links[target] += 1
    assert len(tag_links) > 20
    for target in tag_links:
        assert (site / target / "index.html").is_file(), target
    # CJK tags keep their words; the Chinese entries' tags are on the Chinese pages.
    assert (site / "zh/tags/校园招聘/index.html").is_file()
    assert not (site / "tags/校园招聘").exists()
    python = card_links(main(site, "tags/python/"), "tags/python/")
    assert PREVIEW in python


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    for url in all_pages(site):
        for target in page_links(site, url):
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{url} -> {target}")
    assert not broken, "\n".join(broken)


def test_nav_holds_only_sections(site: Path, entries: dict[str, dict]) -> None:
    navs = set()
    for url in ["", "news/", CLOSED, "events/shanghai-campus-open-day/", "tags/python/",
                "segments/berlin/", "privacy/"]:
        page = html(site, url)
        hrefs = page.xpath("//nav[contains(@class,'md-tabs')]//a/@href"
                           " | //nav[contains(@class,'md-nav--primary')]//a/@href")
        targets = frozenset(page_links_from(url, hrefs))
        assert targets >= SECTIONS, url
        assert not targets & set(entries), url  # no entry in the nav
        assert len(targets) <= len(SECTIONS) + 4, targets  # sections, not pages
        navs.add(targets)
    assert len(navs) == 1  # the same sections everywhere


def test_body_html_appears_once_per_page(site: Path) -> None:
    page = html(site, "news/how-we-interview-engineers/")
    bodies = page.xpath("//div[contains(@class,'cm-body')]")
    assert len(bodies) == 1


# ---------------------------------------------------------------------------- pagination

NEWS_COUNT = 5


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    root = tmp_path_factory.mktemp("paged")
    files = {f"news/2026-0{n}-01-post-{n}.md": front(
        f"title: Post {n}\ndate: 2026-0{n}-01\ntags: [common]\nsegments: [berlin]",
        f"Body of post {n}.\n") for n in range(1, NEWS_COUNT + 1)}
    project = make_project(root / "project", files, config_edit={"pagination": 2})
    out = root / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("first", ["news/", "tags/common/", "segments/berlin/"])
def test_pagination_pages_and_links(paged_site: Path, first: str) -> None:
    urls = [first, f"{first}page/2/", f"{first}page/3/"]
    assert not (paged_site / first / "page/4").exists()
    assert not (paged_site / first / "page/1").exists()
    listed = []
    for number, url in enumerate(urls, start=1):
        listing = main(paged_site, url)
        listed += card_links(listing, url)
        nav = listing.xpath(".//nav[contains(@class,'cm-pagination')]")[0]
        assert f"Page {number} of 3" in nav.text_content()
        prev = page_links_from(url, nav.xpath(".//a[@rel='prev']/@href"))
        following = page_links_from(url, nav.xpath(".//a[@rel='next']/@href"))
        assert prev == ([urls[number - 2]] if number > 1 else [])
        assert following == ([urls[number]] if number < 3 else [])
        title = html(paged_site, url).xpath("string(//title)")
        assert (f"Page {number} of 3" in title) == (number > 1)
    assert listed == [f"news/post-{n}/" for n in range(NEWS_COUNT, 0, -1)]


def test_a_single_page_listing_has_no_pagination(paged_site: Path) -> None:
    assert not main(paged_site, "spotlights/").xpath(".//nav[contains(@class,'cm-pagination')]")
    assert "Nothing here yet" in main(paged_site, "spotlights/").text_content()


# --------------------------------------------------------------------------- render once


def test_each_entry_markdown_is_converted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An in-process build of the example: Markdown.convert runs once per built entry."""
    converted: list[str] = []
    rendered: Counter[str] = Counter()
    convert = markdown.Markdown.convert
    render = Renderer.render

    def counting_convert(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    def counting_render(self: Renderer, entry: Entry) -> None:
        rendered[entry.path] += 1  # zh/news/x/ for the Chinese version of news/x/
        render(self, entry)

    monkeypatch.setattr(markdown.Markdown, "convert", counting_convert)
    monkeypatch.setattr(Renderer, "render", counting_render)
    site, settings = load_site_and_settings(REPO_ROOT)
    output = build_module.build(site, settings, NOW)
    built = {entry.path for entry in output.entries}
    # Each version once: the English entries, the Chinese translations and the entries
    # written in Chinese only (at zh/; the English site shows the same rendering as it is).
    english = {url for url, data in example_entries().items() if is_built(data)
               and data.get("lang") != "zh"}
    chinese = {f"zh/{url}" for url, data in example_entries().items() if is_built(data)
               and data.get("lang") == "zh"}
    translated = set()
    for path in (REPO_ROOT / "content").glob("*/*.zh.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if is_built(data):
            slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.name.removesuffix(".zh.md"))
            translated.add(f"zh/{path.parent.name}/{slug}/")
    assert len(translated) == 6 and built == english | chinese | translated  # 1 scheduled
    # ... and once per landing page (content/join/<name>.md), whose text is no entry's
    assert len(converted) == len(output.entries) + len(landing_names(site.docs_dir))
    assert set(rendered) == built and set(rendered.values()) == {1}
    # The one rendering is what every page shows: the entry page holds it verbatim, in each
    # language that shows the entry (its own, and the other one where it is untranslated).
    pages = {page.url: page for page in output.pages}
    assert {page.language for page in output.pages} == {"en", "zh"}
    for entry in output.entries:
        assert entry.html.strip()
        first_paragraph = re.search(r"<p>.*?</p>", entry.html, re.S)
        if first_paragraph and "\ue000" not in first_paragraph.group(0):
            assert first_paragraph.group(0) in pages[entry.path].html, entry.path
