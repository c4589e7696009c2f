"""``community digest``: the example content in a fixed window, read back as a mail client would.

The command runs for real (in-process ``cli.main`` against the repository's mkdocs.yml at a
fixed build time); the HTML part is parsed with lxml and opened in Chromium at 600 px, its
pictures answered from the real build of the example site (the PNGs the build writes), and
checked with axe-core. The expected entries per segment are written out from the example
content's front matter (dates, segments, closing days), not computed by the digest code.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import EPOCH, REPO_ROOT
from playwright.sync_api import Page, Route

from generator import cli
from generator.digest import NEUTRAL_UNSUBSCRIBE, SIZE_LIMIT, DigestWriter, Window
from generator.i18n import CATALOG, Translator
from generator.render import make_environment
from tests.test_forms import make_settings, make_site

SITE = "https://northwind.github.io/careers/"
WINDOW = ["--since", "2026-11-01", "--until", "2026-11-26"]
EXPECTED = {  # type order (news, spotlights, stories, jobs, events), newest first in each;
    # the English digest: entries written in English (the Shanghai data engineer role, in
    # Chinese only, is in the Chinese digest, --language zh)
    "data": ["Applications are open for our 2027 graduate and internship programme",
             "Jonas Berg: from meetup guest to speaker in one year",
             "Ask our hiring managers anything (online, December)",
             "Shanghai data open evening: inside the carrier transit-time platform"],
    "berlin": ["Applications are open for our 2027 graduate and internship programme",
               "Jonas Berg: from meetup guest to speaker in one year",
               "My first year as a graduate engineer at Northwind",
               "Implementation Consultant, Warehouse Go-lives (6-month contract)",
               "Software Engineering Intern, Berlin (spring 2027)",
               "Senior Backend Engineer, Route Planning",
               "Design critique night: bring your unfinished work",
               "Ask our hiring managers anything (online, December)"],
}
SERIOUS = ("serious", "critical")


def run_digest(tmp: Path, *args: str, monkeypatch: pytest.MonkeyPatch,
               config: Path = REPO_ROOT / "mkdocs.yml") -> int:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))  # 2026-11-26 12:00 UTC
    return cli.main(["-f", str(config), "digest", *args, "--out", str(tmp)])


@pytest.fixture(scope="module")
def digests(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("digest")
    with pytest.MonkeyPatch.context() as patch:
        code = run_digest(out, *WINDOW, "--segment", "data", "--segment", "berlin",
                          monkeypatch=patch)
    assert code == 0
    return out


def html_of(out: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / f"{name}.html").read_bytes())


def titles(doc: lxml.html.HtmlElement) -> list[str]:
    return [h3.text_content() for h3 in doc.xpath("//h3")]


@pytest.mark.parametrize("segment", ["data", "berlin"])
def test_fixed_window_gives_the_expected_entries_per_segment(digests: Path,
                                                             segment: str) -> None:
    assert sorted(p.name for p in digests.iterdir()) == [
        "berlin.html", "berlin.txt", "data.html", "data.txt"]
    doc = html_of(digests, segment)
    assert titles(doc) == EXPECTED[segment]
    label = {"data": "Data", "berlin": "Berlin"}[segment]
    assert doc.xpath("//title")[0].text_content() == (
        f"What's new at Northwind for {label}: November 1, 2026 – November 26, 2026")
    # Section headings: the types present, in the catalog's words.
    assert doc.xpath("//h2/text()")[0] == CATALOG["en"]["type.news"]


@pytest.mark.parametrize("segment", ["data", "berlin"])
def test_html_part_is_made_for_mail_clients(digests: Path, segment: str) -> None:
    raw = (digests / f"{segment}.html").read_text(encoding="utf-8")
    assert len(raw.encode("utf-8")) < SIZE_LIMIT
    assert "<style" not in raw and " class=" not in raw
    doc = lxml.html.fromstring(raw)
    assert doc.get("lang") == "en"
    assert doc.xpath("//*[@class]") == [] and doc.xpath("//style") == []
    # Layout: presentation tables, the inner one 600 px.
    tables = doc.xpath("//table")
    assert all(table.get("role") == "presentation" for table in tables)
    assert tables[1].get("width") == "600"
    # Every element the inliner touched carries its style; the preheader leads, hidden.
    preheader = doc.xpath("//body/*")[0]
    assert "display: none" in preheader.get("style")
    assert preheader.text_content().startswith("New from Northwind: ")
    assert all("color:" in td.get("style") and "background-color:" in td.get("style")
               for td in doc.xpath("//td[h1 or h2 or h3 or p]"))
    # Links: absolute https to the site, with the UTM parameters; the unsubscribe placeholder.
    links = doc.xpath("//a/@href")
    unsubscribe = [href for href in links if href == NEUTRAL_UNSUBSCRIBE]
    assert len(unsubscribe) == 1
    for href in links:
        if href == NEUTRAL_UNSUBSCRIBE:
            continue
        parts = urlsplit(href)
        assert href.startswith(SITE), href
        assert parse_qs(parts.query) == {"utm_source": ["newsletter"], "utm_medium": ["email"],
                                         "utm_campaign": [f"digest-2026-11-26-{segment}"]}
    # Pictures: absolute PNGs with a width and a description.
    images = doc.xpath("//img")
    assert images
    for image in images:
        assert image.get("src").startswith(SITE + "email-images/")
        assert image.get("src").endswith(".png")
        assert image.get("width") == "560" and image.get("alt")


@pytest.mark.parametrize("segment", ["data", "berlin"])
def test_text_part_holds_every_title_and_link(digests: Path, segment: str) -> None:
    text = (digests / f"{segment}.txt").read_text(encoding="utf-8")
    doc = html_of(digests, segment)
    for title in EXPECTED[segment]:
        assert f"\n{title}\n" in text
    entry_links = {a.get("href") for a in doc.xpath("//h3/a")}
    assert entry_links and all(f"\n{link}\n" in text for link in entry_links)
    assert f"Unsubscribe: {NEUTRAL_UNSUBSCRIBE}" in text
    assert not re.search(r"<[a-z/!]", text)  # no markup in the plain-text part


def test_everyone_digest_and_nothing_to_send(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run_digest(tmp_path / "all", *WINDOW, monkeypatch=monkeypatch) == 0
    everyone = titles(html_of(tmp_path / "all", "all"))
    assert set(EXPECTED["data"]) | set(EXPECTED["berlin"]) <= set(everyone)
    assert "Draft: what changes in our remote work handbook for 2027" not in everyone
    capsys.readouterr()
    # A quiet window: a message and exit 3, and no empty mail written.
    quiet = tmp_path / "quiet"
    assert run_digest(quiet, "--since", "2026-01-01", "--until", "2026-01-31",
                      monkeypatch=monkeypatch) == cli.EXIT_NOTHING
    assert "Nothing to send: nothing went live between 2026-01-01 and 2026-01-31." in (
        capsys.readouterr().err)
    assert not quiet.exists()


def test_a_segment_with_nothing_new_is_reported_and_the_others_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """12 November: only Jonas Berg's spotlight (data, berlin) went live."""
    code = run_digest(tmp_path, "--since", "2026-11-12", "--until", "2026-11-12",
                      "--segment", "data", "--segment", "remote", monkeypatch=monkeypatch)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.html", "data.txt"]
    assert titles(html_of(tmp_path, "data")) == [
        "Jonas Berg: from meetup guest to speaker in one year"]
    assert ("Nothing new for the remote digest between 2026-11-12 and 2026-11-12: "
            "not written.") in capsys.readouterr().err


def test_same_content_and_time_give_the_same_bytes(digests: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_digest(tmp_path, *WINDOW, "--segment", "data", "--segment", "berlin",
                      monkeypatch=monkeypatch) == 0
    for name in ("data.html", "data.txt", "berlin.html", "berlin.txt"):
        assert (tmp_path / name).read_bytes() == (digests / name).read_bytes(), name


def test_a_digest_gmail_would_clip_is_refused() -> None:
    from generator.digest import Digest, size_problem

    small = Digest("data", "s", [], "x" * (SIZE_LIMIT - 1), "")
    big = Digest("data", "s", [], "é" * (SIZE_LIMIT // 2), "")  # 2 bytes each in UTF-8
    assert size_problem(small) is None
    assert size_problem(big) == (
        "the data digest is 102.0 KB of HTML; Gmail clips messages over 102 KB: choose a "
        "shorter window or one segment at a time")


def test_scheduled_entries_are_not_sent_before_they_go_live(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window reaches into the future; the digest stops at build time (Nov 26, 12:00)."""
    assert run_digest(tmp_path, "--since", "2026-11-26", "--until", "2026-12-31",
                      monkeypatch=monkeypatch) == cli.EXIT_NOTHING


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "2026-11-27", "--until", "2026-11-01"], "--since 2026-11-27 is after --until"),
    ([*WINDOW, "--segment", "munich"], "--segment 'munich' is not a declared segment"),
])
def test_usage_mistakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str], args: list[str],
                        message: str) -> None:
    assert run_digest(tmp_path / "out", *args, monkeypatch=monkeypatch) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("signup", "placeholder"), [
    ({"provider": "buttondown", "privacy_url": "privacy/",
      "endpoint": "https://buttondown.com/api/emails/embed-subscribe/northwind"},
     "{{ unsubscribe_url }}"),
    ({"provider": "mailchimp", "privacy_url": "privacy/",
      "endpoint": "https://x.us21.list-manage.com/subscribe/post?u=a&id=b",
      "segments": {s: f"group[1][{2 ** i}]" for i, s in enumerate(
          ["engineering", "design", "data", "operations", "berlin", "shanghai", "remote"])}},
     "*|UNSUB|*"),
    ({"provider": "formspree", "privacy_url": "privacy/",
      "endpoint": "https://formspree.io/f/x"}, NEUTRAL_UNSUBSCRIBE),
], ids=["buttondown", "mailchimp", "neutral"])
def test_unsubscribe_is_the_providers_merge_tag(signup: dict, placeholder: str) -> None:
    from datetime import date

    from generator.build import build
    from tests.test_forms import NOW

    settings = make_settings(signup)
    output = build(make_site(), settings, NOW)
    writer = DigestWriter(make_site(), settings, Translator("zh"), make_environment())
    digest = writer.digest(output.entries, Window(date(2026, 11, 1), date(2026, 11, 26)),
                           "data")
    doc = lxml.html.fromstring(digest.html)
    assert doc.xpath("//a/@href")[-1] == placeholder
    assert digest.text.rstrip().endswith(f"{CATALOG['zh']['digest.unsubscribe']}: "
                                         f"{placeholder}")
    # In the site's language: Chinese subject and dates.
    assert doc.get("lang") == "zh"
    assert digest.subject == CATALOG["zh"]["digest.subject_segment"].format(
        org="Northwind", segment="Data", start="2026年11月1日", end="2026年11月26日")


# ------------------------------------------------------------------------- Chromium


@pytest.mark.parametrize("segment", ["data", "berlin"])
def test_renders_at_600_px_without_sideways_scroll_and_passes_axe(
        page: Page, digests: Path, example_site: Path, segment: str) -> None:
    missing: list[str] = []

    def from_the_build(route: Route) -> None:
        path = example_site / urlsplit(route.request.url).path.removeprefix("/careers/")
        if path.is_file():
            route.fulfill(status=200, body=path.read_bytes(), content_type="image/png")
        else:
            missing.append(route.request.url)
            route.fulfill(status=404, body=b"")

    page.route("https://northwind.github.io/**", from_the_build)
    page.set_viewport_size({"width": 600, "height": 900})
    page.goto((digests / f"{segment}.html").as_uri(), wait_until="load")
    assert missing == []  # every picture is a PNG the build wrote
    loaded = page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert loaded
    assert page.evaluate("document.documentElement.scrollWidth") <= 600
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in SERIOUS]
    assert serious == []
    page.screenshot(path=str(digests / f"{segment}-600.png"), full_page=True)


# ------------------------------------------------------------------------ dark mode


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.strip().lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _style(element: lxml.html.HtmlElement, prop: str) -> str | None:
    match = re.search(rf"(?:^|;)\s*{prop}:\s*(#[0-9a-fA-F]{{6}})", element.get("style") or "")
    return match.group(1) if match else None


@pytest.mark.parametrize("segment", ["data", "berlin"])
def test_every_text_keeps_its_contrast_when_a_client_inverts_the_colours(
        digests: Path, segment: str) -> None:
    """Clients that force a dark mode (Gmail's apps, Outlook) invert light colours. Each text
    colour is checked against the background set on it or its nearest ancestor, as written
    and fully inverted: at least 4.5:1 both ways (WCAG AA), so no text vanishes."""
    doc = html_of(digests, segment)
    checked = 0
    for element in doc.xpath("//body//*[@style]"):
        color = _style(element, "color")
        if color is None or "display: none" in element.get("style"):
            continue
        chain = [element, *element.iterancestors()]
        background = next((b for e in chain if (b := _style(e, "background-color"))), None)
        assert background, element.tag
        fore, back = _rgb(color), _rgb(background)
        inverted = (tuple(255 - c for c in fore), tuple(255 - c for c in back))
        assert _contrast(fore, back) >= 4.5, (element.tag, color, background)
        assert _contrast(*inverted) >= 4.5, (element.tag, color, background, "inverted")
        checked += 1
    assert checked > 20
