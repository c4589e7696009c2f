"""A job description's HTML -> sanitised -> clean Markdown for the entry's body.

The site's own sanitizer (``generator/sanitize.py``: nh3, scripts, styles, frames, forms,
event handlers, unsafe URLs and comments out) runs first; a second nh3 pass keeps only what
a description needs (no images: a tracking pixel must not become a picture, no classes or
ids); markdownify then writes Markdown. What is left that Markdown would read as markup
(``<tag``, ``&entity;``, attr_list's ``{: ...}`` in the text) is escaped, so the body
renders as the text the ATS showed, never as HTML of its own.
"""

from __future__ import annotations

import re

import nh3
from markdownify import MarkdownConverter

from ..sanitize import SAFE_SCHEMES, sanitize_html

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h1", "h2", "h3",
                "h4", "h5", "h6", "a", "blockquote", "code", "pre", "hr", "table", "thead",
                "tbody", "tr", "th", "td"}


def sanitize(html_text: str) -> str:
    """The site's sanitizer, then only the description's tags and ``href`` on links."""
    return nh3.clean(sanitize_html(html_text), tags=ALLOWED_TAGS,
                     attributes={"a": {"href"}}, url_schemes=set(SAFE_SCHEMES),
                     link_rel=None, strip_comments=True)


class _Converter(MarkdownConverter):
    def escape(self, text: str, parent_tags: set[str]) -> str:  # type: ignore[override]
        text = super().escape(text, parent_tags)
        if "_noformat" in parent_tags:
            return text  # code: Markdown shows it as written
        text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
        text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
        # '{: onclick=...}' would be attributes to the site's attr_list extension.
        return text.replace("{", "\\{")


_CONVERTER = _Converter(heading_style="ATX", bullets="-", autolinks=False,
                        escape_underscores=False)


def to_markdown(html_text: str) -> str:
    """Markdown for the page body: headings start at level 2 (the page's title is h1)."""
    clean = sanitize(html_text)
    clean = re.sub(r"<(/?)h1>", r"<\1h2>", clean)
    text = _CONVERTER.convert(clean).replace("\xa0", " ")
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
