"""Quality gate: every HTML file of the built example site is valid HTML (Nu HTML Checker).

One ``java -jar vnu.jar`` run over the whole site (starting the JVM per page would cost
seconds each). The only messages ignored are Material's own, listed in ``vnu_filters.py``.
Our stylesheets (those that come from ``generator/theme/``) are checked as CSS in the same run.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures import REPO_ROOT
from vnu_filters import MATERIAL_MESSAGES, is_material_message

THEME = REPO_ROOT / "generator" / "theme"
# Failures are errors of every subtype ("fatal" included) and files vnu could not read;
# "info" messages (warnings) do not fail the gate.
FAILING_TYPES = {"error", "non-document-error"}


def _our_stylesheets(site: Path) -> list[Path]:
    """Stylesheets of the built site from ``generator/theme/`` (Material's are minified)."""
    return sorted(
        path for path in site.rglob("*.css") if (THEME / path.relative_to(site)).is_file()
    )


@pytest.fixture(scope="module")
def html_files(example_site: Path) -> list[Path]:
    return sorted(example_site.rglob("*.html"))


@pytest.fixture(scope="module")
def vnu_messages(vnu_jar: Path, example_site: Path, html_files: list[Path]) -> list[dict[str, Any]]:
    """vnu's JSON messages for every HTML file of the site and our stylesheets, in one run."""
    files = [*html_files, *_our_stylesheets(example_site)]
    command = ["java", "-jar", str(vnu_jar), "--format", "json", "--stdout", "--also-check-css"]
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=300, check=False
    )
    # vnu exits 1 when it found errors; anything else that is not JSON is a broken run.
    assert result.returncode in (0, 1), f"vnu failed to run:\n{result.stderr}\n{result.stdout}"
    report = json.loads(result.stdout)
    messages: list[dict[str, Any]] = report["messages"]
    return messages


def _describe(message: dict[str, Any], site: Path) -> str:
    where = str(message.get("url", "")).removeprefix("file:").removeprefix(str(site) + "/")
    line = message.get("lastLine", "?")
    source = " ".join(str(message.get("extract", "")).split())
    return f"{where}:{line}: {message['message']}\n    {source}"


def _failures(messages: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for message in messages:
        if message.get("type") in FAILING_TYPES and not is_material_message(message):
            yield message


def test_every_page_is_valid_html(
    vnu_messages: list[dict[str, Any]], example_site: Path, html_files: list[Path]
) -> None:
    # A site this size has dozens of pages; a handful means the build or the glob broke.
    assert len(html_files) > 20, f"only {len(html_files)} HTML files in {example_site}"
    failures = [_describe(message, example_site) for message in _failures(vnu_messages)]
    assert not failures, f"{len(failures)} Nu HTML Checker errors:\n" + "\n".join(failures)


def test_our_stylesheets_are_checked(example_site: Path) -> None:
    assert _our_stylesheets(example_site), "our stylesheets are missing from the site"


def test_filters_only_hide_materials_own_markup() -> None:
    """The same message from our own markup is NOT filtered: only Material's elements are."""
    ours = '<input type="checkbox" name="interests" value="design" autocomplete="off">'
    for known in MATERIAL_MESSAGES:
        theirs = {"message": known.message, "extract": known.markup, "hiliteStart": 0}
        theirs["hiliteLength"] = len(known.markup)
        assert is_material_message(theirs)
        assert known.reason.strip()
        mine = {"message": known.message, "extract": ours, "hiliteStart": 0, "hiliteLength": 60}
        assert not is_material_message(mine)
        assert not is_material_message({**theirs, "message": known.message + " "})


def test_feed_autodiscovery_links_are_valid(
    vnu_messages: list[dict[str, Any]], html_files: list[Path]
) -> None:
    """Feed autodiscovery is rel exactly "alternate" (what readers match), and valid HTML."""
    marker = 'rel="alternate" type="application/rss+xml"'
    texts = [path.read_text(encoding="utf-8") for path in html_files]
    assert any(marker in text for text in texts)
    assert not any('rel="alternate feed"' in text for text in texts)
    about_feeds = [m for m in vnu_messages if "application/rss+xml" in str(m.get("extract", ""))]
    assert not about_feeds, about_feeds
