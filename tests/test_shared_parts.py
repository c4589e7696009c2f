"""Material's nav, search box, config and script tags are rendered once per folder of pages
outside the nav (the theme's ``community_shared``, plugin.SharedParts), and the site is byte
for byte the one that rendering them on every page gives; the search plugin parses pages
without their unindexed parts, and indexes exactly the page's own sections.

Everything goes through what a site can do itself: the sharing is turned off by a site's
own theme folder (custom_dir) whose copies of the package's templates key each part by
the page's address, so no two pages share one. The builds are the real MkDocs build, in
this process so that the plugin's public count of reused parts can be read; the project is
the bench corpus (bench/corpus.py), so folders hold many entries and listing pages.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
import yaml
from fixtures import EPOCH, REPO_ROOT
from fixtures.project import copy_example
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.plugin import THEME_DIR

N = 30
SHARED_CALL = re.compile(r'community_shared\("(\w+)"\)')


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def build_site(project: Path, site: Path) -> int:
    """Build ``project`` into ``site``; the number of parts the build reused."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config.plugins["community"].shared.reused


def render_every_part(project: Path) -> Path:
    """A copy of ``project`` whose theme folder overrides each package template that
    shares a part with one that keys the part by the page's own address as well."""
    copy = project.parent / f"{project.name}-own-parts"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    overrides = copy / "overrides"
    for template in THEME_DIR.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if SHARED_CALL.search(text):
            target = overrides / template.relative_to(THEME_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(SHARED_CALL.sub(
                r'community_shared("\1" ~ (page.url if page else ""))', text), "utf-8")
    config_file = copy / "mkdocs.yml"
    first, rest = config_file.read_text(encoding="utf-8").split("\n", 1)
    config = yaml.safe_load(rest)
    config["theme"]["custom_dir"] = "overrides"
    config_file.write_text(first + "\n" + yaml.safe_dump(config, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("shared")
    bench = importlib.util.spec_from_file_location("bench_run_shared", REPO_ROOT / "bench" /
                                                   "run.py")
    assert bench is not None and bench.loader is not None
    run = importlib.util.module_from_spec(bench)
    sys.modules[bench.name] = run
    bench.loader.exec_module(run)
    yield run.make_generator_project(N, root / "project")


def test_shared_parts_change_no_byte(project: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    reused = build_site(project, tmp_path / "shared")
    # The four parts of every entry page but the first of its folder, at least.
    assert reused >= 4 * (N - 1)

    own_parts = render_every_part(project)
    assert build_site(own_parts, tmp_path / "own") == 0  # every page rendered its own
    shared, own = site_files(tmp_path / "shared"), site_files(tmp_path / "own")
    assert shared.keys() == own.keys()
    differ = [name for name in shared if shared[name] != own[name]]
    assert not differ, differ[:5]


def test_pages_in_the_nav_render_their_own(project: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The nav marks the page it is on: the news section's first page (in the nav) and
    the home page show an active item, an entry page none."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    build_site(project, tmp_path / "site")
    site = tmp_path / "site"
    section = (site / "news" / "index.html").read_text(encoding="utf-8")
    entry = next((site / "news").glob("*/index.html")).read_text(encoding="utf-8")
    assert "md-nav__link--active" in section
    assert "md-nav__link--active" not in entry


def test_search_indexes_each_page_without_its_unindexed_parts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search plugin gets each page without its data-search-exclude parts (breadcrumb,
    share box, home sections), and the page keeps them: every heading of an entry's own
    text has its search entry, no heading inside those parts has one, and the written page
    still holds them, with the one change Material's search makes to every page
    (data-search-* attributes with a value taken out)."""
    project = copy_example(tmp_path / "example")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    site = tmp_path / "site"
    build_site(project, site)
    docs = json.loads((site / "search" / "search_index.json").read_bytes())["docs"]
    locations = {doc["location"] for doc in docs}
    checked = 0
    for page in sorted(site.glob("news/*/index.html")):
        url = f"{page.parent.relative_to(site).as_posix()}/"
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'\sdata-search-\w+="', html), url
        article = lxml.html.fromstring(html).xpath("//article")[0]
        excluded = article.xpath(".//*[@data-search-exclude]")
        assert excluded and article.xpath(".//*[@id='cm-share-title']"), url  # kept
        for heading in article.xpath(".//h2[@id] | .//h3[@id]"):
            inside = any(heading in part.iter() for part in excluded)
            assert (f"{url}#{heading.get('id')}" in locations) is not inside, (
                url, heading.get("id"))
            checked += 1
        assert url in locations
    assert checked > 10
