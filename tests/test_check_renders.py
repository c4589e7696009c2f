"""``community check`` renders a body only where a check needs its HTML (issue 20): the
entries a link's anchor points into (their ids), and the bodies whose Markdown may give the
sanitizer something to take out (its warnings). Rendering every body made the check 15x
slower at N=1000; these tests keep that from coming back and prove that skipping the others
loses no problem and no warning."""

from __future__ import annotations

from pathlib import Path

import markdown
from fixtures import EPOCH
from fixtures.project import front, load_site_and_settings, make_project
from markdown.extensions.abbr import AbbrExtension
from test_bench import load_bench_module

from generator.build import check, sanitizer_warnings
from generator.content import Entry
from generator.markup import KEEPS_SANITIZED, Renderer
from generator.sanitize import removed_parts, sanitize_html
from generator.schedule import build_time

NEWS = "title: {title}\ndate: 2026-11-01"

# Every feature of the extensions in KEEPS_SANITIZED, written without raw HTML (an HTML
# comment aside) and without attribute lists: the sanitizer must find nothing to remove.
PLAIN_FEATURES = """\
title: meta lines

# A heading

!!! note "Phrasing"
    Admonition **body** with a [link](https://example.org/a "title") and an
    ![image](../images/a.svg "An image").

??? tip "Open me"
    Details body.

???+ warning
    Open details.

=== "Tab one"
    First tab.

=== "Tab two"
    Second tab.

| Left | Center | Right |
|:-----|:------:|------:|
| a | b | c |

- [x] done
- [ ] todo

3. three
4. four

Term
:   Definition

Text with a footnote[^1], ==mark==, ^^ins^^, ~~del~~, H~2~O, x^2^, __strong__ and *em*,
an abbreviation HTML and a line
break.

*[HTML]: Hyper Text Markup Language

<!-- more -->

```python
print("a > b")
```

    indented code

> A quote.

---

## Heading two

[^1]: The note.
"""
PLAIN_CONFIGS = {"toc": {"permalink": True},
                 "pymdownx.tabbed": {"alternate_style": True},
                 "pymdownx.tasklist": {"custom_checkbox": True}}


def renderer(extensions: list[str], configs: dict | None = None) -> Renderer:
    return Renderer(extensions, configs or {}, {})


def entry(body: str) -> Entry:
    return Entry("news", "x", "news/x.md", "content/news/x.md", None,  # type: ignore[arg-type]
                 body, 5)


def test_the_known_extensions_give_the_sanitizer_nothing_to_remove() -> None:
    for configs in (PLAIN_CONFIGS, {**PLAIN_CONFIGS, "tables": {"use_align_attribute": True}}):
        raw = markdown.markdown(PLAIN_FEATURES, extensions=sorted(KEEPS_SANITIZED),
                                extension_configs=configs)
        for needle in ('class="admonition note"', "<details", "tabbed-set", "task-list",
                       '<ol start="3">', "<dl>", "footnote-ref", "<mark>", "<ins>", "<del>",
                       "<sub>", "<sup>", "<abbr", "<br", "headerlink", "<pre>", "<hr",
                       "<blockquote>", "<img"):
            assert needle in raw, needle  # each feature really rendered
        assert removed_parts(raw, sanitize_html(raw)) == []
        assert not renderer(sorted(KEEPS_SANITIZED), configs).may_lose_markup(
            entry(PLAIN_FEATURES))


def test_raw_html_and_attribute_lists_are_rendered_for_the_warnings() -> None:
    known = renderer(["toc", "tables", "attr_list"])
    assert known.may_lose_markup(entry("Text <b onclick=x>bold</b>."))
    assert known.may_lose_markup(entry("<careers@example.org>"))  # an autolink: rendered
    assert known.may_lose_markup(entry("Text\n{: onclick=\"alert(1)\" }\n"))
    assert not known.may_lose_markup(entry("Text <!-- a note --> and {braces\n}.\n"))
    # Not judged from Markdown: a '<' in code is rendered too (the check stays exact).
    assert known.may_lose_markup(entry("```\nx < y\n```\n"))
    without_attr_list = renderer(["toc", "tables"])
    assert not without_attr_list.may_lose_markup(entry('Text\n{: onclick="x" }\n'))


def test_an_extension_of_unknown_output_renders_every_body() -> None:
    """pymdownx.progressbar writes style attributes from plain text: the sanitizer removes
    them, so with such an extension no body can be judged from its Markdown."""
    text = '[=50% "half"]\n'
    raw = markdown.markdown(text, extensions=["pymdownx.progressbar"])
    assert removed_parts(raw, sanitize_html(raw))
    assert renderer(["toc", "pymdownx.progressbar"]).may_lose_markup(entry(text))
    assert renderer(["toc", AbbrExtension()]).may_lose_markup(entry("Text."))


ANCHORED = front(NEWS.format(title="Anchored"), "## The team\n\nText.\n")
LINKING = front(NEWS.format(title="Linking"),
                "See [the team](2026-11-01-anchored.md#the-team) and [a post]"
                "(2026-11-01-plain.md).\n")
PLAIN = front(NEWS.format(title="Plain"), "Text with *emphasis*.\n\n<!-- more -->\n\nMore.\n")
HTML = front(NEWS.format(title="Html"), "First.\n\nA <b onclick=\"alert(1)\">bold</b> word.\n")
ATTRIBUTES = front(NEWS.format(title="Attributes"),
                   "First.\n\nA paragraph.\n{: onclick=\"alert(2)\" }\n")


def test_check_renders_only_the_bodies_it_needs(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news/2026-11-01-anchored.md": ANCHORED,
                                      "news/2026-11-01-linking.md": LINKING,
                                      "news/2026-11-01-plain.md": PLAIN,
                                      "news/2026-11-01-html.md": HTML,
                                      "news/2026-11-01-attributes.md": ATTRIBUTES})
    site, settings = load_site_and_settings(project)
    entries = check(site, settings, build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}))
    rendered = {e.slug for e in entries if e.html}
    assert rendered >= {"anchored", "html", "attributes"}
    assert not rendered & {"linking", "plain"}
    shown = "content/news/2026-11-01-{}.md"
    assert [(p.path, p.line, p.message.split(":")[0]) for p in sanitizer_warnings(entries)] == [
        (shown.format("attributes"), 9, 'warning'), (shown.format("html"), 8, "warning")]


def test_check_renders_no_body_of_the_bench_corpus(tmp_path: Path) -> None:
    """The bench's posts have links, code, tables and the excerpt marker but no raw HTML and
    no anchors: a check that renders any of them again is the regression bench/check.py
    measured (7 s instead of under 1 s at N=1000)."""
    project = load_bench_module().make_generator_project(50, tmp_path / "bench")
    site, settings = load_site_and_settings(project)
    entries = check(site, settings, build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}))
    assert len(entries) == 50
    assert not [entry.src_path for entry in entries if entry.html]
