"""Pages kept from one build to the next by a shell that builds again and again (``mkdocs
serve``), each under the key of everything that made it: a page whose key is that of the
last build is taken as it was instead of being rendered again. Plain data, no I/O; the
pages' makers (render.py, rebuild.py) decide what goes into a key.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def digest(parts: Iterable[str | bytes]) -> bytes:
    """A short hash of the parts, each length-prefixed (no two part lists collide)."""
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.digest()


class TextDigests:
    """The digests of long texts (a page's HTML, an entry's body), kept from one build to
    the next. An unchanged text is usually the very string object of the last build (the
    reader's, the render cache's, a kept page's), whose hash Python caches: looking it up
    here costs nothing, where hashing it again cost 0.05-0.1 s per rebuild at N=1000
    (tens of MB of text). Texts the last build did not see are forgotten."""

    def __init__(self) -> None:
        self.last: dict[str, bytes] = {}
        self.now: dict[str, bytes] = {}

    def __call__(self, text: str) -> bytes:
        known = self.now.get(text) or self.last.get(text) or digest([text])
        self.now[text] = known
        return known

    def finish(self) -> None:
        self.last, self.now = self.now, {}


class PageMemo:
    """The pages of the last build by address, with their keys."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, object]] = {}  # the last finished build's
        self.made: dict[str, tuple[bytes, object]] = {}  # this build's so far
        self.hits = 0  # pages this build took from the last

    def start(self) -> None:
        self.made, self.hits = {}, 0

    def page(self, url: str, key: bytes, make: Callable[[], T]) -> T:
        """The page at ``url``: the last build's if its key was ``key``, else ``make()``.
        Handed out as a copy: a build may still add to a page it got (hreflang links)."""
        last = self.pages.get(url)
        if last is not None and last[0] == key:
            page = last[1]
            self.hits += 1
        else:
            page = make()
        self.made[url] = (key, page)
        return copy.copy(page)  # type: ignore[return-value]

    def finish(self) -> None:
        """This build's pages become the ones the next build compares with (pages this
        build did not make are forgotten)."""
        self.pages, self.made = self.made, {}
