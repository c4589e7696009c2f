"""Feeds: which feeds exist and which a page advertises (autodiscovery)."""

from __future__ import annotations

from dataclasses import dataclass

from .content import Entry
from .i18n import Translator
from .settings import Settings


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
    links = _pair(site_name, "feeds/all")
    if kind:
        links += _pair(f"{site_name}: {t('type.' + kind)}", f"feeds/{kind}")
    for segment in segments:
        links += _pair(f"{site_name}: {settings.segment_label(segment)}",
                       f"feeds/segments/{segment}")
    return links


def _pair(title: str, stem: str) -> list[FeedLink]:
    return [FeedLink(f"{title} (RSS)", f"{stem}.rss", "application/rss+xml"),
            FeedLink(f"{title} (Atom)", f"{stem}.atom", "application/atom+xml")]


def entry_discovery(t: Translator, settings: Settings, site_name: str,
                    entry: Entry) -> list[FeedLink]:
    return discovery_links(t, settings, site_name, entry.kind, entry.fields.segments)
