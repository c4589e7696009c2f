"""What ``mkdocs serve`` keeps from one rebuild to the next besides the rendered bodies
(markup.RenderCache): each page's finished HTML and its search index entries (PageCache),
and the served folder itself (ServedFolder); when Python collects its garbage
(IdleCollector); how often the server looks for changed files (poll_sooner).

MkDocs builds the whole site again after every save. Material's page template and its search
indexer were most of such a rebuild at N=1000; with this cache a page whose inputs are those
of the previous rebuild reuses its HTML and search entries, so an edit sends only the edited
entry and the pages that show it (its listing pages, the home page, ...) through them again.

A page's key holds everything Material's template and indexer read of it (address, title,
content, table of contents, meta, neighbours) and of the build (the nav, mkdocs.yml, the
templates of the site's ``custom_dir`` and of the package's theme folder). The cache is used
only when ``search`` is the only other plugin: another plugin's per-page hooks could change
a page in ways the key cannot see. Part of the plugin shell, used by plugin.py only; it
reads MkDocs' pages and the search plugin's index by their attributes and imports neither.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchdog.observers.polling import PollingEmitter

from .memo import TextDigests, digest
from .rebuild import LONG_TEXT, file_stamps

CACHED_TEMPLATE = "community-cached.html"  # in generator/theme/: prints the kept HTML
# Plugins whose per-page work the cache replaces (search) or knows (this one). Their
# registered names, with and without Material's namespace.
KNOWN_PLUGINS = {"search", "material/search", "community"}
SEARCH_PLUGINS = ("search", "material/search")


@dataclass
class Kept:
    key: bytes
    output: str = ""
    search: list[Any] = field(default_factory=list)  # the index's entries for this page


def build_key(config: Any, nav: Any, theme_dirs: Iterable[Path]) -> bytes | None:
    """What every page's output depends on; None when the cache must not be used."""
    if set(config.plugins) - KNOWN_PLUGINS:
        return None
    path = Path(config.config_file_path) if config.config_file_path else None
    parts = [config.site_url or "", repr(_nav(nav.items)),
             path.read_bytes() if path and path.is_file() else b"",
             repr(file_stamps(theme_dirs, (".html", ".xml", ".js", ".css")))]
    return digest(parts)


def _nav(items: list[Any]) -> list[Any]:
    return [(type(item).__name__, item.title, getattr(item, "url", None),
             _nav(getattr(item, "children", None) or [])) for item in items]


def page_key(page: Any, build: bytes, texts: TextDigests) -> bytes:
    """``texts``: the pages' HTML and long meta values (the community head) by their
    digest, the same strings as the last rebuild's for most pages (the core's kept pages);
    repr'ing each page's head twice to sort its meta was a third of this key."""
    neighbours = [(other.url, other.title) if other is not None else None
                  for other in (page.previous_page, page.next_page, page.parent)]
    meta: list[str | bytes] = []
    for name in sorted(page.meta, key=str):
        value = page.meta[name]
        meta += [repr(name), texts(value) if isinstance(value, str) and len(value) > LONG_TEXT
                 else repr(value)]
    parts = [build, page.file.src_uri, page.url, page.title or "", texts(page.content or ""),
             repr(_toc(page.toc)), *meta,
             repr(neighbours), page.canonical_url or "", page.edit_url or "",
             repr(page.is_homepage)]
    return digest(parts)


def _toc(items: Iterable[Any]) -> list[Any]:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def search_index(config: Any) -> Any | None:
    """The search plugin's index of this build, if it is the one the cache knows."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            return index
    return None


class PageCache:
    """Finished pages of the last completed rebuild, by source path."""

    def __init__(self) -> None:
        self.kept: dict[str, Kept] = {}  # the last completed build's pages
        self.building: dict[str, Kept] = {}  # this build's, promoted when it completes
        self.reused: dict[str, Kept] = {}  # pages of this (or the last) build taking kept HTML
        self.index: Any | None = None
        self.before = 0  # the index's length before the page being indexed now
        # reused pages' own meta["search"] and content, while the search plugin runs
        self.hidden_search: dict[str, tuple[Any, str]] = {}
        self.texts = TextDigests()  # the pages' HTML as MkDocs hands it to the template

    def plan(self, config: Any, nav: Any, pages: Iterable[Any],
             theme_dirs: Iterable[Path]) -> None:
        """Before MkDocs builds any page: find the pages the last build already made."""
        self.building, self.reused, self.hidden_search = {}, {}, {}
        self.index = search_index(config)
        build = build_key(config, nav, theme_dirs)
        has_search = any(name in config.plugins for name in SEARCH_PLUGINS)
        if build is None or (has_search and self.index is None):
            self.kept = {}
            return
        for page in pages:
            key = page_key(page, build, self.texts)
            uri = page.file.src_uri
            self.building[uri] = Kept(key)
            kept = self.kept.get(uri)
            if kept is not None and kept.key == key:
                self.reused[uri] = kept
                page.meta["template"] = CACHED_TEMPLATE
        self.texts.finish()

    def output(self, page: Any) -> str:
        """What the cached template prints: the page's finished HTML of the last build."""
        return self.reused[page.file.src_uri].output

    def before_search(self, page: Any) -> None:
        uri = page.file.src_uri
        if uri in self.reused:  # its entries are kept: the indexer may skip the page
            self.hidden_search[uri] = page.meta.get("search"), page.content
            page.meta["search"] = {"exclude": True}
            page.content = ""  # its output is kept too: nothing need read its HTML now
        if self.index is not None:
            self.before = len(self.index.entries)

    def after_search(self, page: Any) -> None:
        uri = page.file.src_uri
        if uri in self.hidden_search:
            own, page.content = self.hidden_search.pop(uri)
            if own is None:
                del page.meta["search"]
            else:
                page.meta["search"] = own
        building = self.building.get(uri)
        if building is None or self.index is None:
            return
        if uri in self.reused:
            building.search = self.reused[uri].search
            self.index.entries.extend(building.search)
        else:
            building.search = self.index.entries[self.before:]

    def written(self, page: Any, output: str) -> None:
        building = self.building.get(page.file.src_uri)
        if building is not None:
            building.output = output

    def completed(self) -> None:
        self.kept = {uri: kept for uri, kept in self.building.items() if kept.output}
        self.building = {}


    def is_reused(self, page: Any) -> bool:
        return page.file.src_uri in self.reused


def known_plugins_only(config: Any) -> bool:
    """Only plugins whose every output the served folder's keeper knows (ServedFolder)."""
    return not set(config.plugins) - KNOWN_PLUGINS


HIDDEN = ".community-kept"  # MkDocs' cleaning leaves names that start with "." alone


class ServedFolder:
    """The folder ``mkdocs serve`` serves, kept from one rebuild to the next.

    MkDocs empties it before every rebuild and writes every page again: at N=1000 that is
    1,300 folders deleted and made again and 55 MB written (1.6 s of a 4 s rebuild). Kept,
    a rebuild writes only the pages whose HTML changed (PageCache: a reused page is the
    very HTML the last rebuild wrote), and removes what the last rebuild made and this one
    does not (a deleted or renamed entry's page), as the emptying would have. The folder
    then holds what a rebuild into an empty folder holds (tests/test_serve_cache.py).

    MkDocs empties the folder between ``on_pre_build`` and ``on_files`` and leaves hidden
    names alone: ``hide`` moves the folder's contents under one (a dozen renames), and
    ``restore`` moves them back. After a failed rebuild, the next one lets MkDocs empty the
    folder and writes everything, as without this keeper."""

    def __init__(self) -> None:
        self.trusted = False  # the folder holds what the last completed rebuild made
        self.hidden: Path | None = None  # the contents, while MkDocs empties the folder
        self.made: set[str] = set()  # the files of the last rebuild (paths in the folder)

    def hide(self, site_dir: Path) -> None:
        """Before MkDocs empties ``site_dir``: its contents move out of the emptying's way."""
        if not self.trusted or not site_dir.is_dir():
            return
        hidden = site_dir / HIDDEN
        hidden.mkdir(exist_ok=True)
        for child in site_dir.iterdir():
            if not child.name.startswith("."):
                child.rename(hidden / child.name)
        self.hidden = hidden

    def restore(self) -> None:
        """After the emptying: the contents back where they were."""
        hidden, self.hidden = self.hidden, None
        if hidden is None:
            return
        for child in hidden.iterdir():
            child.rename(hidden.parent / child.name)
        hidden.rmdir()

    def sweep(self, site_dir: Path, made: Set[str]) -> None:
        """Before MkDocs writes: remove the files of the last rebuild that this one does not
        make (``made``: the paths of this rebuild's files), and folders left empty."""
        for path in sorted(self.made - made):
            file = site_dir / path
            file.unlink(missing_ok=True)
            folder = file.parent
            while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        self.made = set(made)

    def holds(self, path: str) -> bool:
        """Whether a page the last rebuild made (a reused page) may skip its writing."""
        return self.trusted and os.path.isfile(path)

    def completed(self) -> None:
        self.trusted = True

    def failed(self) -> None:
        self.restore()
        self.trusted = False



class IdleCollector:
    """Python's collection of its oldest generation of objects walks every object the
    server holds (the kept pages, MkDocs' pages of the last two rebuilds): under serve at
    N=1000 it ran in most rebuilds and took 0.15-0.2 s of each (a fifth of a rebuild).
    Here it waits until the rebuild is over and the browser has the page: from the start
    of a rebuild that collection does not start by itself (the young generations are
    collected as always), and ``IDLE_S`` after the rebuild a timer collects everything
    and gives Python its thresholds back. A rebuild that starts before cancels the timer;
    after ``MAX_SKIPPED`` rebuilds in a row without it, one collects before building, so
    memory stays bounded when saves never pause."""

    IDLE_S = 1.0
    MAX_SKIPPED = 5
    NEVER = 2**31 - 1  # a C int: the oldest generation's threshold, never reached

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None
        self.threshold: tuple[int, int, int] | None = None  # Python's, while held
        self.skipped = 0  # rebuilds in a row that started before the timer fired
        self.lock = threading.Lock()

    def building(self) -> None:
        with self.lock:
            timer, self.timer = self.timer, None
            if timer is not None and not timer.finished.is_set():
                timer.cancel()
                self.skipped += 1
            if self.threshold is None:
                self.threshold = gc.get_threshold()
                gc.set_threshold(self.threshold[0], self.threshold[1], self.NEVER)
        if self.skipped >= self.MAX_SKIPPED:
            gc.collect()
            self.skipped = 0

    def built(self) -> None:
        with self.lock:
            if self.threshold is None:
                return
            self.timer = threading.Timer(self.IDLE_S, self.collect)
            self.timer.daemon = True
            self.timer.start()

    def collect(self) -> None:
        """Everything collected, Python's thresholds back (the timer's thread; or the
        server stopping)."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            threshold, self.threshold = self.threshold, None
            if threshold is None:
                return
            gc.set_threshold(*threshold)
            self.skipped = 0
        gc.collect()


POLL_S = 0.25  # seconds between two looks for changed files under serve (MkDocs: 0.5)


def poll_sooner(server: Any) -> None:
    """MkDocs' serve looks for changed files every 0.5 s (watchdog's polling observer: a
    snapshot of the docs folder, ~5 ms of CPU at N=1000), so a save waited 0.25 s on
    average before its rebuild started. Looking every ``POLL_S`` halves that wait, for
    about 1.5 % more of one core while the server idles. Polling stays (MkDocs chose it
    over inotify, which misses changes on network and container mounts). watchdog has no
    public setter for a started emitter's interval: its ``_timeout`` is set, on polling
    emitters only, and a server without them is left as it is."""
    observer = getattr(server, "observer", None)
    for emitter in list(getattr(observer, "emitters", ())):
        if isinstance(emitter, PollingEmitter) and emitter.timeout > POLL_S:
            emitter._timeout = POLL_S
    if observer is not None and getattr(observer, "timeout", 0) > POLL_S:
        observer._timeout = POLL_S  # for the emitters of later watches (config.watch)
