"""``community translate FILE LANGUAGE``: an entry's translation scaffolded beside it, run
through the real command (``python -m generator``) on a two-language project.

The translation keeps every fact of the original exactly (its front matter, read back, is
the original's but for the fields in words, which are marked, and slug, lang and source,
which a translation does not carry), passes ``community check`` and the build, and the
command refuses an unknown language, a file that is no entry, a language the entry is
already in and a translation that exists, each with a clear message and without touching
any file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest
from fixtures import EPOCH
from fixtures.project import front, make_project, run_check

LANGUAGES = {"en": {"name": "English"}, "zh": {"name": "中文"}}
SEGMENTS = {"teams": {"title": "Teams", "values": {"data": "Data"}}}
JOB = "jobs/2026-11-02-data-engineer.md"
JOB_FIELDS = """\
title: "Data engineer, Shanghai"
date: 2026-11-02T09:00:00+08:00
summary: >
  Build the platform that plans
  our routes.
team: Data
locations: ["Shanghai, China"]
workplace: hybrid
employment_type: full_time
public_on: 2026-12-14
closes: 2027-02-28
apply_url: https://jobs.example.com/data-engineer
salary: {currency: CNY, min: 300000, max: 420000, per: year}
level: Senior
slug: data-engineer
segments: [data]
tags: [data engineering, python]
source:
  ats: greenhouse
  board: northwind
  id: "4012"
image: images/route-network.svg
image_alt: A map of routes"""
EVENT = "events/2026-11-10-open-evening.md"
EVENT_FIELDS = """\
title: Open evening
date: 2026-11-10
start: 2027-01-21T18:30:00+08:00
end: 2027-01-21T20:30:00+08:00
timezone: Asia/Shanghai
format: in_person
venue:
  name: Northwind Shanghai office
  address: "2879 Longteng Avenue, Shanghai, China"
register_url: https://events.example.com/open-evening"""
ZH_ONLY = "news/2026-11-05-lunch.md"
FILES = {JOB: front(JOB_FIELDS, "We move parcels.\n\n## The team\n\nSix engineers.\n"),
         EVENT: front(EVENT_FIELDS, "Meet the team.\n"),
         ZH_ONLY: front("title: 午餐\ndate: 2026-11-05\nlang: zh", "我们一起吃午饭。\n")}
WORDS = {JOB: {"title", "summary", "tags", "image_alt", "team", "level"},
         EVENT: {"title", "venue.name", "venue.address"}}


def community(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "site", FILES, config_edit={
        "segments": SEGMENTS, "languages": LANGUAGES, "ats": None})


def files(project: Path) -> dict[str, bytes]:
    return {path.relative_to(project).as_posix(): path.read_bytes()
            for path in sorted((project / "content").rglob("*.md"))}


def test_a_translation_keeps_the_facts_and_marks_the_words(project: Path,
                                                            build_site: object) -> None:
    for original, words in WORDS.items():
        result = community(project, "translate", f"content/{original}", "zh")
        translation = original.replace(".md", ".zh.md")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Created content/{translation}\n"), result.stdout
        text = (project / "content" / translation).read_text(encoding="utf-8")
        ours, theirs = frontmatter.loads(text), frontmatter.loads(
            (project / "content" / original).read_text(encoding="utf-8"))
        # Facts exactly the original's; nothing the translation must not carry.
        assert ours.metadata == {key: value for key, value in theirs.metadata.items()
                                 if key not in ("slug", "lang", "source")}
        assert ours.content.endswith(theirs.content)
        # Each field in words sits under a mark that names it; the text is marked too.
        lines = text.splitlines()
        marked = {name for i, line in enumerate(lines) if line.strip().startswith("# TRANSLATE:")
                  for name in line.split(":", 1)[1].replace(" ", "").split(",")
                  if lines[i + 1].strip().startswith(name.split(".")[-1] + ":")}
        assert marked == words, original
        assert "<!-- TRANSLATE: the text below, into 中文 (zh)" in text
        assert f"#   content/{original}" in text
    # The Chinese-only post (lang: zh) gets its English version, x.en.md.
    result = community(project, "translate", f"content/{ZH_ONLY}", "en")
    assert result.returncode == 0, result.stderr
    english = project / "content" / ZH_ONLY.replace(".md", ".en.md")
    assert "lang" not in frontmatter.loads(english.read_text(encoding="utf-8")).metadata
    checked = run_check(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no problems" in checked.stdout
    built = build_site(project, project / "out")  # type: ignore[operator]
    assert built.returncode == 0, built.stderr
    page = (project / "out/zh/jobs/data-engineer/index.html").read_text(encoding="utf-8")
    assert "Data engineer, Shanghai" in page and 'lang="zh"' in page


@pytest.mark.parametrize(("args", "code", "message"), [
    ((f"content/{JOB}", "jp"), 2,
     "community: error: translate: 'jp' is no language of this site (declared in "
     "mkdocs.yml: en, zh)"),
    ((f"content/{JOB}", "en"), 2,
     f"community: error: translate: content/{JOB} is already in English (en)"),
    ((f"content/{ZH_ONLY}", "zh"), 2,
     f"community: error: translate: content/{ZH_ONLY} is already in 中文 (zh)"),
    (("content/privacy.md", "zh"), 2,
     "community: error: translate: content/privacy.md is no entry: name a Markdown file in "
     "one of the entry folders of content/ (news, spotlights, stories, jobs, events)"),
    (("content/jobs/nothing-here.md", "zh"), 2,
     "community: error: translate: content/jobs/nothing-here.md: no such file"),
])
def test_a_wrong_request_is_refused_and_changes_nothing(
        project: Path, args: tuple[str, str], code: int, message: str) -> None:
    before = files(project)
    result = community(project, "translate", *args)
    assert (result.returncode, result.stderr.strip()) == (code, message)
    assert files(project) == before


def test_an_existing_translation_is_never_overwritten(project: Path) -> None:
    assert community(project, "translate", f"content/{JOB}", "zh").returncode == 0
    before = files(project)
    # Named from the site's folder or from inside content/: the same entry.
    for name, where in ((f"content/{JOB}", project), (JOB, project / "content")):
        result = community(where, "-f", str(project / "mkdocs.yml"), "translate", name, "zh")
        assert (result.returncode, result.stderr.strip()) == (
            1, f"community translate: content/{JOB.replace('.md', '.zh.md')} is already its "
               "中文 (zh) version; nothing was changed"), name
    assert files(project) == before
