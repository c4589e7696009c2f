"""Markdown -> HTML, once per entry; the result is reused by pages, listings and feeds.

Links inside a body are resolved against the entry's source file and written from the site
root behind ``ROOT_MARK``; each output replaces the mark with its own way back to the root
(``../../`` on an entry page, the absolute site URL in a feed). That keeps one rendering valid
everywhere without parsing the HTML again.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from .content import LANG_MARK, MORE_MARK, ROOT_MARK, Entry
from .fields import SUMMARY_MAX
from .sanitize import SAFE_SCHEMES, line_of, removed_parts, sanitize_html
from .timings import stage

MORE = "<!-- more -->"  # the excerpt marker editors write; the summary is what precedes it
_TAGS = re.compile(r"<[^>]+>")
# Block tags separate words; inline ones (<em>, <a>) must not add a space before a comma.
_BLOCK_TAGS = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|dl|dt|dd|figure|"
    r"figcaption|section|article|aside|header|footer|nav)\b[^>]*>", re.I)
_SPACES = re.compile(r"\s+")
# Scripts written without spaces between words (Chinese, Japanese) and their punctuation;
# not Hangul: Korean puts spaces between words.
_CJK = ("\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
        "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f")
_HAS_CJK = re.compile(f"[{_CJK}]")
# A line break (with any spaces around it) between two such characters: where a paragraph's
# source lines, or two paragraphs made one text, meet. Browsers and feed readers show it as
# a space, which Chinese never has there ("平台。 它每天"); a space typed on one line stays.
_CJK_LINE_BREAK = re.compile(f"(?<=[{_CJK}])[^\\S\n]*\n\\s*(?=[{_CJK}])")
# The same in a body's Markdown source, where a paragraph's next line may start with a quote's
# ``>``: a body without one has nothing to join, and its tree is not walked (every text node
# of every Chinese body was; cheap though: 0.035 G of a 70.4 G instruction build at N=1000).
_CJK_SOURCE_LINE_BREAK = re.compile(
    f"(?<=[{_CJK}])[^\\S\n]*\n(?:[^\\S\n]*>)*[^\\S\n]*(?=[{_CJK}])")


def localize(text: str, root: str, language_root: str | None = None) -> str:
    """Make marked root-relative links relative to where ``text`` is shown: ROOT_MARK is
    the site root, LANG_MARK the root of the page's language (``language_root``, by default
    the site root: the default language lives there)."""
    if LANG_MARK in text:
        text = text.replace(LANG_MARK, root if language_root is None else language_root)
    return text.replace(ROOT_MARK, root)


def site_relative(ref: str) -> str:
    """A reference from the contract (an image, a link): http(s) stays, a path from the
    content root gets ROOT_MARK, so each output can place it (``localize``)."""
    return ref if urlsplit(ref).scheme else ROOT_MARK + ref.lstrip("/")


def language_page(ref: str, docs_dir: Path | None, language_path: str) -> str:
    """A reference to a plain page of the site (``privacy/``) from a page in the language
    at ``language_path`` ("zh/"): that language's version when the site has one
    (``privacy.zh.md``, which the shell builds at ``zh/privacy/``), else the page itself."""
    parts = urlsplit(ref)
    if parts.scheme or not language_path or docs_dir is None:
        return site_relative(ref)
    code = language_path.strip("/")
    stem = parts.path.strip("/").removesuffix(".html").removesuffix(".md")
    names = [f"{stem}.{code}.md", f"{stem}/index.{code}.md"] if stem else [f"index.{code}.md"]
    if any((docs_dir / name).is_file() for name in names):
        return LANG_MARK + ref.lstrip("/")
    return site_relative(ref)


def mailto(address: str, subject: str) -> str:
    """A mailto: link with its subject percent-encoded (RFC 6068), spaces as %20."""
    return f"mailto:{address}?{urlencode({'subject': subject}, quote_via=quote)}"


def absolute(ref: str, site_url: str) -> str:
    """The same reference as an absolute URL (feeds, JSON-LD, calendars)."""
    return localize(site_relative(ref), site_url)


_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)  # toc's "¶" links


_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)  # `<!-- more -->` and editors' notes


def without_comments(fragment: str) -> str:
    """HTML comments mean something on the page only (the excerpt marker) or nothing at all;
    in a feed item or JSON-LD they are text a reader may show."""
    return _COMMENT.sub("", fragment)


def without_permalinks(body_html: str) -> str:
    """Heading permalinks help on the page and are noise anywhere else (feeds, JSON-LD)."""
    return _PERMALINK.sub("", body_html)


def root_for(url: str) -> str:
    """The relative way from a page at ``url`` (``news/x/``) back to the site root."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, pages: dict[str, str]) -> None:
        super().__init__(md)
        self.pages = pages  # source path of every page -> its URL from the root
        self.src_path = ""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    rewritten = self.rewrite(value)
                    if rewritten is None:
                        del element.attrib[attribute]
                    else:
                        element.set(attribute, rewritten)

    def rewrite(self, value: str) -> str | None:
        if AMP_SUBSTITUTE in value:
            # An e-mail autolink (<careers@x.example>): Markdown hides its address as
            # entities behind a placeholder it swaps back later; read the address itself.
            value = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))
        parts = urlsplit(value.strip())
        if parts.scheme:
            return value if parts.scheme.lower() in SAFE_SCHEMES else None  # no javascript:
        if parts.netloc or not parts.path:
            return value  # //host/... or #fragment: leave
        target = parts.path.lstrip("/") if parts.path.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(self.src_path), parts.path))
        if target.endswith(".md"):
            target = self.pages.get(target) or _page_url(target)
            target = "" if target == "./" else target
        return ROOT_MARK + urlunsplit(("", "", target, parts.query, parts.fragment))


def _page_url(src_path: str) -> str:
    """MkDocs' URL of a plain page: ``about.md`` -> ``about/``, ``jobs/index.md`` -> ``jobs/``."""
    folder, _, name = src_path.rpartition("/")
    if name == "index.md":
        return f"{folder}/" if folder else ""
    return src_path.removesuffix(".md") + "/"


class _LineJoiner(Treeprocessor):
    """A paragraph's source lines joined without a space between two Chinese characters (as
    Pandoc's ``east_asian_line_breaks``): Markdown keeps the line break, which browsers and
    feed readers show as a space. Code keeps its text as written."""

    VERBATIM = frozenset({"pre", "code", "kbd", "samp", "script", "style"})
    needed = False  # set per body: only a body with a line break to join is walked

    def run(self, root: etree.Element) -> None:
        if self.needed:
            self._join(root)

    def _join(self, element: etree.Element) -> None:
        if element.tag in self.VERBATIM:
            return
        if element.text:
            element.text = _keep_kind(element.text, join_lines(element.text))
        for child in element:
            self._join(child)
            if child.tail:
                child.tail = _keep_kind(child.tail, join_lines(child.tail))


def _keep_kind(old: str, new: str) -> str:
    """``new`` as the same kind of string as ``old`` (an AtomicString stays one)."""
    return old if new == old else type(old)(new)


class _LinkExtension(Extension):
    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__()
        self.pages = pages
        self.processor: _LinkRewriter | None = None
        self.joiner: _LineJoiner | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.processor = _LinkRewriter(md, self.pages)
        md.treeprocessors.register(self.processor, "community_links", 1)
        # After the inline patterns (20), which make the text nodes; before prettify (10).
        self.joiner = _LineJoiner(md)
        md.treeprocessors.register(self.joiner, "community_cjk_lines", 15)


# Extensions whose output depends on other files (snippets, embedded images): a cache keyed
# by the body's own text would show stale HTML after an edit of those files.
_READS_FILES = ("pymdownx.snippets", "pymdownx.b64", "markdown_include", "mdx_include")


def _module_of(extension: Any) -> str:
    return extension if isinstance(extension, str) else type(extension).__module__


# Extensions whose HTML, for a text without raw HTML and without attribute lists, is only
# markup the sanitizer keeps (its elements, with classes, ids, titles, table alignment):
# tests/test_sanitize.py renders the features of each to prove it. With any other extension
# (pymdownx.progressbar writes style attributes, pymdownx.snippets pastes other files, ...)
# `community check` renders every body to learn what the sanitizer takes out.
KEEPS_SANITIZED = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
    "meta", "nl2br", "sane_lists", "tables", "toc", "pymdownx.betterem", "pymdownx.caret",
    "pymdownx.details", "pymdownx.mark", "pymdownx.tabbed", "pymdownx.tasklist",
    "pymdownx.tilde",
})
_RAW_HTML = re.compile(r"<(?!!--)")  # an element; comments (the excerpt marker) go whole
_ATTRIBUTE_LIST = re.compile(r"\{[^}\n]*\}")  # attr_list's {: .class key=value }


def _extension_name(extension: Any) -> str:
    if not isinstance(extension, str):
        return ""  # an Extension object: its output is unknown
    return extension.split(":", 1)[0].removeprefix("markdown.extensions.")


class RenderCache:
    """Bodies rendered by earlier builds of this process, for ``mkdocs serve``.

    Serve rebuilds the whole site on every save; with this cache only the entries whose text
    changed go through Markdown again (Markdown is about a third of a rebuild). A body's HTML
    depends on its text and file (relative links) and on the renderer's ``context``: any
    change there empties the cache.
    """

    def __init__(self) -> None:
        self.context = ""
        self.done: dict[tuple[str, str], Rendered] = {}
        self.hits = 0  # bodies the last build did not render again

    def render_all(self, entries: list[Entry], renderer: Renderer) -> None:
        if renderer.context != self.context:
            self.context, self.done = renderer.context, {}
        done: dict[tuple[str, str], Rendered] = {}
        self.hits = 0
        for entry in entries:
            key = (entry.src_path, entry.body)
            rendered = self.done.get(key)
            if rendered is None:
                rendered = Rendered(*renderer.convert(entry))
            else:
                self.hits += 1
            done[key] = _fill(entry, rendered)
        self.done = done  # bodies this build did not have (edited, removed) are forgotten


class Renderer:
    """One Markdown instance for every body (resetting it is much cheaper than building)."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any],
                 pages: dict[str, str], embeds: tuple[str, ...] = ()) -> None:
        self.links = _LinkExtension(pages)
        self.md = markdown.Markdown(extensions=[*extensions, self.links],
                                    extension_configs=configs)
        self.embeds = embeds  # hosts whose iframes are trusted (settings: trusted_embeds)
        self.note_removals = False  # community check: note what sanitizing took out
        # What every body's HTML depends on besides its own text and file.
        self.context = repr((extensions, configs, sorted(pages.items()), embeds))
        self.cacheable = not any(_module_of(ext).startswith(_READS_FILES) for ext in extensions)
        names = {_extension_name(extension) for extension in extensions}
        self.output_known = names <= KEEPS_SANITIZED
        self.attribute_lists = "attr_list" in names

    def may_lose_markup(self, entry: Entry) -> bool:
        """Whether sanitizing may take something out of this body's HTML, judged from its
        Markdown without rendering it: only raw HTML (a comment aside) or an attribute list
        can bring the sanitizer anything to remove, unless an extension of unknown output
        is on."""
        body = entry.body
        return (not self.output_known or _RAW_HTML.search(body) is not None
                or (self.attribute_lists and _ATTRIBUTE_LIST.search(body) is not None))

    def render(self, entry: Entry) -> None:
        _fill(entry, Rendered(*self.convert(entry)))

    def convert(self, entry: Entry) -> tuple[str, list[dict]]:
        """The body's HTML (sanitized) and table of contents; with ``note_removals``, what
        sanitizing took out goes to ``entry.removed`` (from this one Markdown pass)."""
        html_text = self.markdown(entry)
        clean = self.sanitize(html_text)
        if self.note_removals:
            entry.removed = [(line_of(removal, entry.body, entry.body_line), removal)
                             for removal in removed_parts(html_text, clean)]
        return clean, list(getattr(self.md, "toc_tokens", []))

    def markdown(self, entry: Entry) -> str:
        """The body's HTML as Markdown writes it: raw HTML in the text passes through."""
        assert self.links.processor is not None
        self.links.processor.src_path = entry.src_path
        self.md.reset()
        body = entry.body.replace(ROOT_MARK, "").replace(MORE_MARK, "").replace(LANG_MARK, "")
        assert self.links.joiner is not None
        self.links.joiner.needed = _CJK_SOURCE_LINE_BREAK.search(body) is not None
        return self.md.convert(body)

    def sanitize(self, html_text: str) -> str:
        """Only allowed markup is left (sanitize.py); the excerpt marker, a comment, is kept
        through the sanitizer (which drops comments) as a character no source holds."""
        marked = html_text.replace(MORE, MORE_MARK)
        with stage("sanitizer"):
            return sanitize_html(marked, self.embeds).replace(MORE_MARK, MORE)

class Rendered:
    """A body's HTML and table of contents, and what is taken from them: its excerpt, and
    the summary made of that when the entry has none of its own (made once, kept with the
    body by RenderCache: cutting the summaries of 1000 bodies again was 0.03 s of every
    rebuild under ``mkdocs serve``)."""

    __slots__ = ("excerpt", "html", "summary", "toc")

    def __init__(self, html: str, toc: list[dict]) -> None:
        self.html = html
        self.toc = toc
        self.excerpt = excerpt(html)
        self.summary: str | None = None

    def summarized(self) -> str:
        if self.summary is None:
            self.summary = summarize(self.excerpt)
        return self.summary


def _fill(entry: Entry, rendered: Rendered) -> Rendered:
    entry.html = rendered.html
    entry.toc = list(rendered.toc)
    entry.excerpt_html = rendered.excerpt
    entry.summary = entry.fields.summary or rendered.summarized()
    return rendered


def excerpt(body_html: str) -> str:
    """The part before ``<!-- more -->``, else the first paragraph."""
    if MORE in body_html:
        return body_html.split(MORE, 1)[0].strip()
    match = re.search(r"<p>.*?</p>", body_html, re.S)
    return match.group(0) if match else ""


def join_lines(text: str) -> str:
    """``text`` with the line breaks between two Chinese or Japanese characters removed (a
    space elsewhere: English keeps its space between words)."""
    return _CJK_LINE_BREAK.sub("", text) if _HAS_CJK.search(text) else text


def plain_text(fragment: str) -> str:
    """An HTML fragment as one line of text: blocks and lines joined by a space, or by
    nothing between Chinese characters (summaries, feed and link-preview descriptions)."""
    text = _TAGS.sub("", _BLOCK_TAGS.sub("\n", fragment))
    return _SPACES.sub(" ", join_lines(html.unescape(text))).strip()


def summarize(fragment: str) -> str:
    text = plain_text(fragment)
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[: SUMMARY_MAX - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[200:] else cut) + "…"


def render_all(entries: list[Entry], renderer: Renderer,
               cache: RenderCache | None = None) -> None:
    if cache is not None and renderer.cacheable:
        cache.render_all(entries, renderer)
        return
    for entry in entries:
        renderer.render(entry)
