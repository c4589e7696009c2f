"""Problems as GitHub Actions workflow commands, so they show inline on a pull request.

``::error file=<path>,line=<n>,title=<title>::<message>`` on stdout; the runner turns each into
an annotation on that line of the diff. Escaping follows the Actions toolkit (command.ts):
in the message ``%``, CR and LF are percent-encoded; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from .errors import Problem

Level = Literal["error", "warning"]


def in_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: Level, file: str) -> str:
    properties = {"file": file, "line": str(max(problem.line, 1)),
                  "title": f"community check: {problem.field}"}
    listed = ",".join(f"{key}={_property(value)}" for key, value in properties.items())
    return f"::{level} {listed}::{_data(problem.message)}"


def annotations(problems: Iterable[Problem], level: Level, site_dir: Path,
                workspace: Path) -> list[str]:
    """One command per problem; ``file`` is relative to the checkout (``workspace``), since a
    problem's path is relative to the folder of mkdocs.yml (``site_dir``)."""
    lines = []
    for problem in problems:
        where = (site_dir / problem.path).resolve()
        try:
            file = where.relative_to(workspace.resolve()).as_posix()
        except ValueError:
            file = problem.path
        lines.append(annotation(problem, level, file))
    return lines
