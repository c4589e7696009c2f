"""Feeds of the example site: every file parses, holds the right items and follows the rules.

The expected items come from an oracle written here from the publication rules of ARCHITECTURE.md
(drafts, scheduled entries, closed roles and past events stay out; newest first; capped at
``feeds.length``), reading the front matter with python-frontmatter, not with the generator.
The rule checks (``check_rss``, ``check_atom``) are reused by test_feeds_sites.py.
"""

from __future__ import annotations

import email.utils
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import feedparser
import frontmatter
import lxml.html
import pytest
from fixtures import EPOCH, REPO_ROOT
from fixtures.project import TRANSLATION
from lxml import etree
from mkdocs.config import load_config

from generator.community import tag_slug  # the tag pages' addresses, which feeds follow

if TYPE_CHECKING:
    from conftest import BuildSite

NOW = datetime.fromtimestamp(EPOCH, tz=UTC)
TYPES = ("news", "spotlights", "stories", "jobs", "events")
ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM, "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/"}
A = f"{{{ATOM}}}"
RFC822 = re.compile(r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


# ----------------------------------------------------------------------------- helpers

@dataclass(frozen=True)
class SiteConfig:
    url: str
    language: str
    length: int
    utm: bool
    segments: dict[str, list[str]]  # axis id -> segment ids
    logo: str
    several_languages: bool = False  # `languages` declared: feeds hold their own language's


def site_config(project: Path, env: dict[str, str] | None = None) -> SiteConfig:
    """What mkdocs.yml says (read by MkDocs' own loader, so !ENV works as in the build)."""
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        config = load_config(str(project / "mkdocs.yml"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    options = config.plugins["community"].config
    feeds = options.get("feeds") or {}
    return SiteConfig(
        url=config.site_url, language=config.theme["language"],
        length=feeds.get("length", 20), utm=feeds.get("utm", False),
        segments={axis: list(spec["values"]) for axis, spec in options["segments"].items()},
        logo=options["organization"].get("logo", ""),
        several_languages=len(options.get("languages") or {}) > 1,
    )


def feed_paths(site: Path) -> list[str]:
    """Every feed file of a built site, from the site root: ``feeds/all.rss`` ..."""
    return sorted(p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*")
                  if p.suffix in (".rss", ".atom"))


def moment(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Expected:
    url: str
    kind: str
    date: datetime
    segments: tuple[str, ...]
    meta: dict[str, Any]


def expected_entries(content: Path, site_url: str, now: datetime,
                     own_language: str | None = None) -> list[Expected]:
    """Entries that belong in feeds, newest first (the oracle of the publication rules).

    ``own_language``: the site declares several languages and these are the feeds of its
    default language: they hold the entries written in it only (not the translations
    beside them, not the entries written in another language that its pages show as they
    are)."""
    found = []
    for kind in TYPES:
        for path in sorted((content / kind).glob("*.md")):
            if own_language and TRANSLATION.search(path.name):
                continue
            meta = frontmatter.load(path).metadata
            published = moment(meta["date"])
            if meta.get("draft") or published > now or _left_feeds(kind, meta, now):
                continue
            if own_language and meta.get("lang", own_language) != own_language:
                continue
            slug = meta.get("slug") or re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)
            found.append(Expected(f"{site_url}{kind}/{slug}/", kind, published,
                                  tuple(meta.get("segments") or ()), meta))
    return sorted(found, key=lambda e: (-e.date.timestamp(), e.url))


def _left_feeds(kind: str, meta: dict[str, Any], now: datetime) -> bool:
    if kind == "jobs":
        closes = meta.get("closes")
        return closes is not None and now.date() > _day(closes)
    if kind == "events":
        start = moment(meta["start"])
        end = moment(meta["end"]) if meta.get("end") else start + timedelta(hours=1)
        return now >= end
    return False


def _day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def built_tags(content: Path, now: datetime, own_language: str | None = None) -> set[str]:
    """Every tag of a built entry of the default language's pages (closed roles and past
    events too: each has a page), not the tags of translations. ``own_language``: the site
    declares several languages, and each language's tag pages come from its own entries
    (an entry written in Chinese, shown on the English pages as it is, adds no tag page
    there)."""
    tags = set()
    for kind in TYPES:
        for path in (content / kind).glob("*.md"):
            if TRANSLATION.search(path.name):
                continue
            meta = frontmatter.load(path).metadata
            if own_language and meta.get("lang", own_language) != own_language:
                continue
            if not meta.get("draft") and moment(meta["date"]) <= now:
                tags |= set(meta.get("tags") or ())
    return tags


def expected_feeds(content: Path, config: SiteConfig, now: datetime) -> dict[str, list[str]]:
    """Feed stem ("feeds/all") -> the item ids it must hold, in order."""
    own_language = config.language if config.several_languages else None
    entries = expected_entries(content, config.url, now, own_language)
    feeds = {"feeds/all": entries}
    feeds |= {f"feeds/{kind}": [e for e in entries if e.kind == kind] for kind in TYPES}
    for segments in config.segments.values():
        feeds |= {f"feeds/segments/{s}": [e for e in entries if s in e.segments]
                  for s in segments}
    feeds |= {f"feeds/tags/{tag_slug(tag)}": [e for e in entries
                                              if tag in (e.meta.get("tags") or ())]
              for tag in built_tags(content, now, own_language)}
    return {stem: [e.url for e in chosen[:config.length]] for stem, chosen in feeds.items()}


def content_urls(fragment: str) -> list[str]:
    """Every href and src inside an item's HTML content."""
    if not fragment.strip():
        return []
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    return [value for element in root.iter() if isinstance(element.tag, str)
            for attribute in ("href", "src") if (value := element.get(attribute)) is not None]


def assert_absolute(url: str, where: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https", "mailto", "tel"), f"{where}: relative URL {url!r}"
    if parts.scheme in ("http", "https"):
        assert parts.netloc, f"{where}: no host in {url!r}"


def text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


@dataclass
class FeedItem:
    id: str
    link: str
    title: str
    content: str
    published: datetime
    updated: datetime | None
    enclosure: dict[str, str] | None
    xml: bytes  # the item element, serialized: compared across builds


@dataclass
class ParsedFeed:
    title: str
    link: str
    self_url: str
    language: str
    updated: datetime
    logo: str
    items: list[FeedItem]


def check_rss(data: bytes, served_at: str) -> ParsedFeed:
    """The RSS 2.0 rules of the issue, checked with lxml; returns what the tests compare."""
    root = etree.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for name in ("title", "link", "description", "language", "ttl", "lastBuildDate"):
        assert text(channel.find(name)), f"{served_at}: channel <{name}> is missing or empty"
    assert_absolute(text(channel.find("link")), served_at)
    selfs = channel.findall("atom:link[@rel='self']", NS)
    assert len(selfs) == 1 and selfs[0].get("href") == served_at, served_at
    assert int(text(channel.find("ttl"))) > 0
    built = _rfc822(text(channel.find("lastBuildDate")), served_at)
    logo = text(channel.find("image/url"))
    items = [_rss_item(item, served_at) for item in channel.findall("item")]
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids)), f"{served_at}: duplicate guids"
    return ParsedFeed(text(channel.find("title")), text(channel.find("link")),
                      selfs[0].get("href", ""), text(channel.find("language")), built, logo,
                      items)


def _rfc822(value: str, where: str) -> datetime:
    assert RFC822.match(value), f"{where}: {value!r} is not an RFC 822 date"
    parsed = email.utils.parsedate_to_datetime(value)
    assert parsed.tzinfo is not None, where
    return parsed


def _rss_item(item: etree._Element, where: str) -> FeedItem:
    guid = item.find("guid")
    assert text(guid), f"{where}: item without guid"
    assert guid is not None and guid.get("isPermaLink") == "true"
    for name in ("title", "link", "description", "pubDate"):
        assert text(item.find(name)), f"{where}: item {text(guid)} has no <{name}>"
    assert_absolute(text(guid), where)
    assert_absolute(text(item.find("link")), where)
    content = text(item.find("content:encoded", NS))
    for url in content_urls(content):
        assert_absolute(url, f"{where} item {text(guid)}")
    enclosure = item.find("enclosure")
    if enclosure is not None:
        assert_absolute(enclosure.get("url", ""), where)
        assert enclosure.get("length", "").isdigit() and enclosure.get("type"), where
    return FeedItem(text(guid), text(item.find("link")), text(item.find("title")), content,
                    _rfc822(text(item.find("pubDate")), where), None,
                    dict(enclosure.attrib) if enclosure is not None else None,
                    etree.tostring(item))


def check_atom(data: bytes, served_at: str) -> ParsedFeed:
    """The Atom 1.0 rules of the issue, checked with lxml; returns what the tests compare."""
    root = etree.fromstring(data)
    assert root.tag == f"{A}feed", served_at
    for name in ("id", "title", "updated"):
        assert text(root.find(A + name)), f"{served_at}: feed <{name}> is missing or empty"
    selfs = [link for link in root.findall(A + "link") if link.get("rel") == "self"]
    assert len(selfs) == 1 and selfs[0].get("href") == served_at, served_at
    alternate = [link.get("href", "") for link in root.findall(A + "link")
                 if link.get("rel") == "alternate"]
    assert len(alternate) == 1, served_at
    assert_absolute(alternate[0], served_at)
    assert root.find(f"{A}author/{A}name") is not None, f"{served_at}: no feed author"
    items = [_atom_entry(entry, served_at) for entry in root.findall(A + "entry")]
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids)), f"{served_at}: duplicate ids"
    return ParsedFeed(text(root.find(A + "title")), alternate[0], selfs[0].get("href", ""),
                      root.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
                      _rfc3339(text(root.find(A + "updated")), served_at),
                      text(root.find(A + "logo")), items)


def _rfc3339(value: str, where: str) -> datetime:
    assert RFC3339.match(value), f"{where}: {value!r} is not an RFC 3339 date"
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _atom_entry(entry: etree._Element, where: str) -> FeedItem:
    entry_id = text(entry.find(A + "id"))
    for name in ("id", "title", "updated", "published", "summary"):
        assert text(entry.find(A + name)), f"{where}: entry {entry_id} has no <{name}>"
    assert_absolute(entry_id, where)
    links = entry.findall(A + "link")
    alternates = [link for link in links if link.get("rel") == "alternate"]
    assert len(alternates) == 1, f"{where}: entry {entry_id} needs one alternate link"
    assert alternates[0].get("type") == "text/html"
    enclosures = [link for link in links if link.get("rel") == "enclosure"]
    assert len(links) == len(alternates) + len(enclosures), f"{where}: stray links"
    for link in links:
        assert_absolute(link.get("href", ""), where)
    content = entry.find(A + "content")
    assert content is not None and content.get("type") == "html", where
    for url in content_urls(content.text or ""):
        assert_absolute(url, f"{where} entry {entry_id}")
    assert entry.find(f"{A}author/{A}name") is not None, f"{where}: {entry_id} has no author"
    return FeedItem(entry_id, alternates[0].get("href", ""), text(entry.find(A + "title")),
                    text(content), _rfc3339(text(entry.find(A + "published")), where),
                    _rfc3339(text(entry.find(A + "updated")), where),
                    dict(enclosures[0].attrib) if enclosures else None, etree.tostring(entry))


def check_feed(site: Path, path: str, site_url: str) -> ParsedFeed:
    check = check_rss if path.endswith(".rss") else check_atom
    return check((site / path).read_bytes(), site_url + path)


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return site_config(REPO_ROOT)


@pytest.fixture(scope="module")
def feeds(example_site: Path, config: SiteConfig) -> dict[str, ParsedFeed]:
    """Every feed file of the example site, rule-checked once."""
    return {path: check_feed(example_site, path, config.url)
            for path in feed_paths(example_site)}


@pytest.fixture(scope="module")
def expected(config: SiteConfig) -> dict[str, list[str]]:
    return expected_feeds(REPO_ROOT / "content", config, NOW)


def by_format(feeds: dict[str, ParsedFeed]) -> Iterator[tuple[str, str, ParsedFeed]]:
    for path, feed in feeds.items():
        stem, fmt = path.rsplit(".", 1)
        yield stem, fmt, feed


# ------------------------------------------------------------------------------- tests

def test_every_declared_feed_exists_and_nothing_else(example_site: Path, config: SiteConfig,
                                                      expected: dict[str, list[str]]) -> None:
    wanted = sorted(f"{stem}.{fmt}" for stem in expected for fmt in ("rss", "atom"))
    assert feed_paths(example_site) == wanted
    tags = built_tags(REPO_ROOT / "content", NOW, config.language)
    assert len(wanted) == 2 * (1 + len(TYPES) + sum(map(len, config.segments.values()))
                               + len(tags))
    assert "feeds/tags/hiring-process.rss" in wanted


def test_feedparser_reads_every_feed_with_the_expected_items(
        example_site: Path, expected: dict[str, list[str]]) -> None:
    for path in feed_paths(example_site):
        parsed = feedparser.parse((example_site / path).read_bytes())
        assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == ("rss20" if path.endswith(".rss") else "atom10"), path
        stem = path.rsplit(".", 1)[0]
        assert [entry.id for entry in parsed.entries] == expected[stem], path


def test_counts_the_example_states(expected: dict[str, list[str]], config: SiteConfig) -> None:
    """Anchors independent of the oracle: 1 preview + 3 open roles, 3 upcoming events in the
    English feeds (the Shanghai data engineer role and the other 3 live entries written in
    Chinese only are in the Chinese ones, /zh/feeds/)."""
    assert len(expected["feeds/jobs"]) == 4
    assert f"{config.url}jobs/site-reliability-engineer/" not in expected["feeds/jobs"]
    assert f"{config.url}jobs/senior-backend-engineer-route-planning/" in expected["feeds/jobs"]
    assert f"{config.url}jobs/data-engineer-logistics-platform-shanghai/" not in (
        expected["feeds/jobs"])
    assert len(expected["feeds/events"]) == 3
    assert len(expected["feeds/all"]) == min(config.length, 19)
    assert f"{config.url}news/winter-hiring-update/" not in expected["feeds/all"]  # scheduled
    assert f"{config.url}news/remote-work-handbook-update/" not in expected["feeds/all"]


def test_lxml_rules_hold_for_every_feed(feeds: dict[str, ParsedFeed], config: SiteConfig,
                                        expected: dict[str, list[str]]) -> None:
    """check_rss / check_atom ran in the fixture; here: ids, language, channel links."""
    for stem, fmt, feed in by_format(feeds):
        assert [item.id for item in feed.items] == expected[stem], stem
        assert feed.language == config.language
        page = "" if stem == "feeds/all" else f"{stem.removeprefix('feeds/')}/"
        assert feed.link == config.url + page, f"{stem}.{fmt}"
        assert feed.logo == config.url + "feeds/logo.png"  # the SVG logo as a PNG


def test_feed_date_is_the_newest_item_date_not_the_clock(feeds: dict[str, ParsedFeed],
                                                         example_site: Path) -> None:
    for stem, fmt, feed in by_format(feeds):
        if fmt != "atom" or not feed.items:
            continue
        newest = max(item.updated or item.published for item in feed.items)
        assert feed.updated == newest, stem
        assert feeds[f"{stem}.rss"].updated == newest, f"{stem}.rss lastBuildDate"
        assert feed.updated < NOW
    empty = [f for f in feeds.values() if not f.items]
    assert all(f.updated < NOW for f in empty)


def test_items_carry_dates_ids_and_utm_links(feeds: dict[str, ParsedFeed],
                                             config: SiteConfig) -> None:
    assert config.utm
    for stem, fmt, feed in by_format(feeds):
        campaign = (stem.removeprefix("feeds/").replace("segments/", "segment-")
                    .replace("tags/", "tag-"))
        for item in feed.items:
            assert "?" not in item.id and item.link.startswith(item.id + "?")
            query = parse_qs(urlsplit(item.link).query)
            assert query == {"utm_source": ["feed"], "utm_medium": [fmt],
                             "utm_campaign": [campaign]}
            if item.updated is not None:
                assert item.updated >= item.published


def test_atom_and_rss_say_the_same(feeds: dict[str, ParsedFeed]) -> None:
    for stem, fmt, atom in by_format(feeds):
        if fmt != "atom":
            continue
        rss = feeds[f"{stem}.rss"]
        assert [(i.id, i.title, i.published, i.content) for i in atom.items] == [
            (i.id, i.title, i.published, i.content) for i in rss.items]


def test_jobs_and_events_show_their_key_facts(feeds: dict[str, ParsedFeed],
                                              config: SiteConfig) -> None:
    jobs = {item.id: item for item in feeds["feeds/jobs.rss"].items}
    preview = jobs[f"{config.url}jobs/senior-backend-engineer-route-planning/"]
    text_of = lxml.html.fromstring(f"<div>{preview.content}</div>").text_content()
    assert "Community preview — public from December 14, 2026" in text_of
    assert "Location: Berlin, Germany · Remote (EU)" in text_of
    assert "Workplace: Hybrid" in text_of
    events = feeds["feeds/events.atom"].items
    for event in events:
        shown = lxml.html.fromstring(f"<div>{event.content}</div>").text_content()
        assert "When:" in shown and "Format:" in shown, event.id
    critique = next(e for e in events if e.id.endswith("/design-critique-night/"))
    assert "Am Speicher 12, 10245 Berlin" in critique.content
    assert "https://events.northwind.example/design-critique-night-2027" in critique.content


def test_enclosures_have_the_image_length_and_type(feeds: dict[str, ParsedFeed],
                                                   example_site: Path,
                                                   config: SiteConfig) -> None:
    seen = 0
    for path, feed in feeds.items():
        for item in feed.items:
            if item.enclosure is None:
                continue
            seen += 1
            url = item.enclosure.get("url") or item.enclosure["href"]
            local = example_site / url.removeprefix(config.url)
            assert url.startswith(config.url) and local.is_file(), url
            assert item.enclosure["length"] == str(local.stat().st_size), (path, url)
            # Mail clients and RSS-to-email services show no SVG: the build's PNG copy.
            assert item.enclosure["type"] == "image/png"
            assert url.startswith(config.url + "email-images/images/"), url
            assert local.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), url
    assert seen > 20


def test_segment_feeds_are_fit_for_rss_to_email(feeds: dict[str, ParsedFeed],
                                                example_site: Path, config: SiteConfig) -> None:
    """What an RSS-to-email service sends as it is: the full text, every link absolute, the
    entry's picture first and every picture a PNG the site serves, with its description."""
    segment_feeds = {path: feed for path, feed in feeds.items()
                     if path.startswith("feeds/segments/") and path.endswith(".rss")}
    assert len(segment_feeds) == 7
    pictures = 0
    for path, feed in segment_feeds.items():
        for item in feed.items:
            doc = lxml.html.fragment_fromstring(item.content, create_parent="div")
            for href in doc.xpath("//a/@href"):
                assert urlsplit(href).scheme in ("https", "mailto", "tel"), (path, href)
            for image in doc.xpath("//img"):
                src = image.get("src")
                assert src.startswith(config.url) and src.endswith(".png"), (path, src)
                assert (example_site / src.removeprefix(config.url)).is_file(), src
                assert image.get("alt"), (path, src)
                pictures += 1
            if item.enclosure:
                first = doc.xpath("//img")[0]
                url = item.enclosure.get("url") or item.enclosure["href"]
                assert first.get("src") == url, path
    assert pictures > 10


def test_authors_categories_and_summaries(example_site: Path, config: SiteConfig) -> None:
    channel = etree.parse(str(example_site / "feeds/news.rss")).getroot().find("channel")
    assert channel is not None
    item = next(i for i in channel.findall("item")
                if text(i.find("guid")).endswith("/how-we-interview-engineers/"))
    assert text(item.find("dc:creator", NS)) == "Daniel Brandt, Engineering Manager"
    categories = {(c.get("domain"), c.text) for c in item.findall("category")}
    assert (f"{config.url}subscribe/#feeds-teams", "Engineering") in categories
    assert (f"{config.url}subscribe/#feeds-locations", "上海 Shanghai") in categories
    assert (f"{config.url}subscribe/#feeds-tags", "hiring process") in categories
    assert all(domain for domain, _ in categories)
    assert text(item.find("description")).startswith("Our engineering interview has four")
    for kind in ("spotlights", "stories"):
        # The company publishes them; the person they are about is in the content.
        feed = etree.parse(str(example_site / f"feeds/{kind}.atom")).getroot()
        entries = feed.findall(A + "entry")
        assert {text(e.find(f"{A}author/{A}name")) for e in entries} == {"Northwind"}
        assert all(c.get("scheme") for e in entries for c in e.findall(A + "category"))
    lena = next(e for e in etree.parse(str(example_site / "feeds/spotlights.atom"))
                .getroot().findall(A + "entry")
                if text(e.find(A + "id")).endswith("/lena-hoffmann/"))
    shown = lxml.html.fromstring(f"<div>{text(lena.find(A + 'content'))}</div>")
    assert shown.xpath("string(//p/strong)") == "Lena Hoffmann"
    assert shown.xpath("//blockquote/p")  # her quote


def test_content_is_the_rendered_body_with_absolute_links(feeds: dict[str, ParsedFeed]) -> None:
    for path, feed in feeds.items():
        for item in feed.items:
            assert "\ue000" not in item.content, path  # no unresolved root mark
            assert 'class="headerlink"' not in item.content, path
            assert "<h2" in item.content or "<p>" in item.content, item.id


def test_opml_lists_exactly_the_feed_files(example_site: Path, config: SiteConfig) -> None:
    root = etree.parse(str(example_site / "feeds/community.opml")).getroot()
    assert root.tag == "opml" and root.get("version") == "2.0"
    head = root.find("head")
    assert head is not None and text(head.find("title"))
    email.utils.parsedate_to_datetime(text(head.find("dateCreated")))
    feeds = [o for o in root.iter("outline") if o.get("xmlUrl")]
    urls = [o.get("xmlUrl", "") for o in feeds]
    assert len(urls) == len(set(urls))
    # Each feed once, as RSS: an Atom copy made readers import every item twice.
    assert sorted(u.removeprefix(config.url) for u in urls) == [
        path for path in feed_paths(example_site) if path.endswith(".rss")]
    for outline in feeds:
        assert outline.get("type") == "rss" and outline.get("text")
        page = outline.get("htmlUrl", "").removeprefix(config.url)
        assert (example_site / page / "index.html").is_file(), page
    body = root.find("body")
    assert body is not None
    folders = [o.get("text") for o in body]
    assert folders == ["The whole community", "By type", "Teams", "Locations", "By topic"]


def _feed_links(page: Path) -> dict[str, str]:
    document = lxml.html.parse(str(page)).getroot()
    return {link.get("href", ""): link.get("type", "")
            for link in document.head.iter("link")
            if link.get("type") in ("application/rss+xml", "application/atom+xml")}


def test_page_heads_advertise_their_feeds(example_site: Path) -> None:
    job = example_site / "jobs/senior-backend-engineer-route-planning/index.html"
    links = _feed_links(job)
    expected = {f"../../feeds/{stem}.rss" for stem in
                ("all", "jobs", "segments/engineering", "segments/berlin", "segments/remote")}
    assert set(links) == expected  # one format per feed: RSS
    for href in links:
        assert (job.parent / href).resolve().is_file(), href
    subscribe = _feed_links(example_site / "subscribe/index.html")
    assert set(subscribe) == {"../feeds/all.rss"}
    tag = _feed_links(example_site / "tags/hiring-process/index.html")
    assert set(tag) == {"../../feeds/all.rss", "../../feeds/tags/hiring-process.rss"}


def test_two_builds_give_identical_feeds(example_site: Path, build_site: BuildSite,
                                         tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = build_site(REPO_ROOT, again, EPOCH)
    assert result.returncode == 0, result.stderr
    for path in [*feed_paths(example_site), "feeds/community.opml", "subscribe/index.html"]:
        assert (again / path).read_bytes() == (example_site / path).read_bytes(), path


def test_titles_and_text_survive_escaping(example_site: Path, config: SiteConfig) -> None:
    """Front-matter titles come back verbatim through XML escaping (quotes, &, CJK)."""
    titles = {e.url: e.meta["title"] for e in expected_entries(REPO_ROOT / "content",
                                                               config.url, NOW)}
    for path in ("feeds/all.rss", "feeds/all.atom"):
        parsed = feedparser.parse((example_site / path).read_bytes())
        for entry in parsed.entries:
            assert entry.title == titles[entry.id], path
    raw = (example_site / "feeds/all.atom").read_text(encoding="utf-8")
    assert "&lt;strong&gt;" in raw  # HTML content is escaped text, not raw markup
