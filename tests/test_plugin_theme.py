"""The plugin brings its own theme files: a site needs no copy of them, and may override each.

The package's page shell, partials, sitemap, stylesheets and scripts (``generator/theme/``) join
the theme's search path after the site's ``custom_dir``; the core's page templates are
overridden from ``<custom_dir>/community/``. Each test builds a small project with the real
``mkdocs build``.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from conftest import BuildSite
from fixtures import REPO_ROOT
from fixtures.project import front, make_project

from generator.plugin import HEAD_PARTIAL, SCRIPTS, STYLESHEETS

ROLE = "jobs/2026-11-01-warehouse-lead.md"
ROLE_FIELDS = """\
title: Warehouse lead
date: 2026-11-01
team: Operations
locations: [Berlin]
workplace: onsite
employment_type: full_time
public_on: 2027-03-01
"""  # a community preview at the tests' build time (2026-11-26)
NEWS = "news/2026-10-01-hello.md"


def _project(root: Path, theme_lines: str, extra: str = "") -> Path:
    project = make_project(root, {NEWS: front("title: Hello\ndate: 2026-10-01"),
                                  ROLE: front(ROLE_FIELDS)})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  name: material\n") == 1
    text = text.replace("  name: material\n", "  name: material\n" + theme_lines) + extra
    config.write_text(text, encoding="utf-8")
    return project


def test_a_main_html_without_the_head_block_fails_the_build_naming_it(
        tmp_path: Path, build_site: BuildSite) -> None:
    project = _project(tmp_path / "project", "  custom_dir: overrides\n")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="x" content="y">'
        "{% endblock %}\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "overrides/main.html" in result.stderr
    assert f'{{% include "{HEAD_PARTIAL}" %}}' in result.stderr
    assert "{% block extrahead %}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_site_overrides_any_file_and_its_listed_assets_come_once(
        tmp_path: Path, build_site: BuildSite) -> None:
    listed = ("extra_css:\n  - assets/stylesheets/community.css\n  - site.css\n"
              "extra_javascript:\n  - ./assets/javascripts/forms.js\n")
    project = _project(tmp_path / "project", "  custom_dir: overrides\n", "\n" + listed)
    overrides = project / "overrides"
    (overrides / "community").mkdir(parents=True)
    # The page shell: the site's own, keeping the community head block.
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}'
        f'{{% include "{HEAD_PARTIAL}" %}}<meta name="site-shell" content="1">'
        "{% endblock %}\n", encoding="utf-8")
    # A core page template: the package's own with one line added.
    package_entry = REPO_ROOT / "generator/templates/entry.html"
    (overrides / "community" / "entry.html").write_text(
        '<p id="site-entry">ours</p>\n' + package_entry.read_text(encoding="utf-8"),
        encoding="utf-8")
    (project / "content" / "site.css").write_text("body { color: black; }\n", encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr

    news = lxml.html.fromstring((out / "news/hello/index.html").read_bytes())
    assert news.xpath('//meta[@name="site-shell"]')
    assert news.xpath('//p[@id="site-entry"]')
    assert news.xpath('//link[@type="application/rss+xml"]'), "the community head is there"
    stylesheets = [href.removeprefix("../../")
                   for href in news.xpath("//link[@rel='stylesheet']/@href")]
    scripts = [src.removeprefix("../../") for src in news.xpath("//script/@src")]
    for path in (*STYLESHEETS, "site.css"):
        assert stylesheets.count(path) == 1, stylesheets
        assert (out / path).is_file()
    # The package's stylesheets come before the site's own, which win the cascade.
    assert stylesheets.index("site.css") > max(stylesheets.index(path) for path in STYLESHEETS)
    for path in SCRIPTS:
        assert scripts.count(path) == 1, scripts
        assert (out / path).is_file()

    # The package's sitemap and robots rules hold with the site's own page shell.
    role = lxml.html.fromstring((out / "jobs/warehouse-lead/index.html").read_bytes())
    assert "noindex" in role.xpath('string(//meta[@name="robots"]/@content)')
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/news/hello/" in sitemap and "warehouse-lead" not in sitemap
