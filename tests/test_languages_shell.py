"""One community in several languages (#18), in the plugin shell and the theme: the rules
behind the per-page language selector, plain pages with a language suffix and the tabs of
each language (generator/page_languages.py), and section pages never read as entries.
The built two-language site is checked in tests/test_languages_site.py.
"""

from __future__ import annotations

from pathlib import Path

from generator.files import is_entry_source, is_section_page
from generator.page_languages import (
    Language,
    choices,
    language_suffix,
    section_of,
    versions_alternates,
)
from generator.reader import iter_entry_files

EN, ZH = Language("en", "English", ""), Language("zh", "中文", "zh/")


def test_a_language_suffix_names_a_translation_of_the_same_page() -> None:
    assert language_suffix("privacy.zh.md", {"zh"}) == ("privacy.md", "zh")
    assert language_suffix("about/team.zh.md", {"zh"}) == ("about/team.md", "zh")
    assert language_suffix("index.zh.md", {"zh"}) == ("index.md", "zh")
    # Not a site language, no suffix, or nothing before it: the file is what it says.
    assert language_suffix("privacy.de.md", {"zh"}) is None
    assert language_suffix("privacy.md", {"zh"}) is None
    assert language_suffix(".zh.md", {"zh"}) is None
    assert language_suffix("notes.v2.md", {"zh"}) is None


def test_the_selector_goes_to_the_same_page_else_to_that_languages_home() -> None:
    translated = (("en", "jobs/x/"), ("zh", "zh/jobs/x/"), ("x-default", "jobs/x/"))
    found = choices("zh", "zh/jobs/x/", translated, [EN, ZH])
    assert [(c.language.code, c.url, c.current) for c in found] \
        == [("en", "jobs/x/", False), ("zh", "zh/jobs/x/", True)]
    alone = (("en", "news/y/"), ("x-default", "news/y/"))
    assert [(c.language.code, c.url) for c in choices("en", "news/y/", alone, [EN, ZH])] \
        == [("en", "news/y/"), ("zh", "zh/")]
    # An English entry shown in zh (untranslated: show) has its original's versions only.
    assert [(c.language.code, c.url, c.current)
            for c in choices("zh", "zh/news/y/", alone, [EN, ZH])] \
        == [("en", "news/y/", False), ("zh", "zh/news/y/", True)]


def test_versions_are_in_the_sites_language_order_with_x_default() -> None:
    assert versions_alternates({"zh": "zh/privacy/", "en": "privacy/"}, [EN, ZH]) == (
        ("en", "privacy/"), ("zh", "zh/privacy/"), ("x-default", "privacy/"))
    # A page only in another language: its own version is the default one.
    assert versions_alternates({"zh": "zh/about/"}, [EN, ZH]) == (
        ("zh", "zh/about/"), ("x-default", "zh/about/"))


def test_an_entry_page_belongs_to_its_languages_section_tab() -> None:
    assert section_of("jobs/x/", None) == "jobs"
    assert section_of("zh/jobs/x/", ZH) == "zh/jobs"
    assert section_of("", None) == ""


def test_a_section_page_and_its_translations_are_never_entries(tmp_path: Path) -> None:
    assert is_section_page("index.md") and is_section_page("index.zh.md")
    assert is_section_page("index.zh-Hant.md")
    assert not is_section_page("2026-01-01-index.zh.md") and not is_section_page("index.MD")
    assert not is_entry_source("jobs/index.zh.md") and not is_entry_source("jobs/index.md")
    assert is_entry_source("jobs/2026-11-02-data-engineer.zh.md")
    (tmp_path / "jobs").mkdir()
    for name in ("index.md", "index.zh.md", "2026-11-02-role.md"):
        (tmp_path / "jobs" / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert [path.name for _, path in iter_entry_files(tmp_path)] == ["2026-11-02-role.md"]
