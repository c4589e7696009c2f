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


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str  # from the site root: "feeds/all.rss"
    media_type: str


def discovery_links(
    t: Translator, settings: Settings, site_name: str, kind: str | None = None,
    segments: list[str] | tuple[str, ...] = (),
) -> list[FeedLink]:
    """The whole-community feed, the page's type feed and its segments' feeds (RSS + Atom)."""
    links = _pair(t, site_name, f"{FEEDS_DIR}/all")
    if kind:
        links += _pair(t, feed_title(t, site_name, t("type." + kind)), f"{FEEDS_DIR}/{kind}")
    for segment in segments:
        links += _pair(t, feed_title(t, site_name, segment_name(t, settings, segment)),
                       f"{FEEDS_DIR}/segments/{segment}")
    return links


def _pair(t: Translator, title: str, stem: str) -> list[FeedLink]:
    return [FeedLink(f"{title} ({t(fmt.label_key)})", f"{stem}.{fmt.key}", fmt.media_type)
            for fmt in FORMATS]


def entry_discovery(t: Translator, settings: Settings, site_name: str,
                    entry: Entry) -> list[FeedLink]:
    return discovery_links(t, settings, site_name, entry.kind, entry.fields.segments)


def feed_title(t: Translator, site_name: str, name: str) -> str:
    return t("feed.title", site=site_name, name=name)


def segment_name(t: Translator, settings: Settings, segment: str) -> str:
    """"Locations: Berlin": the axis says what kind of segment the label is."""
    found = settings.segment(segment)
    return t("listing.segment", axis=found[0].title, label=found[1]) if found else segment
