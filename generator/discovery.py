"""The feed links of every page's <head> (autodiscovery): which feeds a page points to.

Apart from the feed writer (feeds.py) because every page needs these links and the page
renderer must not depend on the module that writes feeds (which uses the renderer).
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Entry
from .i18n import Translator
from .settings import Settings

FEEDS_DIR = "feeds"


@dataclass(frozen=True)
class Format:
    key: str  # file extension and utm_medium
    media_type: str
    label_key: str  # catalog key of its display name


FORMATS = (Format("rss", "application/rss+xml", "feed.rss"),
           Format("atom", "application/atom+xml", "feed.atom"))


ADVERTISED = FORMATS[0]
"""The one format each feed advertises in <head>. Offering RSS and Atom of the same feed
makes readers (and browsers' subscribe buttons) list every feed twice; RSS is the one every
reader and RSS-to-email service takes. Both files exist; /subscribe/ shows both."""

DIRECTORIES = (FEEDS_DIR, f"{FEEDS_DIR}/segments", f"{FEEDS_DIR}/tags")
"""Every folder holding feeds: mkdocs-material reads each ``<link rel="alternate">`` as a
language version and fetches ``sitemap.xml`` beside its address (see feeds.py)."""


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str  # from the site root: "feeds/all.rss"
    media_type: str


def discovery_links(
    t: Translator, settings: Settings, site_name: str, kind: str | None = None,
    segments: list[str] | tuple[str, ...] = (), tag: tuple[str, str] | None = None,
) -> list[FeedLink]:
    """The whole-community feed, the page's type feed, its segments' feeds and, on a tag
    page, the tag's feed (``tag``: its slug and name), one link each."""
    links = [_link(site_name, f"{FEEDS_DIR}/all")]
    if kind:
        links.append(_link(feed_title(t, site_name, t("type." + kind)), f"{FEEDS_DIR}/{kind}"))
    for segment in segments:
        links.append(_link(feed_title(t, site_name, segment_name(t, settings, segment)),
                           f"{FEEDS_DIR}/segments/{segment}"))
    if tag:
        slug, name = tag
        links.append(_link(tag_feed_title(t, site_name, name), tag_feed_stem(slug)))
    return links


def _link(title: str, stem: str) -> FeedLink:
    return FeedLink(title, f"{stem}.{ADVERTISED.key}", ADVERTISED.media_type)


def tag_feed_stem(slug: str) -> str:
    return f"{FEEDS_DIR}/tags/{slug}"


def tag_feed_title(t: Translator, site_name: str, name: str) -> str:
    return feed_title(t, site_name, t("listing.tag", tag=name))


def entry_discovery(t: Translator, settings: Settings, site_name: str,
                    entry: Entry) -> list[FeedLink]:
    return discovery_links(t, settings, site_name, entry.kind, entry.fields.segments)


def feed_title(t: Translator, site_name: str, name: str) -> str:
    return t("feed.title", site=site_name, name=name)


def segment_name(t: Translator, settings: Settings, segment: str) -> str:
    """"Locations: Berlin": the axis says what kind of segment the label is."""
    found = settings.segment(segment)
    return t("listing.segment", axis=found[0].title, label=found[1]) if found else segment
