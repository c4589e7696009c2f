"""Sharing: Open Graph and X tags on every page, share links, social cards and their cache,
and the brand colours that cards and pages take from the settings.

Cards are read back from the built site with Pillow (a real PNG of 1200x630); the cache is
checked by the build's own log line ("social cards: N drawn, M from the cache") and by the
bytes of the cards themselves.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from pathlib import Path

import lxml.html
import pytest
import yaml
from conftest import REPO_ROOT, BuildSite
from PIL import Image

from tests.fixtures.project import front, make_project

SITE_URL = "https://northwind.github.io/careers/"
CARDS = re.compile(r"social cards: (\d+) drawn, (\d+) from the cache")


def _pages(site: Path) -> list[Path]:
    """Every page of the site (404.html is not a page anyone shares: it has no address)."""
    return sorted(site.rglob("index.html"))


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            found[key] = meta.get("content") or ""
    return found


def _local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / urllib.parse.unquote(url.removeprefix(SITE_URL))


def test_every_page_has_open_graph_and_x_tags(example_site: Path) -> None:
    pages = _pages(example_site)
    assert len(pages) > 40
    entries = 0
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        meta = _meta(tree)
        where = page.relative_to(example_site).as_posix()
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            assert meta.get(key), f"{where}: no {key}"
        [canonical] = tree.xpath("//link[@rel='canonical']/@href")
        assert meta["og:url"] == canonical, where
        image = _local(example_site, meta["og:image"])
        with Image.open(image) as card:
            assert card.format == "PNG" and card.size == (1200, 630), where
        assert meta["twitter:card"] == "summary_large_image"
        is_entry = re.match(r"(zh/)?(news|spotlights|stories|jobs|events)/[^/]+/index.html$",
                            where)
        assert meta["og:type"] == ("article" if is_entry else "website"), where
        if is_entry:
            entries += 1
            title = tree.xpath("string(//article//h1)")
            assert meta["og:title"] == title
            # An entry shown in a language not its own (the example's Chinese-only entries on
            # the English site) shares its own page: canonical address and card.
            own = canonical.removeprefix(SITE_URL).rstrip("/") or where.removesuffix(
                "/index.html")
            assert meta["og:image"] == SITE_URL + "assets/social/" + own + ".png"
    assert entries >= 25


def test_share_links_carry_the_pages_address(example_site: Path) -> None:
    page = "jobs/product-designer-warehouse-apps/"
    tree = lxml.html.fromstring((example_site / page / "index.html").read_bytes())
    address = SITE_URL + page
    encoded = urllib.parse.quote(address, safe="")
    links = tree.xpath("//section[contains(@class,'cm-share')]//a/@href")
    assert len(links) == 3
    for href in links:
        parts = urllib.parse.urlsplit(href)
        query = urllib.parse.parse_qs(parts.query)
        assert encoded in href, href
        assert address in {*query.get("url", []), *query.get("body", [])}, href
    assert {urllib.parse.urlsplit(h).scheme for h in links} == {"https", "mailto"}
    [copy] = tree.xpath("//input[@id='cm-share-url']/@value")
    assert copy == address
    # Plain links: no script, frame or image of a social network on the page.
    html = (example_site / page / "index.html").read_text(encoding="utf-8")
    for host in ("linkedin.com", "x.com", "twitter.com"):
        assert not re.search(rf"<(script|iframe|img)[^>]+{re.escape(host)}", html)


def _build(build_site: BuildSite, project: Path, out: Path) -> tuple[int, int]:
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    found = CARDS.search(result.stderr)
    assert found, result.stderr
    return int(found.group(1)), int(found.group(2))


def _cards(site: Path) -> dict[str, bytes]:
    root = site / "assets" / "social"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.png")}


def test_cards_are_cached_by_content(tmp_path: Path, build_site: BuildSite) -> None:
    entries = {
        "news/2026-10-01-one.md": front("title: First news\ndate: 2026-10-01"),
        "news/2026-10-02-two.md": front("title: Second news\ndate: 2026-10-02"),
    }
    project = make_project(tmp_path / "project", entries)
    drawn, reused = _build(build_site, project, tmp_path / "site1")
    first = _cards(tmp_path / "site1")
    assert drawn == len(first) > 5 and reused == 0
    assert {"news/one.png", "news/two.png", "index.png", "news.png"} <= set(first)
    drawn, reused = _build(build_site, project, tmp_path / "site2")
    assert (drawn, reused) == (0, len(first))  # nothing changed: nothing drawn
    assert _cards(tmp_path / "site2") == first
    (project / "content/news/2026-10-02-two.md").write_text(
        front("title: Second news, edited\ndate: 2026-10-02"), encoding="utf-8")
    drawn, reused = _build(build_site, project, tmp_path / "site3")
    assert (drawn, reused) == (1, len(first) - 1)  # only the edited entry's card
    third = _cards(tmp_path / "site3")
    changed = {name for name in first if first[name] != third[name]}
    assert changed == {"news/two.png"}


def test_cards_can_be_turned_off(tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project", {
        "news/2026-10-01-one.md": front("title: First news\ndate: 2026-10-01")},
        config_edit={"social_cards": False})
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not CARDS.search(result.stderr)
    assert not (tmp_path / "site" / "assets" / "social").exists()
    assert not (project / ".cache").exists()
    meta = _meta(lxml.html.fromstring(
        (tmp_path / "site" / "news" / "one" / "index.html").read_bytes()))
    assert "og:image" not in meta and meta["twitter:card"] == "summary"
    assert meta["og:url"] == SITE_URL + "news/one/"


def test_card_shows_the_title_on_the_brand_colour(example_site: Path) -> None:
    options = next(p["community"] for p in yaml.safe_load(
        (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["plugins"]
        if isinstance(p, dict) and "community" in p)
    primary = options["brand"]["primary"].lstrip("#")
    expected = tuple(int(primary[i:i + 2], 16) for i in (0, 2, 4))
    with Image.open(example_site / "assets/social/jobs/product-designer-warehouse-apps.png") \
            as card:
        rgb = card.convert("RGB")
        ground = rgb.getpixel((600, 20))
        assert all(abs(a - b) <= 4 for a, b in zip(ground, expected, strict=True)), ground
        # White title text in the middle band: many white pixels there, none on a card of
        # another page's title in the same place (the text is really drawn).
        band = rgb.crop((80, 250, 1120, 420))
        white = sum(1 for x in range(0, band.width, 2) for y in range(0, band.height, 2)
                    if min(band.getpixel((x, y))) >= 240)
        assert white > 500


@pytest.mark.parametrize(("brand", "message"), [
    ({"primary": "#8ab4f8"}, "plugins.community.brand.primary: white header text on #8ab4f8"),
    ({"primary": "#0b3d5c", "accent": "#ffcc00"},
     "plugins.community.brand.accent: #ffcc00 as hovered link text on white"),
    ({"primary": "navy"}, "plugins.community.brand.primary"),
])
def test_unreadable_brand_colours_are_settings_errors(
    tmp_path: Path, build_site: BuildSite, brand: dict[str, str], message: str
) -> None:
    project = make_project(tmp_path / "project", {
        "news/2026-10-01-one.md": front("title: First news\ndate: 2026-10-01")},
        config_edit={"brand": brand})
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "mkdocs.yml:" in result.stderr and "Traceback" not in result.stderr


def test_a_title_the_font_cannot_draw_is_left_off_not_boxed() -> None:
    from generator.social import CardText, SocialCards

    cards = SocialCards("Site", "#0b3d5c", None, REPO_ROOT / "content/assets/logo.svg", None)
    assert cards.drawable("Sabine Krüger — Ça va, Łódź, Straße")
    assert not cards.drawable("数据工程师")
    chinese = cards.card(CardText("数据工程师，物流平台（上海）", "Role", "Site"))
    other_chinese = cards.card(CardText("上海开放日", "Role", "Site"))
    latin = cards.card(CardText("Data engineer", "Role", "Site"))
    assert chinese == other_chinese != latin  # no title drawn: no boxes either
    with Image.open(io.BytesIO(chinese)) as card:
        assert card.size == (1200, 630)


def test_drawing_the_same_card_twice_gives_the_same_bytes() -> None:
    """Reproducible builds do not depend on the cache: a card drawn afresh is the same file."""
    from generator.social import CardText, SocialCards

    text = CardText("Product Designer, Warehouse Apps", "Role", "Northwind talent community")
    first, second = (
        SocialCards("Northwind talent community", "#0b3d5c", "#b34a00",
                    REPO_ROOT / "content/assets/logo.svg", None).card(text)
        for _ in range(2))
    assert first == second


def test_mkdocs_serve_draws_no_card(tmp_path: Path) -> None:
    """The core as `mkdocs serve` runs it (site.serve): pages keep their tags, no card is
    drawn or read, so a rebuild on save does not pay for a thousand PNG files."""
    from datetime import UTC, datetime

    from generator.build import build
    from tests.fixtures.project import load_site_and_settings

    project = make_project(tmp_path / "project", {
        "news/2026-10-01-one.md": front("title: First news\ndate: 2026-10-01")})
    site, settings = load_site_and_settings(project)
    site.serve = False
    built = build(site, settings, datetime(2026, 11, 26, tzinfo=UTC))
    assert "assets/social/news/one.png" in built.files and built.cards[0] > 0
    site.serve = True
    served = build(site, settings, datetime(2026, 11, 26, tzinfo=UTC))
    assert not [path for path in served.files if path.startswith("assets/social/")]
    assert served.cards == (0, 0)
    entry = next(page for page in served.pages if page.url == "news/one/")
    assert 'property="og:image"' in entry.head
