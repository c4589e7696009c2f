"""Feeds: RSS 2.0 and Atom 1.0 (feedgen) for the community, each type and each segment, the
OPML list of them all and the /subscribe/ page (each page's autodiscovery links: discovery.py).

Decisions a later change must keep:

- Item id (Atom ``id``, RSS ``guid isPermaLink="true"``) = the entry's canonical absolute URL,
  ``site_url + <type>/<slug>/``, without UTM parameters. The contract derives that URL from the
  type and the slug only, and the slug comes from the file name or ``slug:``, never from the
  title, the body or a date, so fixing a typo, rewording the title or setting ``updated`` keeps
  the id and readers neither repeat nor lose the item. The id changes only when the page
  itself moves (new slug, new ``site_url``), and then readers must follow the new page anyway.
- Every date comes from the content: an item's ``pubDate``/``published`` is its ``date``, its
  ``updated`` is ``updated`` or ``date``; a feed's ``lastBuildDate``/``updated`` is its newest
  item's (an empty feed takes the newest of the whole community). feedgen defaults these to
  the clock: every one is set here, so two builds of the same content are byte-identical.
- An entry is in feeds unless it is a draft, a closed role or a past event; each feed holds the
  newest ``feeds.length`` of its entries, newest publication first.
- Item content = the entry's picture + the facts of a job or event
  (``templates/feed_facts.html``) + the body rendered once by markup.py, with every
  ``href``/``src`` absolute (``site_url`` may carry a project path such as ``/careers/``) and
  the site's own SVG pictures replaced by their PNG copies (raster.py): RSS-to-email services
  send the content as it is, and mail clients show no SVG. The enclosure is that PNG too.
"""

from __future__ import annotations

import html
import mimetypes
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urljoin, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .community import Community, tag_slug
from .content import Entry, State
from .discovery import (
    ADVERTISED,
    DIRECTORIES,
    FEEDS_DIR,
    FORMATS,
    Format,
    discovery_links,
    feed_title,
    segment_name,
    tag_feed_stem,
    tag_feed_title,
)
from .entry_types import TYPES
from .i18n import Translator
from .markup import absolute, localize, without_comments, without_permalinks
from .memo import PageMemo, digest
from .raster import email_image, png, png_from_svg, png_size, raster_html
from .settings import RSS_IMAGE_TYPES, Settings, Site

if TYPE_CHECKING:
    from .render import Page, PageRenderer

OPML_PATH = f"{FEEDS_DIR}/community.opml"
SUBSCRIBE_URL = "subscribe/"
LOGO_PNG = f"{FEEDS_DIR}/logo.png"  # the SVG logo as the feeds' channel image
RSS_IMAGE_WIDTH = 144  # RSS 2.0's largest channel image width
TAGS_GROUP = "tags"  # the group of tag feeds on /subscribe/ (#feeds-tags) and its scheme
# mkdocs-material (bundle: function `ui`) treats every <link rel="alternate"> as another
# language version of the site and fetches sitemap.xml beside its address, on every page and
# after every instant navigation; a feed's folder answered 404. An empty sitemap there makes
# that request succeed with nothing to map; search engines only read the root sitemap.
EMPTY_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                 b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')
TTL_MINUTES = 60  # the site is rebuilt at most a few times a day; readers need not poll more
GENERATOR = "talent-community (python-feedgen)"
NOT_IN_FEEDS = (State.draft, State.closed, State.past)
NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)  # a site without any entry: still no clock read
IMAGE_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
               ".avif": "image/avif"}
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=)(["\'])(.*?)\2', re.S)


# -- which feeds exist -----------------------------------------------------------------

@dataclass
class Feed:
    key: str  # "all", "news", "segment-berlin": the UTM campaign and the page's element ids
    stem: str  # "feeds/all": the files are <stem>.rss and <stem>.atom
    name: str  # short, under its group on /subscribe/: "News", "Berlin"
    title: str  # the channel title
    description: str
    page: str  # the HTML listing it follows, from the site root: "", "news/", "segments/x/"
    entries: list[Entry]
    # The date of the feed while it is empty; None: the newest entry of the community.
    empty_since: datetime | None = None

    def path(self, fmt: Format) -> str:
        return f"{self.stem}.{fmt.key}"


@dataclass
class FeedGroup:
    key: str  # "community", "types", or the axis id
    title: str
    feeds: list[Feed] = field(default_factory=list)
    # The formats /subscribe/ shows for its feeds (empty: all). Topics show RSS only: one
    # row per format for every tag made /subscribe/ the heaviest page of the site, and the
    # Atom file still stands beside each RSS one (same name, .atom).
    listed: tuple[Format, ...] = ()


def in_feeds(entry: Entry) -> bool:
    """Drafts (shown by `mkdocs serve`), closed roles and past events are never in a feed."""
    return entry.state not in NOT_IN_FEEDS


def plan_feeds(t: Translator, site: Site, settings: Settings, community: Community,
               fed: Callable[[Entry], bool] = in_feeds) -> list[FeedGroup]:
    """Every feed, grouped as /subscribe/ and the OPML show them (one pass over entries).
    ``fed``: whether an entry goes into feeds (a language's feeds: its own entries only)."""
    org = settings.organization.name
    feedable = [entry for entry in community.entries if fed(entry)]  # newest first
    by_type: dict[str, list[Entry]] = {kind: [] for kind in TYPES}
    by_segment: dict[str, list[Entry]] = {segment: [] for segment in settings.segment_ids}
    for entry in feedable:
        by_type[entry.kind].append(entry)
        for segment in entry.fields.segments:
            by_segment.setdefault(segment, []).append(entry)
    everything = Feed("all", f"{FEEDS_DIR}/all", t("subscribe.everything"), site.name,
                      site.description or t("feed.about.all", org=org), "", feedable)
    groups = [FeedGroup("community", t("subscribe.community"), [everything]),
              FeedGroup("types", t("subscribe.by_type"), [
                  Feed(kind, f"{FEEDS_DIR}/{kind}", t(f"type.{kind}"),
                       feed_title(t, site.name, t(f"type.{kind}")),
                       t(f"feed.about.{kind}", org=org), f"{kind}/", by_type[kind])
                  for kind in TYPES])]
    for axis_id, axis in settings.segments.items():
        groups.append(FeedGroup(axis_id, axis.title, [
            Feed(f"segment-{segment}", f"{FEEDS_DIR}/segments/{segment}", label,
                 feed_title(t, site.name, segment_name(t, settings, segment)),
                 t("feed.about.segment", org=org, axis=axis.title, label=label),
                 f"segments/{segment}/", by_segment[segment])
            for segment, label in axis.values.items()]))
    if community.tag_names:
        # A tag carried only by closed roles or past events has an empty feed dated by them,
        # so that an edit elsewhere leaves that feed's bytes alone.
        tag_dates: dict[str, datetime] = {}
        for entry in community.own:
            for tag in entry.fields.tags:
                day = entry.fields.updated or entry.fields.date
                tag_dates[tag_slug(tag)] = max(day, tag_dates.get(tag_slug(tag), day))
        # Every tag page gets its feed, even when only closed roles carry the tag now.
        groups.append(FeedGroup(TAGS_GROUP, t("subscribe.by_tag"), [
            Feed(f"tag-{slug}", tag_feed_stem(slug), name,
                 tag_feed_title(t, site.name, name),
                 t("feed.about.segment", org=org, axis=t("listing.tags"), label=name),
                 f"tags/{slug}/", [e for e in community.by_tag.get(slug, []) if fed(e)],
                 tag_dates.get(slug))
            for slug, name in sorted(community.tag_names.items())], listed=(ADVERTISED,)))
    return groups


# -- items -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int  # bytes; 0 when unknown (an https image is not fetched at build time)
    media_type: str


@dataclass(frozen=True)
class Item:
    """What every feed says about one entry, computed once per entry."""

    id: str
    url: str
    title: str
    summary: str
    content: str
    published: datetime
    updated: datetime
    author: str
    categories: list[tuple[str, str, str]]  # (term, label, scheme or "")
    enclosure: Enclosure | None


def absolute_html(fragment: str, base: str) -> str:
    """Resolve what is still relative (``#anchors``, raw HTML) against the entry's URL, as the
    browser does on the page; drop the toc's "¶" permalinks, noise in a feed reader."""
    fragment = without_permalinks(fragment)
    return _URL_ATTRIBUTE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{urljoin(base, m.group(3))}{m.group(2)}", fragment)


def image_type(ref: str) -> str:
    suffix = "." + urlsplit(ref).path.rsplit(".", 1)[-1].lower() if "." in ref else ""
    return IMAGE_TYPES.get(suffix) or mimetypes.guess_type(ref)[0] or "application/octet-stream"


class ItemMaker:
    def __init__(self, site: Site, settings: Settings, renderer: PageRenderer) -> None:
        self.site = site
        self.settings = settings
        self.renderer = renderer
        self.cache: dict[str, Item] = {}
        self.axis_of = {segment: axis_id for axis_id, axis in settings.segments.items()
                        for segment in axis.values}

    def __call__(self, entry: Entry) -> Item:
        item = self.cache.get(entry.url)
        if item is None:
            item = self.cache[entry.url] = self._make(entry)
        return item

    def _make(self, entry: Entry) -> Item:
        url = self.site.url + entry.url
        facts = self.renderer.fragment("feed_facts.html", entry=entry)
        root = self.site.root_url  # pictures and files are shared by every language
        content = absolute_html(without_comments(localize(facts + entry.html, root,
                                                          self.site.url)), url)
        # Fit for RSS-to-email (Buttondown automations, Mailchimp RSS campaigns): the
        # picture leads the text, and every picture of the site's own is a PNG (raster.py).
        content = self._picture(entry) + raster_html(content, root, self.site.docs_dir)
        fields = entry.fields
        return Item(
            id=url, url=url, title=entry.title, summary=entry.summary or entry.title,
            content=content, published=fields.date, updated=fields.updated or fields.date,
            author=self._author(entry), categories=self._categories(entry),
            enclosure=self._enclosure(fields.image) if fields.image else None,
        )

    def _author(self, entry: Entry) -> str:
        """Who wrote it: the entry's ``author``, else the company. A spotlight's member or
        a story's employee is who it is about, not who published it: they are in the
        content (feed_facts.html)."""
        return getattr(entry.fields, "author", None) or self.settings.organization.name

    def _categories(self, entry: Entry) -> list[tuple[str, str, str]]:
        """Each category names its axis as the scheme (RSS ``domain``, Atom ``scheme``): the
        section of /subscribe/ that lists its feeds, a page that exists."""
        subscribe = f"{self.site.url}{SUBSCRIBE_URL}#feeds-"
        segments = [(segment, self.settings.segment_label(segment),
                     subscribe + self.axis_of[segment]) for segment in entry.fields.segments]
        return segments + [(tag_slug(tag), tag, subscribe + TAGS_GROUP)
                           for tag in entry.fields.tags]

    def _picture(self, entry: Entry) -> str:
        fields = entry.fields
        if not fields.image:
            return ""
        src = escape(self._mail_image(fields.image), quote=True)
        return f'<p><img src="{src}" alt="{escape(fields.image_alt or "", quote=True)}"></p>'

    def _mail_image(self, ref: str) -> str:
        """The picture's PNG when the build writes one (a content SVG), else the picture."""
        if png(ref, self.site.docs_dir) is not None:
            return email_image(ref, self.site.root_url)
        return absolute(ref, self.site.root_url)

    def _enclosure(self, ref: str) -> Enclosure:
        data = png(ref, self.site.docs_dir)
        if data is not None:  # mail clients and RSS-to-email services show no SVG
            return Enclosure(email_image(ref, self.site.root_url), len(data), "image/png")
        local = None if urlsplit(ref).scheme else self.site.docs_dir / ref.lstrip("/")
        length = local.stat().st_size if local is not None and local.is_file() else 0
        return Enclosure(absolute(ref, self.site.root_url), length, image_type(ref))


# -- feed files ------------------------------------------------------------------------

class _FeedLevel(BaseExtension):
    """The entry links extension below has nothing to add to the feed itself."""


class AtomEntryLinks(BaseEntryExtension):
    """Writes an Atom entry's <link>s: feedgen 1.0 drops their rel, type and length (its
    loop variable shadows the link data), which turns an enclosure into a second alternate."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def add(self, **attributes: str) -> None:
        self.links.append(attributes)

    def extend_atom(self, entry: Any) -> Any:
        for broken in entry.findall("link"):
            entry.remove(broken)
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


def newest(items: list[Item], fallback: datetime) -> datetime:
    return max((item.updated for item in items), default=fallback)


def item_link(item: Item, feed: Feed, fmt: Format, utm: bool) -> str:
    if not utm:
        return item.url
    query = urlencode({"utm_source": "feed", "utm_medium": fmt.key, "utm_campaign": feed.key})
    return f"{item.url}?{query}"


@dataclass(frozen=True)
class ChannelImage:
    """The feeds' picture: RSS 2.0 takes GIF, JPEG or PNG only, at most 144 x 400 pixels."""

    url: str
    width: int | None = None  # given only when known and within RSS's limits
    height: int | None = None
    png: bytes | None = None  # rendered from the SVG logo: written to LOGO_PNG


def channel_image(site: Site, settings: Settings) -> ChannelImage | None:
    """``feeds.image`` if set; else the logo, rendered as a PNG when it is a local SVG."""
    ref = settings.feeds.image or settings.organization.logo
    if not ref:
        return None
    suffix = urlsplit(ref).path.lower().rsplit(".", 1)[-1]
    local = None if urlsplit(ref).scheme else site.docs_dir / ref.lstrip("/")
    if f".{suffix}" in RSS_IMAGE_TYPES:
        size = png_size(local.read_bytes()) if local is not None and local.is_file() else None
        return ChannelImage(absolute(ref, site.root_url), *_within_limits(size))
    if suffix == "svg" and local is not None and local.is_file():
        png = png_from_svg(local, RSS_IMAGE_WIDTH)
        return ChannelImage(site.root_url + LOGO_PNG, *_within_limits(png_size(png)), png=png)
    return None  # an https SVG: the build does not fetch it to render it


def _within_limits(size: tuple[int, int] | None) -> tuple[int | None, int | None]:
    if size is None or size[0] > RSS_IMAGE_WIDTH or size[1] > 400:
        return None, None
    return size


class FeedWriter:
    def __init__(self, site: Site, settings: Settings, renderer: PageRenderer,
                 image: ChannelImage | None = None) -> None:
        self.site = site
        self.settings = settings
        self.items = ItemMaker(site, settings, renderer)
        self.image = image

    def files(self, groups: list[FeedGroup], fallback: datetime,
              kept: PageMemo | None = None) -> dict[str, bytes]:
        """``kept``: the feed files of the last build (``mkdocs serve``): a feed whose
        entries (each whole, by its key), place and dates are the last build's keeps its
        files; an edit makes again only the feeds that hold the edited entry."""
        files: dict[str, bytes] = {}
        if kept is not None:
            kept.start()
        for group in groups:
            for feed in group.feeds:
                entries = feed.entries[:self.settings.feeds.length]
                if kept is None:
                    files.update(self.feed_files(feed, entries, fallback))
                    continue
                renderer = self.items.renderer
                key = digest([renderer.context,
                              repr((feed.key, feed.stem, feed.name, feed.title,
                                    feed.description, feed.page, feed.empty_since, fallback)),
                              *(renderer.entry_keys[id(entry)] for entry in entries)])
                files.update(kept.page(feed.stem, key, lambda feed=feed, entries=entries:
                                       self.feed_files(feed, entries, fallback)))
        if kept is not None:
            kept.finish()
        return files

    def feed_files(self, feed: Feed, entries: list[Entry],
                   fallback: datetime) -> dict[str, bytes]:
        """The feed's file in each format, of its newest ``entries``."""
        items = [self.items(e) for e in entries]
        updated = newest(items, feed.empty_since or fallback)
        files: dict[str, bytes] = {}
        for fmt in FORMATS:
            generator = self.generator(feed, fmt, items, updated)
            render = generator.rss_str if fmt.key == "rss" else generator.atom_str
            files[feed.path(fmt)] = render(pretty=True)
        return files

    def generator(self, feed: Feed, fmt: Format, items: list[Item],
                  updated: datetime) -> FeedGenerator:
        site, org = self.site, self.settings.organization
        fg = FeedGenerator()
        fg.load_extension("dc", atom=False, rss=True)  # RSS <author> needs an email: dc:creator
        fg.register_extension("links", _FeedLevel, AtomEntryLinks, atom=True, rss=False)
        fg.id(site.url + feed.path(fmt))
        fg.title(feed.title)
        fg.subtitle(feed.description)  # RSS description as well
        fg.author(name=org.name, uri=org.url or site.url)
        fg.link(href=site.url + feed.path(fmt), rel="self", type=fmt.media_type)
        fg.link(href=site.url + feed.page, rel="alternate")  # last: feedgen's RSS <link>
        fg.language(site.language.replace("_", "-"))
        fg.generator(GENERATOR)
        fg.ttl(TTL_MINUTES)
        fg.updated(updated)  # also lastBuildDate: never feedgen's default, the clock
        if self.image:
            image = self.image
            fg.image(image.url, width=str(image.width or ""), height=str(image.height or ""))
        for item in items:
            self._add(fg, item, item_link(item, feed, fmt, self.settings.feeds.utm))
        return fg

    @staticmethod
    def _add(fg: FeedGenerator, item: Item, link: str) -> None:
        fe = fg.add_entry(order="append")
        fe.guid(item.id, permalink=True)
        fe.title(item.title)
        fe.link(href=link, rel="alternate")  # RSS <link>; Atom's are written by AtomEntryLinks
        fe.links.add(href=link, rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        fe.author(name=item.author)
        fe.dc.dc_creator(item.author)
        fe.content(item.content, type="html")
        # The summary is plain text, and RSS readers read <description> as HTML: escaped
        # once more here, it reads as the text it is ("<iframe>" shows, never builds one).
        # Atom says so with type="html", so both formats carry the same string.
        fe.summary(html.escape(item.summary, quote=False), type="html")
        for term, label, scheme in item.categories:
            fe.category(term=term, label=label, scheme=scheme)
        if item.enclosure:
            enclosure = item.enclosure
            fe.enclosure(enclosure.url, enclosure.length, enclosure.media_type)
            length = {"length": str(enclosure.length)} if enclosure.length else {}
            fe.links.add(href=enclosure.url, rel="enclosure", type=enclosure.media_type,
                         **length)


# -- OPML ------------------------------------------------------------------------------

def opml(t: Translator, site: Site, settings: Settings, groups: list[FeedGroup],
         created: datetime) -> bytes:
    """OPML 2.0: one folder per group, each feed once, as RSS: listing the Atom file too
    made readers import every feed twice and show each item twice."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = t("opml.title", site=site.name)
    ET.SubElement(head, "dateCreated").text = format_datetime(created)
    ET.SubElement(head, "ownerName").text = settings.organization.name
    ET.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for group in groups:
        folder = ET.SubElement(body, "outline", text=group.title, title=group.title)
        for feed in group.feeds:
            # version "RSS": OPML 2.0's value for RSS 0.9x and 2.0
            ET.SubElement(folder, "outline", type="rss", text=feed.title, title=feed.title,
                          xmlUrl=site.url + feed.path(ADVERTISED),
                          htmlUrl=site.url + feed.page, version="RSS")
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


# -- the whole set ---------------------------------------------------------------------

class FeedSet:
    """Every feed file, the OPML and /subscribe/ of one build, or of one language of a site
    in several (build.py's entry point): a language's feeds hold its own entries only (an
    untranslated entry it shows is in the feeds of its own language), under its path."""

    def __init__(self, site: Site, settings: Settings, community: Community,
                 renderer: PageRenderer, image: ChannelImage | bool | None = True) -> None:
        """``image``: the channel image when already made (one per site), True: make it."""
        self.site = site
        self.settings = settings
        self.renderer = renderer
        self.t = renderer.t

        def fed(entry: Entry) -> bool:
            return in_feeds(entry) and not renderer.copy_of(entry)

        self.groups = plan_feeds(self.t, site, settings, community, fed)
        self.image = channel_image(site, settings) if image is True else image or None
        self.writer = FeedWriter(site, settings, renderer, self.image)
        self.newest = max((entry.fields.updated or entry.fields.date
                           for entry in community.entries if fed(entry)),
                          default=NO_DATE)  # the date of empty feeds and of the OPML

    def files(self, kept: PageMemo | None = None) -> dict[str, bytes]:
        """Paths from the site root (a language's under its path) -> bytes. ``kept``: the
        feed files of the last build (``mkdocs serve``, FeedWriter.files)."""
        files = self.writer.files(self.groups, self.newest, kept)
        files[OPML_PATH] = opml(self.t, self.site, self.settings, self.groups, self.newest)
        for directory in DIRECTORIES:
            files[f"{directory}/sitemap.xml"] = EMPTY_SITEMAP
        prefix = self.site.language_path
        files = {prefix + path: data for path, data in files.items()}
        if self.image and self.image.png:
            files[LOGO_PNG] = self.image.png  # at the site root, shared by every language
        return files

    def subscribe_page(self) -> Page:
        return self.renderer.generated_page(
            SUBSCRIBE_URL, self.t("subscribe.title"), "subscribe.html",
            discovery_links(self.t, self.settings, self.site.name),
            description=self.t("subscribe.description", org=self.settings.organization.name),
            groups=self.groups, formats=FORMATS, opml_path=OPML_PATH,
        )
