"""Landing pages: content/join/<name>.md becomes /join/<name>/, for its link's people only.

The example site (built once per session with the real `mkdocs build`) has two landing pages,
content/join/runner-up.md and content/join/alumni.md; mistakes are checked on temporary
projects with `community check`.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import lxml.html
import pytest

from tests.fixtures.project import front, make_project, run_check

LANDINGS = ("join/runner-up/", "join/alumni/")


def page_of(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / url / "index.html")).getroot()


@pytest.mark.parametrize("url", LANDINGS)
def test_a_landing_page_has_its_text_and_the_full_form(example_site: Path, url: str) -> None:
    page = page_of(example_site, url)
    source = (Path("content") / f"{url.rstrip('/')}.md").read_text(encoding="utf-8")
    title = next(line for line in source.splitlines() if line.startswith("title: "))[7:]
    assert page.xpath("string(//article//h1)") == title
    assert page.xpath("string(//title)").startswith(title)
    assert page.xpath("//div[contains(@class,'cm-landing__text')]/p")  # the Markdown text, rendered
    form = page.xpath("//form[@id='cm-join']")[0]
    hidden = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    assert hidden["page"] == f"/careers/{url}"
    assert hidden["form"] == "join"
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]


def test_the_preset_is_in_the_form(example_site: Path) -> None:
    form = page_of(example_site, "join/alumni/").xpath("//form[@id='cm-join']")[0]
    source = form.xpath(".//input[@data-cm-attribution='source']")[0]
    assert source.get("value") == "alumni"
    ticked = form.xpath(".//input[@data-cm-segment][@checked]/@data-cm-segment")
    assert ticked == ["engineering", "berlin"]
    assert form.xpath(".//select[@name='relationship']/option[@selected]/@value") == [
        "former-employee"]
    runner_up = page_of(example_site, "join/runner-up/")
    assert runner_up.xpath("//input[@data-cm-attribution='source']/@value") == ["runner-up"]
    assert runner_up.xpath("//input[@data-cm-segment][@checked]") == []


def test_landing_pages_stay_out_of_sitemap_search_feeds_listings_and_nav(
        example_site: Path) -> None:
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/join/</loc>" in sitemap  # the join page itself is public
    index = json.loads((example_site / "search" / "search_index.json").read_text("utf-8"))
    searched = {doc["location"] for doc in index["docs"]}
    for url in LANDINGS:
        assert url not in sitemap
        assert not any(location.startswith(url) for location in searched), url
    for feed in (example_site / "feeds").rglob("*.*"):
        if feed.suffix not in (".rss", ".atom", ".opml"):
            continue  # the feeds' PNG image and the empty sitemaps beside them
        if feed.suffix in (".rss", ".atom"):
            parsed = feedparser.parse(feed.read_bytes())
            assert not parsed.bozo, feed
            links = [entry.link for entry in parsed.entries]
            assert not any("/join/" in link for link in links), feed
        assert "join/runner-up" not in feed.read_text(encoding="utf-8"), feed
    # no page links to a landing page: not the home page, a listing, the nav or the join page
    for html in example_site.rglob("index.html"):
        if html.parent.name in ("runner-up", "alumni"):
            continue
        text = html.read_text(encoding="utf-8")
        assert "join/runner-up" not in text and "join/alumni" not in text, html


def test_every_mistake_in_a_landing_page_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path, {
        "join/fair.md": front("title: Fair\nsource: job-fair\nsegments: [data, munich]\n"
                              "relationship: cousin\ncolour: blue"),
        "join/Summer_Fair.md": front("title: Summer"),
        "join/no-title.md": front("source: alumni"),
        "join/thanks.md": front("title: Mine"),
        "refer.md": "# Our own referral page\n",
    }, with_images=False)
    result = run_check(project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "8 problems found; nothing was built."
    expected = [
        "content/join/Summer_Fair.md:1: file: the file name 'Summer_Fair' becomes the "
        "address /join/Summer_Fair/: use lowercase letters, digits and '-'",
        "content/join/fair.md:3: source: 'job-fair' is not a declared source",
        "content/join/fair.md:4: segments[1]: 'munich' is not a declared segment",
        "content/join/fair.md:5: relationship: 'cousin' is not a declared relationship",
        "content/join/fair.md:6: colour: unknown field",
        "content/join/no-title.md:1: title: is required",
        "content/join/thanks.md:1: file: /join/thanks/ is a page the generator makes",
        "content/refer.md:1: file: /refer/ is a page the generator makes",
    ]
    for line, start in zip(lines, expected, strict=False):  # the last line is the count
        assert line.startswith(start), (line, start)


def test_a_draft_landing_page_is_not_built(tmp_path: Path, build_site) -> None:
    project = make_project(tmp_path / "project", {
        "join/later.md": front("title: Later\nsource: alumni\ndraft: true"),
        "join/now.md": front("title: Now\nsource: alumni"),
    }, with_images=False)
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    assert (out / "join/now/index.html").is_file()
    assert not (out / "join/later").exists()
