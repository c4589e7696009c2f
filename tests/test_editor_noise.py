"""Editors see only what concerns them (issue #12, item 10).

The example build says nothing about pages kept out of the nav on purpose nor about options
MkDocs does not know; ``community new job`` (singular) works and says how it read the type.
(The calendar counting a preview going public as news for its type is in test_cli.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fixtures import EPOCH, REPO_ROOT
from fixtures.project import copy_example

if TYPE_CHECKING:
    from conftest import BuildSite


def test_the_example_build_prints_nothing_an_editor_must_ignore(
        tmp_path: Path, build_site: BuildSite) -> None:
    result = build_site(REPO_ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert 'not included in the "nav"' not in result.stderr
    assert "Unrecognised configuration name" not in result.stderr
    assert "WARNING" not in result.stderr
    assert "jieba" not in result.stderr.lower() and "Prefix dict" not in result.stderr


def test_new_with_a_singular_type_works_and_says_so(tmp_path: Path) -> None:
    copy_example(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "generator.cli", "new", "job", "Data Analyst"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[:2] == [
        "('job' is read as 'jobs', the folder content/jobs/)",
        "Created content/jobs/2026-11-26-data-analyst.md"]
    assert (tmp_path / "content/jobs/2026-11-26-data-analyst.md").is_file()
