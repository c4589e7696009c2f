"""Editors preview what is not public yet, under ``mkdocs serve`` only (issue #12, item 9).

A scheduled entry answers 200 with its "not public yet: goes live on ..." banner under a
real ``mkdocs serve`` and does not exist in ``mkdocs build``; a draft's banner says when it
goes live once ``draft: true`` is removed (on its date, or at the next build when its date
has passed); a draft role previews in the state it will have once public (its badge, its
way to apply or its "tell me when it opens" form), never in a build.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
from fixtures import EPOCH
from fixtures.project import front, make_project

from generator.build import build
from generator.cli import load_site

if TYPE_CHECKING:
    from conftest import BuildSite
    from playwright.sync_api import Page

NOW = datetime.fromtimestamp(EPOCH, tz=UTC)
FILES = {
    "news/2026-12-03-later.md": front("title: Later news\ndate: 2026-12-03"),
    "jobs/2026-11-01-draft-role.md": front(
        "title: Draft role\ndate: 2026-11-01\nteam: Data\nlocations: [Berlin]\ndraft: true\n"
        "apply_url: https://ats.example.com/draft-role\ncloses: 2026-12-31"),
    "news/2026-12-05-draft-later.md": front("title: Draft later\ndate: 2026-12-05\ndraft: true"),
    "jobs/2026-11-01-draft-preview.md": front(
        "title: Draft preview\ndate: 2026-11-01\nteam: Data\nlocations: [Berlin]\n"
        "draft: true\npublic_on: 2026-12-10\napply_url: https://ats.example.com/p\n"
        "closes: 2026-12-31"),
}
BANNER = "Not public yet: goes live on December 3, 2026."
DRAFT_NOW = ("Not public yet: a draft. It goes live at the next build once ‘draft: true’ is "
             "removed from its front matter. This preview exists under mkdocs serve only.")
DRAFT_LATER = ("Not public yet: a draft. It goes live on December 5, 2026 once ‘draft: true’ "
               "is removed from its front matter. This preview exists under mkdocs serve only.")
UNPUBLISHED = ("news/later/", "jobs/draft-role/", "news/draft-later/", "jobs/draft-preview/")


def banner(html: str) -> str:
    tree = lxml.html.fromstring(html)
    return " ".join(tree.xpath("string(//p[contains(@class, 'cm-banner')])").split())


def test_core_keeps_unpublished_entries_only_for_serve(tmp_path: Path) -> None:
    project = make_project(tmp_path, FILES)
    site, settings = load_site(str(project / "mkdocs.yml"))
    built = {page.url: page for page in build(site, settings, NOW).pages}
    assert not set(UNPUBLISHED) & set(built)
    assert not any(url in page.html for page in built.values() for url in UNPUBLISHED)
    site.serve = True
    served = {page.url: page for page in build(site, settings, NOW).pages}
    assert banner(served["news/later/"].html).startswith(BANNER)
    role = lxml.html.fromstring(served["jobs/draft-role/"].html)
    assert role.xpath("string(//div[contains(@class, 'cm-entry')]/@data-state)") == "open"
    assert role.xpath("//p[contains(@class, 'cm-apply')]/a/@href") == [
        "https://ats.example.com/draft-role"]
    assert banner(served["jobs/draft-role/"].html) == DRAFT_NOW
    assert banner(served["news/draft-later/"].html) == DRAFT_LATER
    # A draft role before its public_on previews as the preview it will be once public:
    # its badge with the day candidates can apply, and the "tell me when it opens" form.
    preview = lxml.html.fromstring(served["jobs/draft-preview/"].html)
    assert banner(served["jobs/draft-preview/"].html) == DRAFT_NOW
    assert preview.xpath("string(//div[contains(@class, 'cm-entry')]/@data-state)") == "preview"
    assert " ".join(preview.xpath("string(//p[contains(@class, 'cm-badge--preview')])")
                    .split()) == "Community preview — public from December 10, 2026"
    assert "Tell me when this role opens" in preview.text_content()
    assert not preview.xpath("//p[contains(@class, 'cm-apply')]")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_serve_answers_200_with_the_banner_and_build_has_no_page(
        tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project", FILES)
    out = tmp_path / "site"
    assert build_site(project, out, EPOCH).returncode == 0
    assert not (out / "news/later").exists() and not (out / "jobs/draft-role").exists()

    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": f"http://127.0.0.1:{port}/careers/"}
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/careers/"
        deadline = time.monotonic() + 90
        status, html = 0, ""
        while time.monotonic() < deadline:
            try:
                status, html = _get(base + "news/later/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert status == 200
        assert banner(html).startswith(BANNER)
        for url, wanted in (("jobs/draft-role/", DRAFT_NOW),
                            ("news/draft-later/", DRAFT_LATER)):
            status, html = _get(base + url)
            assert status == 200 and banner(html) == wanted, url
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def _wait_for(url: str, wanted: str, seconds: float = 120) -> str:
    """Poll ``url`` until its text holds ``wanted`` (serve rebuilds after a save)."""
    deadline = time.monotonic() + seconds
    html = ""
    while time.monotonic() < deadline:
        try:
            status, html = _get(url)
            if status == 200 and wanted in html:
                return html
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last answer:\n{html[:2000]}")


def test_a_content_error_under_serve_is_the_page_until_fixed(
        tmp_path: Path, page: Page) -> None:
    """Over HTTP and in Chromium: the editor's open tab reloads itself (MkDocs' live reload)
    into the problem page after the bad save, and back into the entry after the fix."""
    good = front("title: Steady news\ndate: 2026-11-01", "The steady text.\n")
    project = make_project(tmp_path / "project", {"news/2026-11-01-steady.md": good})
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": f"http://127.0.0.1:{port}/careers/"}
    serve = subprocess.Popen(
        # Live reload on: it is what watches the files and rebuilds after a save.
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}/careers/news/steady/"
    entry = project / "content/news/2026-11-01-steady.md"
    try:
        _wait_for(address, "<p>The steady text.</p>")
        page.goto(address, wait_until="load")
        entry.write_text(good.replace("date: 2026-11-01", "date: 2026-02-30"), encoding="utf-8")
        broken = _wait_for(address, "cm-problems")
        problems = page.locator(".cm-problems")  # the open tab, never navigated by the test
        problems.wait_for(timeout=60_000)
        assert "2026-11-01-steady.md:3" in problems.inner_text()
        shown = " ".join(lxml.html.fromstring(broken).xpath(
            "string(//div[@class='cm-problems'])").split())
        assert "The site cannot be built" in shown
        assert ("content/news/2026-11-01-steady.md:3 date: '2026-02-30' is not a real date"
                in shown)
        assert not lxml.html.fromstring(broken).xpath("//div[contains(@class, 'cm-entry')]")
        entry.write_text(good, encoding="utf-8")
        fixed = _wait_for(address, "<p>The steady text.</p>")
        assert "cm-problems" not in fixed
        page.get_by_text("The steady text.").wait_for(timeout=60_000)
        assert page.locator(".cm-problems").count() == 0
    finally:
        serve.terminate()
        serve.wait(timeout=30)
