"""Allowlist HTML sanitizing (nh3, the Python binding of the Rust crate ammonia).

Every body is HTML the site publishes on its pages, in its feeds and in its JSON-LD, and it may
be pasted from other tools or imported from an applicant tracking system. ``sanitize_html``
keeps what Markdown, Material and pymdownx write (admonitions, details, tabs, task lists,
tables, figures, images, footnotes, code highlighting, heading permalinks, attr_list classes
and ids, Material's icon SVGs) and drops everything else: scripts, styles, frames, forms,
event handlers, and every URL that is not http, https, mailto, tel or relative. nh3 parses
like a browser (html5ever), so entity-encoded, split or unclosed tricks are judged on what a
browser would see, not on their spelling.

``removed_parts`` tells what a sanitizing took away, so ``community check`` can say it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_TAGS = frozenset({
    # text and structure (Markdown, md_in_html, attr_list)
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr", "aside", "article", "header", "footer", "hgroup",
    # pymdownx.tabbed and tasklist: CSS-only widgets made of radio buttons and checkboxes
    "input", "label",
    # Material's icons and emoji (pymdownx.emoji with to_svg): shapes only, no links, no
    # animation, no script, no foreignObject
    "svg", "path", "g", "circle", "rect", "ellipse", "line", "polygon", "polyline",
})

# Elements whose text is code or styling, never content: dropped with what they hold.
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "noscript", "template", "textarea",
                                   "select", "option", "title", "xmp", "noembed", "noframes",
                                   "plaintext", "iframe", "object", "embed", "applet", "math"})

_SHAPE = {"d", "fill", "fill-rule", "clip-rule", "cx", "cy", "r", "rx", "ry", "x", "y",
          "x1", "y1", "x2", "y2", "points", "transform", "width", "height"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir", "style", "role", "aria-hidden", "aria-label",
          "aria-describedby", "aria-labelledby"},
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "align"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "headers"},
    "th": {"colspan", "rowspan", "align", "scope", "headers", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "data": {"value"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
    "div": {"data-tabs"},  # pymdownx.tabbed
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    "svg": {"viewBox", "xmlns", "width", "height", "fill"},
    "path": _SHAPE, "g": _SHAPE, "circle": _SHAPE, "rect": _SHAPE, "ellipse": _SHAPE,
    "line": _SHAPE, "polygon": _SHAPE, "polyline": _SHAPE,
}
_EMBED_ATTRIBUTES = {"src", "width", "height", "allow", "allowfullscreen", "loading",
                     "referrerpolicy", "frameborder"}

_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster",
                             "background", "xlink:href"})
# What browsers ignore in a URL before its scheme: ASCII whitespace and control characters.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_STYLE = re.compile(r"\s*text-align\s*:\s*(?:left|right|center|justify)\s*;?\s*", re.I)
_INPUT_TYPES = frozenset({"radio", "checkbox"})
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def url_is_safe(value: str) -> bool:
    """http(s), mailto, tel or relative, judged as a browser reads it (controls stripped)."""
    cleaned = _IGNORED_IN_SCHEME.sub("", value)
    if ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True  # relative: no scheme before the first '/', '?' or '#'
    try:
        return urlsplit(cleaned).scheme.lower() in SAFE_SCHEMES
    except ValueError:
        return False


def _host_of(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return (parts.hostname or "") if parts.scheme == "https" else ""


def _attribute_filter(embeds: frozenset[str]):
    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES and not url_is_safe(value):
            return None
        if attribute == "style":  # table alignment only: no expression(), no url()
            return value if _STYLE.fullmatch(value) else None
        if element == "input" and attribute == "type":
            return value if value.lower() in _INPUT_TYPES else None
        if element == "a" and attribute == "target":
            return value if value == "_blank" else None
        if element == "iframe" and attribute == "src":
            return value if _host_of(value) in embeds else None
        return value
    return keep


@lru_cache(maxsize=8)
def _cleaner(embeds: frozenset[str]) -> nh3.Cleaner:
    tags = set(_TAGS)
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    dropped = set(_DROPPED_WITH_CONTENT)
    if embeds:  # trusted embeds: iframes, and only from the named hosts (the src filter)
        tags.add("iframe")
        dropped.discard("iframe")
        attributes["iframe"] = set(_EMBED_ATTRIBUTES)
    return nh3.Cleaner(
        tags=tags, clean_content_tags=dropped, attributes=attributes,
        attribute_filter=_attribute_filter(embeds), strip_comments=True,
        link_rel=None,  # same-site links stay as written; _blank implies noopener nowadays
        url_schemes=set(SAFE_SCHEMES),
    )


def sanitize_html(html: str, embeds: Iterable[str] = ()) -> str:
    """``html`` with only the allowed elements, attributes and URLs left.

    ``embeds``: host names whose https pages may be embedded in an ``<iframe>`` (the site's
    ``trusted_embeds`` setting, for example ``www.youtube-nocookie.com``); none by default.
    An iframe from any other host loses its ``src`` and shows nothing.
    """
    cleaned = _cleaner(frozenset(host.lower() for host in embeds)).clean(html)
    return _XML_ILLEGAL.sub("", cleaned)  # "&#1;" decodes to a character no feed can carry


# -- what a sanitizing removed ---------------------------------------------------------

@dataclass(frozen=True, order=True)
class Removal:
    """One element or attribute that did not survive, and a text to find it in the source."""

    description: str
    needles: tuple[str, ...]  # texts to look for in the source, the most telling first


class _Inventory(HTMLParser):
    """Every element and every (element, attribute, value) of a fragment, counted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[tag] += 1
        for name, value in attrs:
            self.attributes[(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag


def _inventory(html: str) -> _Inventory:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser


def removed_parts(before: str, after: str) -> list[Removal]:
    """The elements and attributes of ``before`` that ``after`` (its sanitizing) lacks."""
    old, new = _inventory(before), _inventory(after)
    removals: set[Removal] = set()
    for tag in old.elements - new.elements:
        removals.add(Removal(f"the <{tag}> element", (f"<{tag}",)))
    gone = {removal.needles[0][1:] for removal in removals}
    for tag, name, value in old.attributes - new.attributes:
        if tag in gone:
            continue  # its element is reported already
        shown = value if len(value) <= 40 else value[:39] + "…"
        removals.add(Removal(f'{name}="{shown}" on <{tag}>', (value, name) if value else (name,)))
    return sorted(removals)


def line_of(removal: Removal, body: str, body_line: int) -> int:
    """The file line where ``removal`` most likely comes from (else the body's first)."""
    lowered = body.lower()
    for needle in removal.needles:
        at = lowered.find(needle.lower())
        if at >= 0:
            return body_line + body.count("\n", 0, at)
    return body_line
