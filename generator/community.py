"""The collection: published entries indexed by type, segment and tag, ordered and paginated."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from math import ceil

from .content import Entry, State
from .entry_types import TYPES

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


_SPOKEN = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
_SPOKEN_RE = re.compile("[" + re.escape("".join(_SPOKEN)) + "]")
_SEPARATORS = re.compile(r"[\s_-]+")


def tag_slug(tag: str) -> str:
    """A URL segment for a free-text tag; keeps CJK characters (``面试`` -> ``面试``).

    Tags that differ only in case share a page; tags that differ by punctuation do not:
    ``C++`` and ``C#`` are ``c-plus-plus`` and ``c-sharp``, and a tag with any other
    punctuation (``Node.js``) ends with a short hash of its text, so it never lands on the
    page of one spelled without (``Node js``). Spaces, hyphens and underscores separate words.
    """
    folded = tag.casefold().strip()
    spoken = _SPOKEN_RE.sub(lambda match: f" {_SPOKEN[match.group()]} ", folded)
    slug = _NOT_WORD.sub("-", spoken).strip("-_") or "tag"
    if _NOT_WORD.search(_SEPARATORS.sub("", spoken)):
        slug += "-" + hashlib.sha256(folded.encode("utf-8")).hexdigest()[:6]
    return slug


# The page that lists every segment and tag page (render.explore_page): their section in
# the nav, so a segment or tag page marks its tab and leads back to it.
EXPLORE_URL = "explore/"


@dataclass
class Listing:
    """An ordered list of entries shown on one or more pages."""

    kind: str  # "type", "segment" or "tag"
    key: str  # the type, segment id or tag
    url: str  # first page: "news/", "segments/berlin/", "tags/hiring/"
    entries: list[Entry]
    # The nav section it belongs to (its tab), when not its own: the explore page.
    section: str = ""


@dataclass
class ListingPage:
    listing: Listing
    number: int  # 1-based
    count: int
    entries: list[Entry]

    @property
    def url(self) -> str:
        return page_url(self.listing.url, self.number)


def page_url(first: str, number: int) -> str:
    return first if number == 1 else f"{first}page/{number}/"


def paginate(listing: Listing, size: int) -> list[ListingPage]:
    count = max(1, ceil(len(listing.entries) / size))
    return [ListingPage(listing, n + 1, count, listing.entries[n * size:(n + 1) * size])
            for n in range(count)]


def _listed(entry: Entry) -> bool:
    """Closed roles keep their page but leave every listing."""
    return entry.state != State.closed


class Community:
    """Every built entry, indexed once; lookups are dictionary reads."""

    def __init__(self, entries: list[Entry], language: str | None = None) -> None:
        """``language``: of a site in several, the language these entries are shown in.
        Its tags are those of its own entries: a tag is a word of the language it is
        written in, so an untranslated entry shown here links the tag pages of its own
        language, and no tag page or feed here lists nothing of this language."""
        self.entries = sorted(entries, key=lambda e: e.sort_key)
        self.by_type: dict[str, list[Entry]] = {kind: [] for kind in TYPES}
        by_segment: dict[str, list[Entry]] = defaultdict(list)
        by_tag: dict[str, list[Entry]] = defaultdict(list)
        self.tag_names: dict[str, str] = {}
        self.own = [entry for entry in self.entries
                    if language is None or entry.language == language]
        for entry in self.own:
            for tag in entry.fields.tags:
                # Every built page links its tags, a closed role's too: each gets a page.
                self.tag_names.setdefault(tag_slug(tag), tag)
        for entry in self.entries:
            self.by_type[entry.kind].append(entry)
            if not _listed(entry):
                continue
            for segment in entry.fields.segments:
                by_segment[segment].append(entry)
            if language is not None and entry.language != language:
                continue
            for tag in entry.fields.tags:
                slug = tag_slug(tag)
                if not by_tag[slug] or by_tag[slug][-1] is not entry:
                    by_tag[slug].append(entry)
        self.by_segment = dict(by_segment)
        self.by_tag = dict(sorted(by_tag.items()))

    def type_listing(self, kind: str) -> Listing:
        listed = [e for e in self.by_type[kind] if _listed(e)]
        return Listing("type", kind, f"{kind}/", TYPES[kind].order(listed))

    def segment_listing(self, segment: str) -> Listing:
        return Listing("segment", segment, f"segments/{segment}/",
                       self.by_segment.get(segment, []), EXPLORE_URL)

    def tag_listing(self, slug: str) -> Listing:
        return Listing("tag", slug, f"tags/{slug}/", self.by_tag.get(slug, []), EXPLORE_URL)

    def latest(self, kind: str, count: int) -> list[Entry]:
        return [e for e in self.by_type[kind] if _listed(e)][:count]

    def home_entries(self, kind: str) -> list[Entry]:
        """Every entry a type's home section chooses from, in order: its own choice (open
        roles, upcoming events), else its listing (the latest first)."""
        select = TYPES[kind].home.select
        listed = self.type_listing(kind).entries
        return select(listed) if select else listed
