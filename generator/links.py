"""Links from entry bodies to content files and anchors that do not exist, as problems.

MkDocs checks the links of the pages it renders itself; entry bodies are rendered by the core
(markup.py), so their links are checked here, from the Markdown source (which has the line
numbers an editor needs): inline links ``[text](path.md#anchor)``, reference definitions
``[id]: path.md`` and ``href``/``src`` in raw HTML, outside code. A link to a ``.md`` file
must name a file inside ``content/``; an anchor (``#how-to-apply``, alone or after another
entry's file) must be an ``id`` on that entry's rendered page.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .content import Entry
from .entry_types import TYPES
from .errors import Problem
from .validate import RESERVED_TOPS

_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_RAW = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']+)["']""")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def body_links(body: str) -> tuple[tuple[int, str], ...]:
    """(line offset in the body, link target) of every link written in Markdown or HTML.
    Kept for the bodies of the last few thousand calls: ``mkdocs serve`` checks the links
    of every body on every rebuild, and a body's links depend on its text alone."""
    return _body_links(body)


@functools.lru_cache(maxsize=4096)
def _body_links(body: str) -> tuple[tuple[int, str], ...]:
    return tuple(_scan_links(body))


def _scan_links(body: str) -> Iterator[tuple[int, str]]:
    fenced = False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")):
            continue
        if "](" not in line and "]:" not in line and "=" not in line:
            continue  # none of the patterns can match (most lines: a cheap test first)
        text = _CODE_SPAN.sub("", line)
        for pattern in (_INLINE, _REFERENCE, _RAW):
            for match in pattern.finditer(text):
                yield offset, match.group(1)


def generated(target: str) -> bool:
    """A page the generator makes, linked by its would-be file as the editors' guide shows:
    ``../jobs/index.md`` (a listing), ``../segments/berlin/index.md``, ``../join/index.md``."""
    top = target.split("/", 1)[0]
    return target.endswith("index.md") and (top in TYPES or top in RESERVED_TOPS)


def html_ids(html: str) -> set[str]:
    return set(_ID.findall(html))


def broken_links(entries: list[Entry], docs_dir: Path,
                 ids: Callable[[Entry], set[str]]) -> list[Problem]:
    """Every link of every entry to a missing content file or anchor (``ids``: the ids of
    an entry's rendered body)."""
    by_source = {entry.src_path: entry for entry in entries}
    problems = []
    for entry in entries:
        for offset, link in body_links(entry.body):
            message = _broken(entry, link, docs_dir, by_source, ids)
            if message:
                problems.append(Problem(entry.shown_path, entry.body_line + offset, "body",
                                        message))
    return problems


def anchor_targets(entries: list[Entry]) -> set[str]:
    """Source paths of the entries that some body links to with an anchor: only their
    rendered ids are needed to check links (``community check`` renders just these)."""
    targets = set()
    for entry in entries:
        for _, link in body_links(entry.body):
            resolved = _resolve(entry, link)
            if resolved is not None and resolved[2]:
                targets.add(resolved[0])
    return targets


def _resolve(entry: Entry, link: str) -> tuple[str, str, str] | None:
    """(source path it points to, its path as written, its anchor), or None for a link
    that is not to a content file or anchor (another site, an image, a page by address)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto:, tel:: not ours to check
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if path and not path.endswith(".md"):
        return None  # images and files: MkDocs copies what exists; pages by address
    if not path:
        return entry.src_path, path, anchor
    base = "" if path.startswith("/") else posixpath.dirname(entry.src_path)
    return posixpath.normpath(posixpath.join(base, path.lstrip("/"))), path, anchor


def _broken(entry: Entry, link: str, docs_dir: Path, by_source: dict[str, Entry],
            ids: Callable[[Entry], set[str]]) -> str | None:
    resolved = _resolve(entry, link)
    if resolved is None:
        return None
    target, path, anchor = resolved
    if path and (target.startswith("..") or not ((docs_dir / target).is_file()
                                                 or generated(target))):
        return (f"the link to '{link}' points to {target}, which is not a file in "
                "content/ (paths are relative to this file)")
    if anchor and target in by_source and anchor not in ids(by_source[target]):
        where = "this page" if target == entry.src_path else target
        return f"the link to '{link}': {where} has no heading or element with id '{anchor}'"
    return None
