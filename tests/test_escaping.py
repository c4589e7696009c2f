"""Front-matter strings are text, wherever they land: checked in a real Chromium.

A project whose entries of every type carry three payloads in every string field (and in the
settings strings the pages show: organization name, segment axis titles and labels) is
built, served over HTTP and opened page by page. No payload may run (``window.__x`` stays
undefined), no ``<img src=x>`` may exist, and the payloads must read as the text they are,
in the page, its ``<title>`` and Material's header title.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from fixtures.project import IMAGE, make_project

if TYPE_CHECKING:
    from conftest import BuildSite, ServeDir
    from playwright.sync_api import Page

PAYLOADS = (
    "<script>window.__x=1</script>",
    '"><img src=x onerror="window.__x=2">',
    "</script><script>window.__x=3</script>",
)
PAYLOAD = "".join(PAYLOADS)
URL_PAYLOAD = '?q="><img src=x onerror="window.__x=4"><script>window.__x=5</script>'


def text(field: str) -> str:
    """A field's value: its name (to find it on the page), then every payload."""
    return f"{field}:{PAYLOAD}"


def entry(fields: dict[str, object], body: str = "A plain body.\n") -> str:
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n{body}"


# Tags have at most 50 characters: one payload per tag.
COMMON = {"summary": text("summary"), "tags": [*PAYLOADS, "plain"],
          "segments": ["engineering", "berlin"], "image": IMAGE, "image_alt": text("image_alt")}

ENTRIES = {
    "news/2026-11-01-news-payload.md": {
        "title": text("news"), "date": "2026-11-01", "author": text("author"), **COMMON},
    "spotlights/2026-11-02-spotlight-payload.md": {
        "title": text("spotlight"), "date": "2026-11-02", **COMMON,
        "member": {"name": text("member.name"), "headline": text("member.headline"),
                   "photo": IMAGE, "photo_alt": text("member.photo_alt"),
                   "url": "https://member.example/" + URL_PAYLOAD},
        "quote": text("spotlight.quote")},
    "stories/2026-11-03-story-payload.md": {
        "title": text("story"), "date": "2026-11-03", **COMMON,
        "employee": {"name": text("employee.name"), "role": text("employee.role"),
                     "team": text("employee.team"), "photo": IMAGE,
                     "photo_alt": text("employee.photo_alt")},
        "quote": text("story.quote")},
    "jobs/2026-11-04-job-payload.md": {
        "title": text("job"), "date": "2026-11-04", **COMMON, "team": text("team"),
        "locations": [text("location")], "level": text("level"),
        "apply_url": "https://jobs.example/apply" + URL_PAYLOAD,
        "salary": {"currency": "EUR", "min": 50000, "max": 60000}},
    "jobs/2026-11-05-preview-payload.md": {
        "title": text("preview"), "date": "2026-11-05", **COMMON, "team": text("team"),
        "locations": [text("location")], "public_on": "2027-01-10"},
    "events/2026-11-06-event-payload.md": {
        "title": text("event"), "date": "2026-11-06", **COMMON,
        "start": "2026-12-10T18:30:00+01:00", "timezone": "Europe/Berlin", "format": "hybrid",
        "venue": {"name": text("venue.name"), "address": text("venue.address")},
        "join_url": "https://meet.example/" + URL_PAYLOAD,
        "register_url": "https://register.example/" + URL_PAYLOAD},
}

# What each entry page must show as text (field name + payload), besides its title.
SHOWN = {
    "news/news-payload/": ["author"],
    "spotlights/spotlight-payload/": ["member.name", "member.headline", "spotlight.quote"],
    "stories/story-payload/": ["employee.name", "employee.role", "employee.team", "story.quote",
                               "organization"],
    "jobs/job-payload/": ["team", "location", "level"],
    "jobs/preview-payload/": ["team", "location"],
    "events/event-payload/": ["venue.name", "venue.address", "label"],
}
ALTS = {
    "news/news-payload/": ["image_alt"],
    "spotlights/spotlight-payload/": ["image_alt", "member.photo_alt"],
    "stories/story-payload/": ["image_alt", "employee.photo_alt"],
}

SETTINGS = {
    "organization": {"name": text("organization"), "url": "https://northwind.example",
                     "logo": "assets/logo.svg"},
    "segments": {"teams": {"title": text("axis"), "values": {"engineering": text("label")}},
                 "locations": {"title": "Locations", "values": {"berlin": "Berlin"}}},
}

CHECK_PAGE = """() => ({
    x: typeof window.__x,
    imgs: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    title: document.title,
    header: (document.querySelector('[data-md-component="header-topic"]') || {}).textContent,
    main: (document.querySelector('article.md-content__inner') || document.body).innerText,
    alts: Array.from(document.querySelectorAll('article img')).map(i => i.alt),
})"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    files = {name: entry(fields) for name, fields in ENTRIES.items()}
    project = make_project(root / "project", files, config_edit=SETTINGS)
    out = root / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def strings(data: object) -> Iterator[str]:
    """Every string value inside parsed JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def site_pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("assets/", "search/")))


def visit(page: Page, url: str) -> dict:
    page.goto(url, wait_until="load")
    # Lazy images load on scroll: make every image eager, then wait until each one has
    # loaded or failed (an injected <img src=x> fires onerror before it is complete).
    page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    page.evaluate("() => new Promise(r => setTimeout(r, 50))")  # queued handlers run
    return page.evaluate(CHECK_PAGE)


def test_the_check_sees_an_injection(tmp_path: Path, serve_dir: ServeDir, page: Page) -> None:
    """The detector is not blind: a page that really runs the payloads fails it."""
    (tmp_path / "index.html").write_text(
        f"<!doctype html><title>t</title><article class='md-content__inner'><p>{PAYLOADS[0]}"
        f'<p title="{PAYLOADS[1]}"></article>', encoding="utf-8")
    seen = visit(page, serve_dir(tmp_path))
    assert seen["x"] == "number" and seen["imgs"] == 1


def test_no_payload_runs_on_any_page(payload_site: Path, serve_dir: ServeDir,
                                     page: Page) -> None:
    base = serve_dir(payload_site)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    pages = site_pages(payload_site)
    assert len(pages) > 15 and "tags/plain/" in pages
    for url in pages:
        seen = visit(page, base + url)
        assert seen["x"] == "undefined", f"payload ran on /{url}"
        assert seen["imgs"] == 0, f"injected <img> on /{url}"
    assert errors == []


@pytest.mark.parametrize("url", list(SHOWN))
def test_entry_pages_show_payloads_as_text(payload_site: Path, serve_dir: ServeDir,
                                           page: Page, url: str) -> None:
    seen = visit(page, serve_dir(payload_site) + url)
    assert seen["x"] == "undefined" and seen["imgs"] == 0
    kind = url.split("/")[0]
    title = text({"news": "news", "spotlights": "spotlight", "stories": "story",
                  "events": "event"}.get(kind, url.split("/")[1].split("-")[0]))
    assert seen["title"].startswith(title), seen["title"]
    assert title in seen["header"], seen["header"]
    h1 = page.locator("div.cm-entry h1").inner_text()
    assert h1 == title
    for field in SHOWN[url]:
        assert text(field) in seen["main"], f"{field} not shown as text on /{url}"
    chips = page.locator("div.cm-entry .cm-terms a").all_inner_texts()
    assert set(PAYLOADS) <= set(chips), chips
    for field in ALTS.get(url, []):
        assert text(field) in seen["alts"], f"{field} not an alt text on /{url}"
    meta = page.locator('meta[name="description"]').get_attribute("content")
    assert meta == text("summary")
    # JSON-LD blocks stay one script each and carry the payload as data.
    blocks = page.evaluate("""() => Array.from(
        document.querySelectorAll('script[type="application/ld+json"]'),
        s => JSON.parse(s.textContent))""")
    if url not in ("jobs/preview-payload/", "spotlights/spotlight-payload/"):  # none there
        assert title in set(strings(blocks)), blocks


def test_links_keep_payload_queries_inside_their_href(payload_site: Path, serve_dir: ServeDir,
                                                      page: Page) -> None:
    base = serve_dir(payload_site)
    for url, label, expected in [
        ("jobs/job-payload/", "Apply for this role", "https://jobs.example/apply"),
        ("events/event-payload/", "Register", "https://register.example/"),
        ("events/event-payload/", "Join online", "https://meet.example/"),
    ]:
        visit(page, base + url)
        link = page.locator("div.cm-entry a", has_text=label).first
        assert link.get_attribute("href") == expected + URL_PAYLOAD
    visit(page, base + "spotlights/spotlight-payload/")
    hrefs = page.eval_on_selector_all("div.cm-entry a", "as => as.map(a => a.href)")
    assert any(h.startswith("https://member.example/") for h in hrefs)


@pytest.mark.parametrize("url", ["", "news/", "jobs/", "events/", "segments/engineering/"])
def test_listings_show_titles_and_summaries_as_text(payload_site: Path, serve_dir: ServeDir,
                                                    page: Page, url: str) -> None:
    seen = visit(page, serve_dir(payload_site) + url)
    assert seen["x"] == "undefined" and seen["imgs"] == 0
    cards = page.locator("article.cm-card")
    assert cards.count() >= 1
    for index in range(cards.count()):
        card = cards.nth(index)
        assert card.locator(".cm-card__title").inner_text().endswith(PAYLOAD)
        summary = card.locator(".cm-card__summary")
        if summary.count():
            assert summary.inner_text() == text("summary")
    if url == "segments/engineering/":
        assert page.locator("div.cm-listing h1").inner_text() == (
            f"{text('axis')}: {text('label')}")
