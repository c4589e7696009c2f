"""The gettext catalogs are complete; a site can reword any string; a Chinese site shows no
English generator string.

The catalog tests are static (keys, placeholders, every literal key the code asks for). The
override tests build the example site with its own wording and feed bad wording to the
settings. The site test builds tests/fixtures/zh-i18n (theme.language zh, every entry type and
state, a signup form) and looks inside each page's <article> - the generator's part of the page, not
Material's chrome - for any English catalog text, in the text and in the attributes people
hear or see (aria-label, title, alt, placeholder, button values). Phrases match as whole
words: "News" inside "NetNewsWire" is not the catalog's "News".
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest
from fixtures import REPO_ROOT, ZH_SITE
from fixtures.project import linked_project, load_site_and_settings

from generator.build import check
from generator.errors import ContentError
from generator.i18n import CATALOG, Translator, languages, placeholders
from generator.landing import read_landings
from generator.settings import load_settings

if TYPE_CHECKING:
    from conftest import BuildSite

SHOWN_ATTRIBUTES = ("@aria-label", "@title", "@alt", "@placeholder", "@data-copied",
                    "@data-failed", "input[@type='submit' or @type='button']/@value")
# A literal key handed to the translator: t("job.apply"), self.t("form.box.title", ...).
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+)["']""")


def test_english_and_chinese_catalogs_exist() -> None:
    assert {"en", "zh"} <= set(languages())
    assert len(CATALOG["en"]) > 150


@pytest.mark.parametrize("language", languages())
def test_every_catalog_has_every_message_with_the_same_placeholders(language: str) -> None:
    """Fuzzy and empty entries count as missing: a build would show English there."""
    english, catalog = CATALOG["en"], CATALOG[language]
    assert sorted(set(english) - set(catalog)) == [], f"{language}: missing"
    assert sorted(set(catalog) - set(english)) == [], f"{language}: not in the English catalog"
    assert [key for key in english
            if placeholders(catalog[key]) != placeholders(english[key])] == [], language


# One way of addressing the reader per catalog, the one the example's entries use: a page
# that says 你 in one sentence and 您 in the next reads as two authors. Each entry lists the
# words of the register that catalog does not use.
OTHER_REGISTER = {
    "zh": re.compile("您"),
    "de": re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(tu|toi|ton|tes)\b", re.IGNORECASE),
}


@pytest.mark.parametrize("language", sorted(OTHER_REGISTER))
def test_every_catalog_keeps_one_register(language: str) -> None:
    mixed = {key: text for key, text in CATALOG[language].items()
             if OTHER_REGISTER[language].search(text)}
    assert mixed == {}, language


def test_every_literal_key_in_the_code_is_in_the_catalog() -> None:
    sources = [*(REPO_ROOT / "generator").rglob("*.py"),
               *(REPO_ROOT / "generator" / "templates").rglob("*.html")]
    used = {key for path in sources
            for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 40
    assert sorted(used - set(CATALOG["en"])) == []


def test_translator_picks_the_language_and_formats_with_babel() -> None:
    zh = Translator("zh")
    assert zh("state.closed") == CATALOG["zh"]["state.closed"]
    assert zh.date(date(2026, 11, 26)) == "2026年11月26日"
    assert Translator("zh-Hans")("type.news") == CATALOG["zh"]["type.news"]
    assert Translator("ja")("type.news") == CATALOG["en"]["type.news"]  # no catalog: English
    own = Translator("zh", {"type.news": "动态"})
    assert own("type.news") == "动态" and own("type.jobs") == CATALOG["zh"]["type.jobs"]


def test_a_site_rewords_strings_in_mkdocs_yml(tmp_path: Path, build_site: BuildSite) -> None:
    """The example site with its own wording: on pages, in the calendar (one translator)."""
    strings = ('      strings: {job.apply: "Send us your application", '
               '"entry.published": "Posted on {date}", "calendar.name": "{site} meetups"}')
    project = linked_project(tmp_path / "project", {r"^  - community:$": "  - community:\n"
                                                    + strings})
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    job = (out / "jobs" / "data-engineer-logistics-platform-shanghai" / "index.html"
           ).read_text(encoding="utf-8")
    assert "Send us your application" in job and "Apply for this role" not in job
    news = (out / "news" / "how-we-interview-engineers" / "index.html").read_text("utf-8")
    assert "Posted on August 20, 2026" in news and "Published August 20" not in news
    calendar = (out / "events" / "calendar.ics").read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Northwind talent community meetups" in calendar


@pytest.mark.parametrize(("key", "text", "message"), [
    ("job.aply", "Apply", "'job.aply' is not an interface string; did you mean 'job.apply'?"),
    ("entry.published", "Posted {when}",
     "{when} cannot be filled in here; this string knows {date}"),
    ("job.apply", "Apply {", "has an unmatched '{' or '}'; write '{{' or '}}' for a brace itself"),
    ("job.apply", "", "must not be empty"),
])
def test_a_wrong_site_string_is_reported_with_its_line(tmp_path: Path, key: str, text: str,
                                                       message: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: S\nplugins:\n  - community:\n      organization: {name: N}\n"
                      f"      strings:\n        {key}: {text!r}\n", encoding="utf-8")
    options = {"organization": {"name": "N"}, "strings": {key: text}}
    with pytest.raises(ContentError) as raised:
        load_settings(options, config)
    assert [str(problem) for problem in raised.value.problems] == [
        f"mkdocs.yml:6: plugins.community.strings.{key}: {message}"]


def english_strings(language: str = "zh") -> set[str]:
    """English catalog texts a site in ``language`` must not show: whole values and the words
    around their placeholders, where they differ from the translation and are longer than 3
    characters."""
    found = set()
    for key, english in CATALOG["en"].items():
        if english == CATALOG[language][key]:
            continue
        for part in re.split(r"\{[^}]*\}", english):
            part = part.strip(" ·:;,.()—–-→←")
            if len(part) > 3:
                found.add(part)
    return found


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    out = tmp_path_factory.mktemp("zh") / "site"
    result = build_site(ZH_SITE, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def site_pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("assets/", "search/")))


def shown_text(site: Path, url: str, editors: set[str] | None = None) -> str:
    """What the generator shows on a page: its <article>'s text and shown attributes.

    With ``editors`` (the editors' own words: front matter values, settings labels), the
    editors' text is cut out: entry bodies and excerpts, the home page's own text, and every
    one of those words, so an English-language site can be checked for English interface.
    """
    tree = lxml.html.fromstring((site / url / "index.html").read_bytes())
    articles = tree.xpath("//article[contains(@class,'md-content__inner')]")
    assert len(articles) == 1, url
    article = articles[0]
    hidden = ".//script | .//style | .//template"
    if editors is not None:
        hidden += " | .//*[contains(@class,'cm-body') or contains(@class,'cm-card__summary')]"
        if url == "":  # the home page's own text, between the hero and the sections
            hidden += " | .//div[@class='cm-intro']"
    for element in article.xpath(hidden):
        element.drop_tree()
    attributes = [value for name in SHOWN_ATTRIBUTES for value in article.xpath(f".//{name}")]
    text = "\n".join([article.text_content(), *attributes])
    for words in sorted(editors or (), key=len, reverse=True):
        # Whole words only. Still, an editor's word that is also interface text (the tag
        # "events") hides that word on the page: the other words of a phrase remain.
        text = re.sub(rf"(?<!\w){re.escape(words)}(?!\w)", "\n", text)
    return text


def english_found(site: Path, pages: list[str], english: set[str],
                  editors: set[str] | None = None) -> list[str]:
    found = []
    for url in pages:
        text = shown_text(site, url, editors)
        found += [f"/{url}: {phrase!r}" for phrase in sorted(english)
                  if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    return found


def test_the_fixture_covers_every_type_and_state(zh_site: Path) -> None:
    pages = site_pages(zh_site)
    for url in ("news/shanghai-office-move/", "spotlights/chen-yu/", "stories/wang-jia/",
                "jobs/data-engineer-shanghai/", "jobs/backend-preview/", "jobs/intern-closed/",
                "events/data-open-evening/", "events/campus-day/", "events/online-qa/",
                "news/page/2/", "join/", "subscribe/"):
        assert url in pages, url
    assert "news/winter-plan/" not in pages  # scheduled
    closed = shown_text(zh_site, "jobs/intern-closed/")
    assert CATALOG["zh"]["state.closed"] in closed
    preview = shown_text(zh_site, "jobs/backend-preview/")
    assert CATALOG["zh"]["state.preview"].format(date="2026年12月14日") in preview


def test_zh_site_shows_no_english_generator_string(zh_site: Path) -> None:
    english = english_strings()
    assert {"This role is closed", "Upcoming events", "Published", "Apply for this role"} <= (
        english)
    found = english_found(zh_site, site_pages(zh_site), english)
    assert found == [], "\n".join(found)


def editors_words(project: Path) -> set[str]:
    """Every text an editor wrote into front matter or the plugin's settings (not enum
    values like 'online': the generator shows those through the catalog)."""
    site, settings = load_site_and_settings(project)
    words = {site.name, site.description, settings.organization.name}  # the home hero
    for axis in settings.segments.values():
        words |= {axis.title, *axis.values.values()}

    def collect(value: object) -> None:
        if type(value) is str:
            words.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect(settings.model_dump())  # every text of the plugin's settings (join form options)
    for entry in check(site, settings):
        collect(entry.fields.model_dump())
    for landing in read_landings(site.docs_dir, site.shown_docs_dir, settings)[0]:
        collect(landing.fields.model_dump())  # landing pages' titles are the editors' too
    return words - {""}


@pytest.fixture(scope="module")
def german_example(tmp_path_factory: pytest.TempPathFactory,
                   build_site: BuildSite) -> tuple[Path, Path]:
    """The example site built with ``theme.language: de`` as a one-language site (without
    its Chinese translations): (project, site)."""
    root = tmp_path_factory.mktemp("de")
    project = linked_project(root / "project", {r"^  language: en$": "  language: de"},
                             one_language=True)
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stderr
    return project, root / "site"


def generated_pages(site: Path) -> list[str]:
    """Pages the generator made or added to (plain pages like /privacy/ are the editors')."""
    return [url for url in site_pages(site) if url != "privacy/"]


def test_the_example_in_german_shows_no_english_interface(
        german_example: tuple[Path, Path]) -> None:
    project, site = german_example
    english = english_strings("de")
    assert {"This role is closed", "Upcoming events", "Published", "Apply for this role"} <= (
        english)
    found = english_found(site, generated_pages(site), english, editors_words(project))
    assert found == [], "\n".join(found)
    news = shown_text(site, "news/how-we-interview-engineers/")
    assert "Veröffentlicht am 20. August 2026" in news
    event = shown_text(site, "events/")
    assert CATALOG["de"]["listing.upcoming"] in event


def test_the_german_check_is_not_blind(german_example: tuple[Path, Path],
                                       example_site: Path) -> None:
    """The same check on the English example finds the English interface."""
    project, _ = german_example
    found = english_found(example_site, ["jobs/site-reliability-engineer/",
                                         "news/how-we-interview-engineers/"],
                          english_strings("de"), editors_words(project))
    assert {"/jobs/site-reliability-engineer/: 'This role is closed'",
            "/jobs/site-reliability-engineer/: 'See the roles that are open now'",
            "/news/how-we-interview-engineers/: 'Published'"} <= set(found)


def test_the_same_site_in_english_is_caught(tmp_path: Path, build_site: BuildSite) -> None:
    """The check is not blind: the fixture built with language en shows English phrases."""
    project = tmp_path / "project"
    shutil.copytree(ZH_SITE, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      .replace("language: zh", "language: en"), encoding="utf-8")
    out = tmp_path / "site"
    assert build_site(project, out).returncode == 0
    text = shown_text(out, "jobs/intern-closed/") + shown_text(out, "events/")
    assert {"This role is closed", "Past events", "Published"} <= {
        phrase for phrase in english_strings() if phrase in text}


def test_zh_site_formats_dates_money_and_times_in_chinese(zh_site: Path) -> None:
    news = shown_text(zh_site, "news/shanghai-office-move/")
    assert "发布于 2026年10月9日" in news
    job = shown_text(zh_site, "jobs/data-engineer-shanghai/")
    assert "25,000" in job and "/ 月" in job and "混合办公" in job
    event = shown_text(zh_site, "events/data-open-evening/")
    assert "2026年12月17日星期四" in event and "（上海时间）" in event
    online = shown_text(zh_site, "events/online-qa/")
    assert "（柏林时间）" in online and "线上" in online  # the event's own zone (Europe/Berlin)
