"""Entry types are declared once (generator/entry_types.py) and every stage follows them.

- A sixth type, declared in this file alone (model, strings, facts template), is built by the
  real ``mkdocs build`` (in this process, where it is registered): its pages, listing, home
  section, feeds and JSON-LD appear, ``community check`` rules apply to it and
  ``community new`` writes its file.
- The built-in declarations agree with the rest of the repository: folders, models, catalog
  keys in every language, templates, the builders they name and the committed schemas.
- No module outside the declarations branches on a type's name or names a built-in type at
  all: settings (``report.cadence``) and ``community import`` (the type that declares
  ``ats_import``) follow the registry, so a sixth type works there too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, ClassVar

import feedparser
import lxml.html
import pytest
from conftest import EPOCH, REPO_ROOT
from fixtures.project import front, load_site_and_settings, make_project
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from pydantic import Field

from generator.build import check
from generator.cards import CardMaker
from generator.cli import main
from generator.entry_types import BUILT_IN, TYPES, EntryType, register, unregister
from generator.errors import ContentError
from generator.fields import HttpsUrl
from generator.forms import SignupForms
from generator.i18n import CATALOG, languages
from generator.model import EntryFields, JobFields
from generator.scaffold import create_entry
from generator.schema import entry_schema
from generator.structured_data import StructuredData

TEMPLATES = REPO_ROOT / "generator" / "templates"


class PodcastFields(EntryFields):
    kind: ClassVar[str] = "podcasts"
    episode_url: HttpsUrl
    """Where to listen."""
    minutes: Annotated[int, Field(ge=1, le=600)]
    """Its length."""
    guest: str | None = None
    """Who talks with us."""


PODCASTS = EntryType(
    PodcastFields, "Podcast episodes", alias="podcast",
    hints={"episode_url": "the episode's page, https://...", "minutes": "its length"},
    examples={"guest": "Name, Role"},
    jsonld={},
    strings={"en": {"type.podcasts": "Podcast episodes", "one.podcasts": "Episode",
                    "feed.about.podcasts": "Conversations from {org}.",
                    "podcast.listen": "Listen ({minutes} minutes)"}},
    templates={"facts/podcasts.html":
               '<p class="cm-podcast"><a href="{{ link(entry.fields.episode_url) }}">'
               '{{ t("podcast.listen", minutes=entry.fields.minutes) }}</a></p>'},
)

EPISODE = front("""
title: "Episode 1: how we plan routes"
date: 2026-11-20
episode_url: https://podcast.example/episodes/1
minutes: 42
segments: [engineering]
tags: [podcast]
""", "Two route planners on the problem they solve every morning.\n")


@pytest.fixture
def podcasts() -> Iterator[EntryType]:
    register(PODCASTS)
    try:
        yield PODCASTS
    finally:
        unregister("podcasts")


def build_in_process(project: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real ``mkdocs build`` of ``project``, in this process (where the type is known)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def test_a_sixth_type_from_this_file_alone_is_built(
        podcasts: EntryType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project",
                           {"podcasts/2026-11-20-how-we-plan-routes.md": EPISODE})
    out = tmp_path / "site"
    build_in_process(project, out, monkeypatch)

    page = lxml.html.fromstring((out / "podcasts/how-we-plan-routes/index.html").read_bytes())
    listen = page.xpath("//p[@class='cm-podcast']/a")
    assert [(a.get("href"), a.text) for a in listen] == [
        ("https://podcast.example/episodes/1", "Listen (42 minutes)")]
    assert "Two route planners" in page.text_content()

    listing = (out / "podcasts/index.html").read_text(encoding="utf-8")
    assert "podcasts/how-we-plan-routes/" in listing and "Podcast episodes" in listing
    home = lxml.html.fromstring((out / "index.html").read_bytes())
    assert home.xpath("//section[@aria-labelledby='cm-home-podcasts']//a"
                      "[contains(@href, 'podcasts/how-we-plan-routes/')]")

    feed = feedparser.parse((out / "feeds/podcasts.rss").read_bytes())
    assert not feed.bozo and feed.feed.description == "Conversations from Northwind."
    assert [e.id for e in feed.entries] == [
        "https://northwind.github.io/careers/podcasts/how-we-plan-routes/"]
    everything = feedparser.parse((out / "feeds/all.atom").read_bytes())
    assert any(e.id.endswith("podcasts/how-we-plan-routes/") for e in everything.entries)
    segment = (out / "segments/engineering/index.html").read_text(encoding="utf-8")
    assert "podcasts/how-we-plan-routes/" in segment


def test_a_sixth_type_is_checked_and_scaffolded(podcasts: EntryType, tmp_path: Path) -> None:
    wrong = front("""
title: An episode without its address
date: 2026-11-20
minutes: 0
""")
    project = make_project(tmp_path / "project",
                           {"podcasts/2026-11-21-no-address.md": wrong})
    site, settings = load_site_and_settings(project)
    with pytest.raises(ContentError) as raised:
        check(site, settings)
    problems = {(p.path, p.field) for p in raised.value.problems}
    assert ("content/podcasts/2026-11-21-no-address.md", "episode_url") in problems
    assert ("content/podcasts/2026-11-21-no-address.md", "minutes") in problems

    created = create_entry(site.docs_dir, "podcast", "Episode 2", date(2026, 11, 26),
                           None, settings.segment_ids)
    text = created.read_text(encoding="utf-8")
    assert created.parent.name == "podcasts"
    assert 'episode_url: "TODO: the episode\'s page, https://..."' in text
    assert "# guest: Name, Role" in text
    assert entry_schema(PodcastFields)["properties"]["minutes"]["description"] == "Its length."


# ------------------------------------------------------------------------- agreement


def declared_templates(entry_type: EntryType) -> list[str]:
    names = [entry_type.facts_template]
    return names + ([entry_type.feed_facts_template] if entry_type.feed_facts_template else [])


def declared_keys(entry_type: EntryType) -> set[str]:
    """Every catalog key a built-in declaration names, and the per-type keys."""
    kind = entry_type.kind
    keys = {f"type.{kind}", f"one.{kind}", f"feed.about.{kind}", entry_type.empty}
    keys |= {group.title for group in entry_type.groups}
    keys |= {group.note for group in entry_type.groups if group.note}
    keys |= {key for key in (entry_type.home.heading, entry_type.home.count) if key}
    for name in entry_type.filters:
        keys |= {f"filter.{name}", f"filter.{name}.all"}
    if entry_type.filters:
        keys |= {f"filter.label.{kind}", f"filter.count.{kind}", f"filter.count_one.{kind}",
                 f"filter.count_none.{kind}"}
    return keys


@pytest.mark.parametrize("entry_type", BUILT_IN, ids=[t.kind for t in BUILT_IN])
def test_the_declarations_agree_with_the_repository(entry_type: EntryType) -> None:
    kind = entry_type.kind
    assert TYPES[kind] is entry_type
    assert (REPO_ROOT / "content" / kind).is_dir(), f"the example has no content/{kind}/"
    assert issubclass(entry_type.model, EntryFields)
    assert (REPO_ROOT / "schemas" / f"{kind}.schema.json").is_file()
    schema = json.loads((REPO_ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    assert set(schema["properties"]) == set(entry_type.model.model_fields)
    for name in declared_templates(entry_type):
        assert (TEMPLATES / name).is_file(), name
    for language in languages():
        missing = sorted(declared_keys(entry_type) - set(CATALOG[language]))
        assert missing == [], f"{language}: {missing}"
    assert entry_type.card is None or callable(getattr(CardMaker, entry_type.card))
    assert entry_type.form is None or callable(getattr(SignupForms, entry_type.form))
    for builder in entry_type.jsonld.values():
        assert callable(getattr(StructuredData, builder))
    assert not entry_type.strings and not entry_type.templates  # built-ins: locales/, templates/


def test_kinds_aliases_and_folders_are_unique() -> None:
    assert list(TYPES) == [t.kind for t in BUILT_IN]
    aliases = [t.alias for t in BUILT_IN if t.alias]
    assert len(set(aliases)) == len(aliases) and not set(aliases) & set(TYPES)
    on_disk = {path.name for path in (REPO_ROOT / "content").iterdir() if path.is_dir()}
    assert set(TYPES) <= on_disk


# A comparison of a type's name: kind == "jobs", entry.kind in ("news", ...), by_type["x"].
BRANCH = re.compile(r"""kind\s*(?:==|!=)\s*["']|kind\s+(?:not\s+)?in\s*\(\s*["']"""
                    r"""|by_type\[\s*["']""")
DECLARATIONS = {"entry_types.py", "model.py"}


def test_no_module_or_template_branches_on_a_type_name() -> None:
    sources = [path for path in (REPO_ROOT / "generator").rglob("*")
               if path.suffix in (".py", ".html") and path.name not in DECLARATIONS]
    found = [f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
             for path in sources
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if BRANCH.search(line) and not _is_other_kind(line)]
    assert found == [], "\n".join(found)
    assert BRANCH.search('if entry.kind == "jobs":') and BRANCH.search("kind in ('a', 'b')")


def _is_other_kind(line: str) -> bool:
    """``listing.kind`` (type/segment/tag) and pydantic's error kinds are not entry types."""
    return "listing.kind" in line or bool(re.search(r"\bkind\s*(==|in)\s*\(?\s*[\"']("
                                                    r"missing|extra_forbidden|string_|too_|"
                                                    r"finite|list_type|model_|bool_|float_|"
                                                    r"enum|greater|less|object|array|"
                                                    r"string)", line))


# A quoted built-in type name ("jobs", 'events') in code or a template: a folder, a branch or
# a lookup that a sixth type would not get. Comments may name types.
TYPE_NAME = re.compile(r"""["'](?:""" + "|".join(t.kind for t in BUILT_IN) + r""")["']""")
# The applicant tracking systems' own JSON has a "jobs" list: their word, not our type.
VENDOR_FORMATS = {"ats/boards.py", "ats/fetch.py"}


def _without_comments(path: Path) -> list[str]:
    """The file's lines with comments blanked (Jinja's {# #} may span lines)."""
    text = path.read_text("utf-8")
    if path.suffix == ".html":
        text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
        return text.splitlines()
    return [line.split("#", 1)[0] for line in text.splitlines()]


def test_no_module_or_template_names_a_built_in_type() -> None:
    package = REPO_ROOT / "generator"
    sources = [path for path in package.rglob("*") if path.suffix in (".py", ".html")
               and path.name not in DECLARATIONS
               and path.relative_to(package).as_posix() not in VENDOR_FORMATS]
    found = [f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
             for path in sources
             for number, line in enumerate(_without_comments(path), 1)
             if TYPE_NAME.search(line)]
    assert found == [], "\n".join(found)
    assert TYPE_NAME.search('folder = docs_dir / "jobs"') and TYPE_NAME.search("key == 'events'")
    assert not TYPE_NAME.search('t("type.jobs")') and not TYPE_NAME.search('"jobs[3]"')


def test_report_cadence_takes_the_registered_types(podcasts: EntryType, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {}, config_edit={
        "report": {"cadence": {"podcasts": 2, "jobs": 1}}})
    _, settings = load_site_and_settings(project)
    assert settings.report.cadence == {"podcasts": 2, "jobs": 1}


def test_report_cadence_names_an_unknown_type_with_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {}, config_edit={
        "report": {"cadence": {"news": 2, "podcasts": 1}}})
    with pytest.raises(ContentError) as raised:
        load_site_and_settings(project)
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1)
                if text.strip().startswith("podcasts:"))
    assert [(p.line, p.field, p.message) for p in raised.value.problems] == [
        (line, "plugins.community.report.cadence.podcasts",
         "'podcasts' is not an entry type (the types: news, spotlights, stories, jobs, "
         "events)")]


def _import_greenhouse(project: Path,
                       monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """``community import`` of the recorded Greenhouse board into ``project``, in this
    process (where the test's types are registered): exit code, stdout, stderr."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    board = REPO_ROOT / "tests" / "fixtures" / "ats" / "greenhouse.json"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", "greenhouse:northwind", "--from", str(board)])
    return code, out.getvalue(), err.getvalue()


class RoleFields(JobFields):
    kind: ClassVar[str] = "roles"


ROLES = EntryType(RoleFields, "Open roles", ats_import=True)


def test_community_import_writes_the_type_that_declares_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="'jobs' is the type community import writes"):
        register(ROLES)  # one type takes the imported roles
    monkeypatch.setitem(TYPES, "jobs", dataclasses.replace(TYPES["jobs"], ats_import=False))
    register(ROLES)
    try:
        project = make_project(tmp_path / "project", {})
        jobs_before = sorted((project / "content" / "jobs").glob("*.md"))
        code, out, err = _import_greenhouse(project, monkeypatch)
        assert code == 0, out + err
        written = sorted(path.name for path in (project / "content" / "roles").glob("*.md"))
        assert "senior-backend-engineer-route-planning.md" in written and len(written) == 3
        assert sorted((project / "content" / "jobs").glob("*.md")) == jobs_before
        site, settings = load_site_and_settings(project)
        assert {entry.kind for entry in check(site, settings)
                if entry.src_path.startswith("roles/")} == {"roles"}
    finally:
        unregister("roles")


class BulletinFields(EntryFields):
    kind: ClassVar[str] = "bulletins"


def test_community_import_refuses_a_type_without_the_role_fields(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A type that takes imported roles must hold what the import writes; the import says
    which fields are missing and changes nothing."""
    monkeypatch.setitem(TYPES, "jobs", dataclasses.replace(TYPES["jobs"], ats_import=False))
    register(EntryType(BulletinFields, "Bulletins", ats_import=True))
    try:
        project = make_project(tmp_path / "project", {})
        before = sorted(path.name for path in (project / "content").rglob("*.md"))
        code, _, err = _import_greenhouse(project, monkeypatch)
        assert code == 1
        assert ("the 'bulletins' type takes imported roles but its model has no team, "
                "locations, workplace, employment_type, apply_url, salary, source; nothing "
                "was changed.") in err
        assert sorted(path.name for path in (project / "content").rglob("*.md")) == before
    finally:
        unregister("bulletins")
