"""Hand-written pages at an address the generator owns are errors, not silent replacements."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.fixtures.project import make_project

NEWS = """---
title: A news entry
date: 2026-01-05
---
Text.
"""


def test_pages_at_generated_addresses_are_reported_and_plain_pages_pass(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", {
        "news/2026-01-05-a-news-entry.md": NEWS,
        "jobs.md": "# Jobs\n",
        "news/index.md": "# Our news\n",
        "tags/hiring.md": "# Hiring\n",
        "subscribe/index.md": "# Feeds\n",
        "about/index.md": "# About us\n",  # a plain page of its own: fine
    })
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=project,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    expected = {
        "content/jobs.md:1: file: /jobs/ is a page the generator makes",
        "content/news/index.md:1: file: /news/ is a page the generator makes",
        "content/tags/hiring.md:1: file: /tags/hiring/ is a page the generator makes",
        "content/subscribe/index.md:1: file: /subscribe/ is a page the generator makes",
    }
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), (prefix, lines)
    assert not any("about" in line for line in lines)
    assert "4 problems found" in result.stderr
