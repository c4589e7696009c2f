"""Code style is part of the build: ruff over the package and the tests, and the core's
independence from MkDocs (only plugin.py and cli.py may import it)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from fixtures import REPO_ROOT

SHELL_MODULES = {"plugin.py", "cli.py"}


def test_ruff_reports_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "generator", "tests",
                             "bench"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_does_not_import_mkdocs_or_material() -> None:
    core = [p for p in (REPO_ROOT / "generator").glob("*.py") if p.name not in SHELL_MODULES]
    assert len(core) > 10
    offenders = {p.name for p in core if _imported_modules(p) & {"mkdocs", "material"}}
    assert offenders == set()
