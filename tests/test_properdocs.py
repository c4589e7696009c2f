"""Life after Material's end of life: ProperDocs, the maintained MkDocs 1.x fork, builds the
example with the same plugin and theme, and its output equals MkDocs' apart from the
generator tag. The theme folder's templates (sitemap.xml and every override) compile in
MiniJinja, the engine of Zensical, Material's successor, so they do not block a move there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import minijinja
import pytest
from conftest import EPOCH
from fixtures.project import REPO_ROOT

THEME = REPO_ROOT / "generator" / "theme"
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def build_with_properdocs(out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    command = [sys.executable, "-m", "properdocs", "build", "-f", str(REPO_ROOT / "mkdocs.yml"),
               "-d", str(out)]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): GENERATOR_TAG.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(example_site: Path, tmp_path: Path) -> None:
    result = build_with_properdocs(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    properdocs = tmp_path / "site"
    tag = GENERATOR_TAG.search((properdocs / "index.html").read_bytes())
    assert tag and b"ProperDocs" in tag.group(0)  # really built by ProperDocs
    mkdocs, fork = files_of(example_site), files_of(properdocs)
    assert sorted(mkdocs) == sorted(fork)
    different = [path for path in mkdocs if mkdocs[path] != fork[path]]
    assert different == []
    assert len(mkdocs) > 100 and "feeds/all.rss" in mkdocs and "events/calendar.ics" in mkdocs


def theme_templates() -> list[Path]:
    return sorted(path for path in THEME.rglob("*") if path.suffix in (".html", ".xml"))


def test_theme_templates_are_found() -> None:
    names = {path.relative_to(THEME).as_posix() for path in theme_templates()}
    assert {"sitemap.xml", "main.html", "partials/community-head.html"} <= names


@pytest.mark.parametrize("template", theme_templates(), ids=lambda p: p.name)
def test_theme_templates_compile_in_minijinja(template: Path) -> None:
    minijinja.Environment().add_template(template.name, template.read_text(encoding="utf-8"))


def test_minijinja_refuses_what_it_cannot_run() -> None:
    """The check above can fail: Jinja2-only syntax is a MiniJinja syntax error."""
    with pytest.raises(Exception, match="unknown statement trans"):
        minijinja.Environment().add_template("t", "{% trans %}Hello{% endtrans %}")
