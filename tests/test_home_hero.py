"""The home page's hero from its own front matter (content/index.md, generator/home.py):
front matter wins over mkdocs.yml's `hero:` field by field, its text is escaped where it
lands (the page, the social card's text), and a wrong value is an editor's error with the
file, the line and the field, reported with the run's other problems. Real `mkdocs build`
and `community check` in subprocesses."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from fixtures import EPOCH
from fixtures.project import front, make_project, run_check

SETTINGS_HERO = {"headline": "Headline from mkdocs.yml", "text": "Text from mkdocs.yml."}
HOSTILE = 'Roles <script>alert("x")</script> & "more"'


def _hero(site: Path) -> tuple[str, str, int]:
    tree = lxml.html.fromstring((site / "index.html").read_bytes())
    headline = tree.xpath("string(//header[@class='cm-hero']/h1)")
    lead = tree.xpath("string(//header[@class='cm-hero']/p[@class='cm-hero__lead'])")
    return headline, lead, len(tree.xpath("//h1"))


def test_front_matter_gives_the_hero_and_wins_over_settings(tmp_path: Path, build_site) -> None:
    project = make_project(tmp_path / "project", {
        "index.md": front(f"""
title: Northwind talent community
hero:
  headline: '{HOSTILE.replace("'", "''")}'
""", "The home page's own text.\n"),
    }, config_edit={"hero": SETTINGS_HERO})
    result = build_site(project, tmp_path / "site", EPOCH)
    assert result.returncode == 0, result.stderr
    headline, lead, h1s = _hero(tmp_path / "site")
    assert headline == HOSTILE and h1s == 1  # the front matter's, shown as text
    assert lead == SETTINGS_HERO["text"]  # not given there: mkdocs.yml's
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page

    (project / "content" / "index.md").write_text(front("""
hero: {text: "Hear first about roles in Berlin, Shanghai and remote."}
"""), encoding="utf-8")
    result = build_site(project, tmp_path / "site2", EPOCH)
    assert result.returncode == 0, result.stderr
    headline, lead, _ = _hero(tmp_path / "site2")
    assert (headline, lead) == (SETTINGS_HERO["headline"],
                                "Hear first about roles in Berlin, Shanghai and remote.")


def test_a_home_page_without_front_matter_keeps_the_settings_hero(
        tmp_path: Path, build_site) -> None:
    project = make_project(tmp_path / "project", {"index.md": "# Welcome\n\nOur text.\n"},
                           config_edit={"hero": SETTINGS_HERO})
    result = build_site(project, tmp_path / "site", EPOCH)
    assert result.returncode == 0, result.stderr
    assert _hero(tmp_path / "site")[:2] == (SETTINGS_HERO["headline"], SETTINGS_HERO["text"])


def test_wrong_hero_values_are_reported_with_file_line_and_field(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {
        "index.md": front("""
title: Home
hero:
  headline: [Roles, Events]
  tagline: Hear first
"""),
        "news/2026-11-01-broken.md": front("title: A news entry without its date"),
    })
    result = run_check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith("content/index.md:4: hero.headline: ") for line in lines), lines
    assert any(line.startswith("content/index.md:5: hero.tagline: ") for line in lines), lines
    assert any(line.startswith("content/news/2026-11-01-broken.md:") for line in lines), lines
    assert "3 problems found" in result.stderr

    (project / "content" / "index.md").write_text(front("hero: Hear first"), "utf-8")
    (project / "content" / "news" / "2026-11-01-broken.md").unlink()
    result = run_check(project)
    assert result.returncode == 1
    assert result.stderr.startswith("content/index.md:2: hero: "), result.stderr
