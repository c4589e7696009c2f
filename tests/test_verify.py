"""``community verify site/``: the example site passes; each broken copy fails with one line.

The repository's own site is built once (conftest's ``example_site``); each case copies it,
breaks one thing the way a wrong build or a hand edit would, and runs the real command at the
same build time. The command must exit 1 and print exactly the one expected problem line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EPOCH
from fixtures.project import REPO_ROOT

SITE_URL = "https://northwind.github.io/careers/"
DRAFT = "news/remote-work-handbook-update/"  # content/news/remote-work-handbook-update.md
PREVIEW = "jobs/senior-backend-engineer-route-planning/"  # public_on after the build time


def run_verify(site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "generator.cli", "verify", str(site)],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def test_the_example_site_passes(example_site: Path) -> None:
    result = run_verify(example_site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("verified against the content and settings: "
                                          "no problems.")


def publish_the_draft(site: Path) -> None:
    assert not (site / DRAFT).exists()
    shutil.copytree(site / "news/how-we-interview-engineers", site / DRAFT)


def list_the_preview(site: Path) -> None:
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    assert SITE_URL + PREVIEW not in text
    sitemap.write_text(text.replace("</urlset>", f"<url><loc>{SITE_URL}{PREVIEW}</loc></url>"
                                    "</urlset>"), encoding="utf-8")


def index_the_draft(site: Path) -> None:
    index = site / "search/search_index.json"
    data = json.loads(index.read_bytes())
    data["docs"].append({"location": DRAFT, "title": "Handbook update", "text": ""})
    index.write_text(json.dumps(data), encoding="utf-8")


def remove_a_feed(site: Path) -> None:
    (site / "feeds/news.rss").unlink()


def add_an_external_script(site: Path) -> None:
    page = site / "news/index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</head>", '<script src="https://cdn.tracker.example/t.js">'
                                 "</script></head>", 1), encoding="utf-8")


def remove_the_json_ld(site: Path) -> None:
    page = site / "jobs/product-designer-warehouse-apps/index.html"
    text = page.read_text(encoding="utf-8")
    stripped = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text,
                      flags=re.S)
    assert stripped != text
    page.write_text(stripped, encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "published draft": (
        publish_the_draft,
        f"{DRAFT}index.html: draft entry content/news/remote-work-handbook-update.md is "
        "published"),
    "preview in the sitemap": (
        list_the_preview,
        f"sitemap.xml: lists {SITE_URL}{PREVIEW}, a preview entry "
        "content/jobs/2026-11-16-senior-backend-engineer-route-planning.md"),
    "draft in the search index": (
        index_the_draft,
        "search/search_index.json: holds the draft entry "
        "content/news/remote-work-handbook-update.md"),
    "removed feed": (
        remove_a_feed,
        "feeds/news.rss: missing: the community plugin writes this file"),
    "external script": (
        add_an_external_script,
        "news/index.html: loads https://cdn.tracker.example/t.js from another origin on "
        "load (<script>)"),
    "JSON-LD removed": (
        remove_the_json_ld,
        "jobs/product-designer-warehouse-apps/index.html: its JSON-LD block is missing"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_copy_fails_with_one_clear_line(case: str, example_site: Path,
                                                 tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    breakage, expected = CASES[case]
    breakage(site)
    result = run_verify(site)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.splitlines()
    assert lines[-1] == f"1 problem found in {site}/: do not publish it.", lines
    assert len(lines) == 2 and lines[0].startswith(f"{site}/{expected}"), lines


def test_a_site_built_without_the_plugin_fails(example_site: Path, tmp_path: Path) -> None:
    """What a front end that ignores MkDocs plugins would publish: no feeds, no calendars."""
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    shutil.rmtree(site / "feeds")
    for calendar in site.rglob("*.ics"):
        calendar.unlink()
    result = run_verify(site)
    assert result.returncode == 1
    assert f"{site}/feeds/all.rss: missing" in result.stderr
    assert f"{site}/events/calendar.ics: missing" in result.stderr


def test_publish_verifies_between_build_and_upload() -> None:
    import yaml

    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/publish.yml").read_text(
        encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "").strip() for step in steps]
    build = runs.index("bash scripts/build-site")
    verify = runs.index("community verify site/")
    upload = next(i for i, step in enumerate(steps)
                  if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build < verify < upload
    assert steps[verify]["env"]["SITE_URL"] == steps[build]["env"]["SITE_URL"]
    fixed = next(i for i, run in enumerate(runs) if "SOURCE_DATE_EPOCH" in run)
    assert fixed < build and '>> "$GITHUB_ENV"' in runs[fixed]
