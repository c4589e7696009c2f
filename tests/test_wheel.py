"""The package as a new user gets it: a wheel in a fresh virtual environment, one plugin line.

The wheel is built from the package's own files only (pyproject.toml, README.md, generator/),
installed with its dependencies into a fresh virtual environment (made once per session), and
added to a bare Material site: ``theme: material`` and ``plugins: [search, community]``, no
``custom_dir``, no ``extra_css`` or ``extra_javascript``. That site's ``mkdocs build --strict``
must give everything the example site promises: JSON-LD, feed autodiscovery, robots and
sitemap rules for job previews and closed roles, signup forms that post with ``fetch`` and
without JavaScript, copy buttons, the forms' styles (the honeypot out of sight) and no
serious axe-core violation on /join/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import (
    EPOCH,
    REPO_ROOT,
    FormEndpoint,
    _FormHandler,
    _RunningServer,
    _start_server,
    _StaticHandler,
)
from playwright.sync_api import Browser, Page, expect

from generator.i18n import CATALOG

EN = CATALOG["en"]
PACKAGE_FILES = ("pyproject.toml", "README.md", "generator")


@dataclass
class Venv:
    root: Path
    wheel: Path

    def bin(self, name: str) -> Path:
        return self.root / "bin" / name


def _run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
         timeout: int = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env() -> dict[str, str]:
    """No PYTHONPATH: the installed wheel, not this tree's generator, must be what runs."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(EPOCH)}


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """The wheel, built from a copy of the package's files, installed in a fresh venv."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in PACKAGE_FILES:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(path, source / name)
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source], tmp,
         _clean_env())
    (wheel,) = dist.glob("*.whl")
    venv = tmp / "venv"
    # No pip inside (the test's own pip installs into it: --python) and no byte-compiling of
    # every dependency: a third of the fixture's time, and nothing the site needs.
    _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp, _clean_env())
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
          "--no-compile", wheel], tmp, _clean_env())
    return Venv(venv, wheel)


def test_the_wheel_carries_templates_theme_and_catalogs(wheel_venv: Venv) -> None:
    names = set(zipfile.ZipFile(wheel_venv.wheel).namelist())
    for path in ("generator/theme/main.html", "generator/theme/sitemap.xml",
                 "generator/theme/partials/community-head.html",
                 "generator/theme/assets/stylesheets/forms.css",
                 "generator/theme/assets/javascripts/forms.js",
                 "generator/templates/entry.html"):
        assert path in names, path
    assert any(name.startswith("generator/locales/") and name.endswith(".po")
               for name in names)
    assert not any("__pycache__" in name or name.startswith("tests/") for name in names)


# ------------------------------------------------------------------------- the bare site

BARE_CONFIG = """\
site_name: Bare Material site
site_url: {url}
theme:
  name: material
plugins:
  - search
  - community:
      organization:
        name: Bare Company
        url: https://bare.example
      signup:
        endpoint: {endpoint}
        privacy_url: privacy/
"""

JOB = """\
---
title: {title}
date: {date}
team: Operations
locations: [Berlin]
workplace: onsite
employment_type: full_time
apply_url: https://bare.example/apply
{extra}
---

Run the warehouse floor with a team of twelve.
"""

BARE_CONTENT = {
    "index.md": "# Bare Material site\n\nWelcome.\n",
    "privacy.md": "# Privacy\n\nWe keep your address until you leave.\n",
    "news/2026-10-01-hello.md": "---\ntitle: Hello\ndate: 2026-10-01\n---\n\nWe are here.\n",
    # At the tests' build time (2026-11-26): a community preview, an open and a closed role.
    "jobs/2026-11-20-preview-role.md": JOB.format(
        title="Preview role", date="2026-11-20", extra="public_on: 2027-03-01"),
    "jobs/2026-11-02-open-role.md": JOB.format(
        title="Open role", date="2026-11-02", extra="closes: 2027-01-31"),
    "jobs/2026-09-01-closed-role.md": JOB.format(
        title="Closed role", date="2026-09-01", extra="closes: 2026-10-31"),
}


@dataclass
class BareSite:
    root: Path
    base: str
    endpoint: FormEndpoint
    stderr: str

    def html(self, path: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.root / path / "index.html").read_bytes())


@pytest.fixture(scope="module")
def bare_site(wheel_venv: Venv, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[BareSite]:
    tmp = tmp_path_factory.mktemp("bare")
    out = tmp / "site"
    out.mkdir()
    endpoint = FormEndpoint()
    form_server = _start_server(type("FormHandler", (_FormHandler,), {"endpoint": endpoint}))
    endpoint.origin = form_server.origin
    site_server = _start_server(type("SiteHandler", (_StaticHandler,),
                                     {"root": out, "prefix": "/"}))
    servers: list[_RunningServer] = [form_server, site_server]
    project = tmp / "project"
    for name, text in BARE_CONTENT.items():
        path = project / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        BARE_CONFIG.format(url=site_server.origin + "/", endpoint=endpoint.url), encoding="utf-8")
    env = _clean_env()
    where = _run([wheel_venv.bin("python"), "-c", "import generator; print(generator.__file__)"],
                 project, env).stdout
    assert Path(where.strip()).is_relative_to(wheel_venv.root), where
    result = _run([wheel_venv.bin("mkdocs"), "build", "--strict", "-d", out], project, env)
    yield BareSite(out, site_server.origin + "/", endpoint, result.stderr)
    for server in servers:
        server.stop()


def test_the_bare_site_builds_strict_with_no_warning(bare_site: BareSite) -> None:
    assert "WARNING" not in bare_site.stderr, bare_site.stderr


def test_json_ld_and_feed_autodiscovery(bare_site: BareSite) -> None:
    def types(path: str) -> set[str]:
        scripts = bare_site.html(path).xpath('//script[@type="application/ld+json"]/text()')
        found = set()
        for script in scripts:
            data = json.loads(script)
            for item in data.get("@graph", [data]):
                found.add(item["@type"])
        return found

    assert "JobPosting" in types("jobs/open-role")
    assert types("news/hello") & {"NewsArticle", "BlogPosting", "Article"}
    home = bare_site.html("")
    feeds = home.xpath('//link[@rel="alternate"][@type="application/rss+xml" or '
                       '@type="application/atom+xml"]/@href')
    assert feeds, "no feed autodiscovery on the home page"
    for href in feeds:
        assert not href.startswith(("http:", "https:", "/")), href
        assert (bare_site.root / href).is_file(), href


def test_previews_and_closed_roles_stay_out_of_search_engines(bare_site: BareSite) -> None:
    def robots(path: str) -> str:
        return str(bare_site.html(path).xpath('string(//meta[@name="robots"]/@content)'))

    assert "noindex" in robots("jobs/preview-role")
    assert "noindex" in robots("jobs/closed-role")
    assert "noindex" not in robots("jobs/open-role")
    sitemap = (bare_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "jobs/open-role/" in sitemap and "news/hello/" in sitemap
    assert "preview-role" not in sitemap and "closed-role" not in sitemap


def _fill_join(page: Page) -> None:
    page.fill("#cm-join-email", "ada@example.com")
    page.check("#cm-join-consent")


def test_join_form_posts_with_fetch_in_place(page: Page, bare_site: BareSite) -> None:
    bare_site.endpoint.requests.clear()
    page.goto(bare_site.base + "join/")
    _fill_join(page)
    page.click("#cm-join button[type=submit]")
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    assert page.url == bare_site.base + "join/"
    (post,) = bare_site.endpoint.posts
    assert post.headers["Accept"] == "application/json"
    assert post.get("email") == "ada@example.com"


def test_join_form_posts_without_javascript(browser: Browser, bare_site: BareSite) -> None:
    bare_site.endpoint.requests.clear()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bare_site.base + "join/")
    _fill_join(page)
    with page.expect_navigation():
        page.click("#cm-join button[type=submit]")
    assert page.url == bare_site.base + "join/thanks/"
    (post,) = bare_site.endpoint.posts
    assert "application/json" not in post.headers.get("Accept", "")
    assert post.get("email") == "ada@example.com"
    context.close()


def test_forms_are_styled_and_the_honeypot_is_out_of_sight(page: Page,
                                                           bare_site: BareSite) -> None:
    page.goto(bare_site.base + "join/")
    trap = page.locator("#cm-join .cm-form__trap")
    box = trap.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, box
    # The label inside is wider, but clipped by its box: nothing of it can be seen or hit.
    assert trap.evaluate("e => getComputedStyle(e).overflow") == "hidden"
    label = page.locator("#cm-join .cm-form__trap label")
    label.scroll_into_view_if_needed()
    hit = label.evaluate("""e => { const r = e.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!at && e.parentElement.contains(at); }""")
    assert hit is False, "the honeypot's label can be seen and clicked"
    border = page.locator("#cm-join-email").evaluate(
        "e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopWidth]")
    assert border[0] != "none" and float(border[1].removesuffix("px")) >= 1, border


def test_copy_buttons_copy_the_feed_address(page: Page, bare_site: BareSite) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=bare_site.base.rstrip("/"))
    page.goto(bare_site.base + "subscribe/")
    button = page.locator("button[data-copy]").first
    target = button.get_attribute("data-copy")
    address = page.locator(f"#{target}").input_value()
    assert address.startswith(bare_site.base)
    button.click()
    page.wait_for_function("want => navigator.clipboard.readText().then(t => t === want)",
                           arg=address, timeout=5000)


def test_join_page_has_no_serious_axe_violation(page: Page, bare_site: BareSite) -> None:
    page.goto(bare_site.base + "join/", wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
