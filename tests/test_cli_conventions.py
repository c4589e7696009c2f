"""Command-line conventions: ``python -m generator``, ``--version``, a description on every
``--help``, exit code 2 for usage mistakes (a missing ``-f`` file included), and GitHub Actions
annotations from ``community check`` under ``GITHUB_ACTIONS=true``."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import EPOCH
from fixtures.project import REPO_ROOT, front, make_project

from generator.annotations import annotation
from generator.cli import main, parser
from generator.errors import Problem

ANNOTATION = re.compile(r"::(error|warning) file=([^,:]+),line=(\d+),title=([^,:]+)::(.+)")


def python_m(*args: str, cwd: Path = REPO_ROOT,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m generator ...`` with the interpreter running the tests (and not the
    GitHub Actions variables of a CI run around the tests, unless ``env`` sets them)."""
    inherited = {key: value for key, value in os.environ.items()
                 if key not in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE")}
    environment = {**inherited, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1",
                   **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          env=environment, capture_output=True, text=True, timeout=120,
                          check=False)


def test_python_m_generator_runs_the_command() -> None:
    result = python_m("check")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ entries checked in [\d.]+ s: no problems", result.stdout)


def test_version() -> None:
    result = python_m("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == (
        f"community {importlib.metadata.version('talent-community')} (talent-community)")


def test_every_command_has_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    subparsers = next(action for action in parser()._actions
                      if isinstance(action, argparse._SubParsersAction))
    assert {"check", "new", "calendar", "schema"} <= set(subparsers.choices)
    for name, command in subparsers.choices.items():
        assert command.description and len(command.description) > 40, name
        with pytest.raises(SystemExit) as leaving:
            main([name, "--help"])
        assert leaving.value.code == 0
        shown = " ".join(capsys.readouterr().out.split())
        assert " ".join(command.description.split())[:60] in shown, name


@pytest.mark.parametrize("args", [
    ["-f", "no-such-mkdocs.yml", "check"],
    ["-f", "no-such-mkdocs.yml", "calendar"],
    ["no-such-command"],
    ["check", "--no-such-option"],
    [],
])
def test_usage_mistakes_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(args)
    assert leaving.value.code == 2
    error = capsys.readouterr().err
    assert "error:" in error
    if "-f" in args:
        assert "no-such-mkdocs.yml: no such file" in error and "Traceback" not in error


def test_missing_config_file_exits_2_from_the_shell(tmp_path: Path) -> None:
    result = python_m("check", cwd=tmp_path)  # no mkdocs.yml here
    assert result.returncode == 2
    assert "mkdocs.yml: no such file" in result.stderr and "Traceback" not in result.stderr


def test_annotation_escapes_what_would_break_the_command() -> None:
    problem = Problem("content/news/a,b:c.md", 7, "member.name", "50% off:\nline two, really")
    assert annotation(problem, "error", problem.path) == (
        "::error file=content/news/a%2Cb%3Ac.md,line=7,title=community check%3A member.name"
        "::50%25 off:%0Aline two, really")


def _broken_project(root: Path) -> Path:
    return make_project(root, {
        "news/2026-10-01-no-date.md": front("title: No date here"),
        "news/2026-10-02-bad-segment.md": front("title: Bad\ndate: 2026-10-02\n"
                                                "segments: [nowhere]"),
    }, with_images=False)


def test_check_prints_annotations_under_github_actions(tmp_path: Path) -> None:
    workspace = tmp_path / "checkout"
    project = _broken_project(workspace / "site")  # mkdocs.yml in a folder of the checkout
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace)}
    result = python_m("-f", "site/mkdocs.yml", "check", cwd=workspace, env=env)
    assert result.returncode == 1
    commands = [ANNOTATION.fullmatch(line) for line in result.stdout.splitlines()
                if line.startswith("::")]
    assert commands and all(commands), result.stdout
    found = {(m.group(1), m.group(2), m.group(4)) for m in commands if m}
    assert ("error", "site/content/news/2026-10-01-no-date.md", "community check%3A date") in found
    assert any(file.endswith("bad-segment.md") and "segments" in title
               for _, file, title in found)
    for match in commands:
        assert match is not None and (project.parent / match.group(2)).is_file()
        assert int(match.group(3)) >= 1
    # One annotation for each problem of the plain report on stderr.
    assert len(commands) == len(re.findall(r"^content/\S+\.md:\d+: ", result.stderr, re.M))


def test_check_prints_no_annotations_elsewhere(tmp_path: Path) -> None:
    project = _broken_project(tmp_path / "site")
    result = python_m("check", cwd=project, env={"GITHUB_ACTIONS": "false"})
    assert result.returncode == 1
    assert "::error" not in result.stdout + result.stderr
    assert "content/news/2026-10-01-no-date.md:1: date:" in result.stderr
