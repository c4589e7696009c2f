"""A built site checked against the content and settings before it goes out (``community verify``).

A build can "succeed" and still be wrong to publish: made by a theme or front end that ignores
the plugin (no feeds, no calendars, no JSON-LD, drafts published as plain pages), edited by
hand, or half-copied. ``verify`` runs the core once more (read, validate, schedule, render,
without writing anything) to know what the site must hold at this build time, then reads the
built folder and reports, one line each:

- a generated page, feed, calendar or OPML file that is missing (or does not parse);
- a page whose JSON-LD block or ``noindex`` is missing;
- a draft or scheduled entry published (its page, the search index, a feed, the sitemap), a
  closed role or past event in a feed, a ``noindex`` page (preview, closed role) in
  ``sitemap.xml``;
- a page linking a local file that is not there;
- a page or stylesheet that makes a request to another origin on load (scripts, styles,
  images, frames, fonts), trusted embeds excepted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import icalendar
from lxml import etree, html

from .build import Output, build, validated_entries
from .content import Entry, State
from .schedule import state_of
from .settings import Settings, Site

# Elements and attributes a browser fetches while it loads a page (not links it follows).
_LOADED = (("script", "src"), ("img", "src"), ("iframe", "src"), ("frame", "src"),
           ("embed", "src"), ("object", "data"), ("video", "src"), ("video", "poster"),
           ("audio", "src"), ("source", "src"), ("track", "src"), ("input", "src"))
_LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch",
                     "apple-touch-icon", "manifest", "mask-icon"}
_FOLLOWED = (("a", "href"), ("area", "href"))
_CSS_URL = re.compile(r"""(?:@import\s+|url\(\s*)["']?((?:https?:)?//[^"')\s]+)""", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_XML_FILES = (".rss", ".atom", ".opml", ".xml")


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # shown path of the file in the built site
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def verify(site_dir: Path, site: Site, settings: Settings, now: datetime,
           shown_dir: str = "site/") -> list[Finding]:
    """Every problem of the built site in ``site_dir``, in a stable order."""
    everything = validated_entries(site, settings, now)
    for entry in everything:
        entry.state = state_of(entry, now)
    output = build(site, settings, now)
    checker = _Checker(site_dir, site, settings, shown_dir)
    found = list(checker.generated(output))
    missing = {finding.path.removeprefix(shown_dir) for finding in found}
    found += [*checker.unpublished(everything), *checker.sitemap(output, everything),
              *checker.feeds(everything), *checker.html_pages(missing),
              *checker.stylesheets()]
    return sorted(set(found))


class _Checker:
    def __init__(self, site_dir: Path, site: Site, settings: Settings, shown_dir: str) -> None:
        self.dir = site_dir
        self.site = site
        self.shown_dir = shown_dir
        self.origin = _origin(site.url)
        self.root_path = urlsplit(site.url).path or "/"
        self.embeds = set(settings.trusted_embeds)
        # Material's search index, and on a multilingual site each other language's (the
        # plugin cuts the one index per language: <code>/search/search_index.json).
        self.search_indexes = ["search/search_index.json", *(
            f"{code}/search/search_index.json" for code in list(settings.languages)[1:])]

    def shown(self, relative: str) -> str:
        return self.shown_dir + relative

    # -- what the core generates must be there -----------------------------------------
    def generated(self, output: Output) -> Iterator[Finding]:
        for page in output.pages:
            relative = f"{page.url}index.html"
            path = self.dir / relative
            if not path.is_file():
                yield Finding(self.shown(relative), "missing: the community plugin makes this "
                              "page (was the site built without it?)")
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if "application/ld+json" in page.head and "application/ld+json" not in text:
                yield Finding(self.shown(relative), "its JSON-LD block is missing")
            if not page.indexable and not _has_noindex(text):
                yield Finding(self.shown(relative), "lacks <meta name=\"robots\" "
                              "content=\"noindex\"> (a preview or closed role)")
        for relative in output.files:
            if relative.startswith("email-images/"):
                continue  # pictures for mail clients: not pages, checked by the digest
            yield from self._generated_file(relative)

    def _generated_file(self, relative: str) -> Iterator[Finding]:
        path = self.dir / relative
        if not path.is_file():
            yield Finding(self.shown(relative), "missing: the community plugin writes this "
                          "file (feed, calendar or OPML)")
            return
        try:
            if relative.endswith(_XML_FILES):
                etree.fromstring(path.read_bytes())
            elif relative.endswith(".ics"):
                icalendar.Calendar.from_ical(path.read_bytes())
        except (etree.XMLSyntaxError, ValueError) as error:
            yield Finding(self.shown(relative), f"does not parse: {error}")

    # -- what must not be published -----------------------------------------------------
    def unpublished(self, entries: list[Entry]) -> Iterator[Finding]:
        hidden = [entry for entry in entries if not entry.published]
        indexed = self._search_locations()
        for entry in hidden:
            relative = f"{entry.path}index.html"
            if (self.dir / relative).exists():
                yield Finding(self.shown(relative), f"{entry.state} entry {entry.shown_path} "
                              "is published")
            if entry.path in indexed:
                yield Finding(self.shown(indexed[entry.path]),
                              f"holds the {entry.state} entry {entry.shown_path}")

    def _search_locations(self) -> dict[str, str]:
        """Each page the search indexes hold -> the index holding it."""
        found: dict[str, str] = {}
        for relative in self.search_indexes:
            path = self.dir / relative
            if not path.is_file():
                continue
            try:
                docs = json.loads(path.read_text(encoding="utf-8")).get("docs", [])
            except ValueError:
                continue
            found.update({str(doc.get("location", "")).split("#", 1)[0]: relative
                          for doc in docs})
        return found

    def sitemap(self, output: Output, entries: list[Entry]) -> Iterator[Finding]:
        path = self.dir / "sitemap.xml"
        if not path.is_file():
            return
        try:
            tree = etree.fromstring(path.read_bytes())
        except etree.XMLSyntaxError as error:
            yield Finding(self.shown("sitemap.xml"), f"does not parse: {error}")
            return
        listed = {loc.text.strip() for loc in tree.iter("{*}loc") if loc.text}
        kept_out = {self.site.url + page.url: "noindex page" for page in output.pages
                    if not page.indexable}
        kept_out.update({self.site.url + entry.url: f"{entry.state} entry {entry.shown_path}"
                         for entry in entries if self.site.url + entry.url in kept_out
                         or not entry.published})
        for url in sorted(listed & set(kept_out)):
            yield Finding(self.shown("sitemap.xml"), f"lists {url}, a {kept_out[url]} "
                          "(search engines must not be sent there)")

    def feeds(self, entries: list[Entry]) -> Iterator[Finding]:
        banned = {self.site.url + entry.url: entry for entry in entries
                  if not entry.published or entry.state in (State.closed, State.past)}
        folder = self.dir / "feeds"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.suffix not in (".rss", ".atom"):
                continue
            try:
                tree = etree.fromstring(path.read_bytes())
            except etree.XMLSyntaxError:
                continue  # reported by generated()
            links = {element.text.split("?", 1)[0] for element in tree.iter("{*}link", "link")
                     if element.text} | {element.get("href", "").split("?", 1)[0]
                                         for element in tree.iter("{*}link")}
            for url in sorted(links & set(banned)):
                entry = banned[url]
                yield Finding(self.shown(path.relative_to(self.dir).as_posix()),
                              f"holds the {entry.state} entry {entry.shown_path}")

    # -- every page: local links resolve, nothing loads from elsewhere -------------------
    def html_pages(self, missing: set[str]) -> Iterator[Finding]:
        """``missing``: files reported missing already (links to them say nothing new)."""
        broken: dict[str, list[str]] = {}
        for path in sorted(self.dir.rglob("*.html")):
            relative = path.relative_to(self.dir).as_posix()
            try:
                tree = html.fromstring(path.read_bytes())
            except (etree.ParserError, ValueError):
                continue  # an empty file: nothing to follow
            page_url = self.site.url + relative
            for target in self._broken_links(tree, page_url):
                broken.setdefault(target, []).append(relative)
            yield from self._loads(tree, page_url, relative)
        for target, pages in broken.items():
            if (target or "index.html") in missing or f"{target}index.html" in missing:
                continue
            shown = ", ".join(self.shown(page) for page in pages[:3])
            more = f" and {len(pages) - 3} more" if len(pages) > 3 else ""
            yield Finding(self.shown(target), f"is not in the site, but {shown}{more} "
                          "link to it")

    def _broken_links(self, tree: html.HtmlElement, page_url: str) -> set[str]:
        targets = set()
        for tag, attribute in (*_FOLLOWED, *_LOADED, ("link", "href")):
            for element in tree.iter(tag):
                target = self._local_target((element.get(attribute) or "").strip(), page_url)
                if target is not None and not self._exists(target):
                    targets.add(target)
        return targets

    def _loads(self, tree: html.HtmlElement, page_url: str, relative: str) -> Iterator[Finding]:
        loaded: list[tuple[str, str]] = []
        for tag, attribute in _LOADED:
            loaded += [(tag, element.get(attribute) or "") for element in tree.iter(tag)]
        for element in tree.iter("img", "source"):
            for candidate in (element.get("srcset") or "").split(","):
                loaded.append((element.tag, candidate.strip().split(" ", 1)[0]))
        for element in tree.iter("link"):
            if set((element.get("rel") or "").lower().split()) & _LOADED_LINK_RELS:
                loaded.append(("link", element.get("href") or ""))
        for tag, value in loaded:
            origin = _origin(urljoin(page_url, value.strip())) if value.strip() else ""
            if origin and origin != self.origin and not self._trusted(tag, value):
                yield Finding(self.shown(relative), f"loads {value.strip()} from another "
                              f"origin on load (<{tag}>): a careers site makes no third-party "
                              "request")

    def stylesheets(self) -> Iterator[Finding]:
        for path in sorted(self.dir.rglob("*.css")):
            text = _CSS_COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
            for match in _CSS_URL.finditer(text):
                if _origin(urljoin(self.site.url, match.group(1))) != self.origin:
                    yield Finding(self.shown(path.relative_to(self.dir).as_posix()),
                                  f"loads {match.group(1)} from another origin")

    # -- helpers ---------------------------------------------------------------------------
    def _local_target(self, value: str, page_url: str) -> str | None:
        """The path inside the site that ``value`` points to, or None if not local."""
        if not value or value.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        absolute = urljoin(page_url, value)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.origin \
                or not parts.path.startswith(self.root_path):
            return None
        return unquote(parts.path[len(self.root_path):])

    def _exists(self, target: str) -> bool:
        path = self.dir / target
        if target == "" or target.endswith("/"):
            return (path / "index.html").is_file()
        return path.exists()

    def _trusted(self, tag: str, value: str) -> bool:
        return tag == "iframe" and (urlsplit(value.strip()).hostname or "") in self.embeds


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def _has_noindex(text: str) -> bool:
    return bool(re.search(r'<meta[^>]+name="robots"[^>]+content="[^"]*noindex', text))
