"""CONTRIBUTING.md, replayed: every file it shows is written, every command it shows is run,
in order, on a copy of the project at the guide's date, and each pasted output must be the
command's real output. The guide cannot drift from what the tools say.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from fixtures import EPOCH, REPO_ROOT
from fixtures.project import copy_example

from generator.cli import main

GUIDE = REPO_ROOT / "CONTRIBUTING.md"
STEP = re.compile(r"<!-- guide:(run|file) (.+?) -->\n```[a-z]*\n(.*?)\n```", re.S)
TIMING = re.compile(r"^\d+ entries checked in \d+\.\d+ s", re.M)


def steps() -> list[tuple[str, str, str]]:
    return STEP.findall(GUIDE.read_text(encoding="utf-8"))


def normalized(text: str) -> str:
    """Outputs differ only in the time the check took (and the example's entry count)."""
    return TIMING.sub("N entries checked in T s", text.strip())


def test_the_guide_covers_the_editors_tasks() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for heading in ("## Add an entry", "## Preview it", "## Fix what the check reports",
                    "## Schedule: what goes live when", "## Retire a role", "## Publish"):
        assert heading in text
    assert "mkdocs serve" in text and "community calendar" in text
    kinds = [kind for kind, _, _ in steps()]
    assert kinds.count("run") >= 5 and kinds.count("file") >= 3
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.md)" in readme


def test_every_output_in_the_guide_is_real(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_example(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(tmp_path)
    for kind, what, block in steps():
        if kind == "file":
            (tmp_path / what).write_text(block + "\n", encoding="utf-8")
            continue
        program, *args = shlex.split(what)
        assert program == "community"
        capsys.readouterr()
        main(args)
        captured = capsys.readouterr()
        real = captured.out + captured.err
        assert normalized(real) == normalized(block), f"`{what}` now prints:\n{real}"
