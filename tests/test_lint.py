"""Code style is part of the build: ruff over the package and the tests, and the core's
independence from MkDocs (only plugin.py and cli.py may import it)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
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


# ------------------------------------------------- the tests' shared parts (issue 15, item 6)

SHARED = REPO_ROOT / "tests" / "fixtures" / "__init__.py"  # REPO_ROOT and EPOCH, once


def _test_files() -> list[Path]:
    return sorted((REPO_ROOT / "tests").rglob("*.py"))


def _climbed_to(path: Path, node: ast.AST) -> Path | None:
    """Where ``Path(__file__)[.resolve()].parent...`` or ``.parents[n]`` leads, if it is one."""
    up = 0
    while True:
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            up, node = up + 1, node.value
        elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
              and node.value.attr == "parents" and isinstance(node.slice, ast.Constant)):
            up, node = up + int(node.slice.value) + 1, node.value.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "resolve"):
            node = node.func.value
        else:
            break
    is_here = (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
               and node.func.id == "Path" and len(node.args) == 1
               and isinstance(node.args[0], ast.Name) and node.args[0].id == "__file__")
    return path.parents[up - 1] if is_here and up else None


def test_the_tests_share_one_repository_root_and_one_epoch() -> None:
    """Only tests/fixtures/__init__.py finds the repository from its own place and names the
    default build time; every other test imports REPO_ROOT and EPOCH from it."""
    epoch = ast.literal_eval(next(
        node.value for node in ast.parse(SHARED.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "EPOCH"))
    found = []
    for path in _test_files():
        if path == SHARED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(REPO_ROOT)}:{getattr(node, 'lineno', '?')}"
            if _climbed_to(path, node) == REPO_ROOT:
                found.append(f"{where}: finds the repository itself (use fixtures.REPO_ROOT)")
            if isinstance(node, ast.Constant) and node.value in (epoch, str(epoch)):
                found.append(f"{where}: the shared build time (use fixtures.EPOCH)")
    assert found == [], "\n".join(found)


def test_no_test_reaches_into_a_private_name_of_the_package() -> None:
    """Tests go through the package's public calls: no ``_name`` imported from generator/,
    no ``module._name`` of one of its modules. (Material's ``_segment_chinese`` in
    test_search_words.py is the reference the plugin's own cutter must equal, not ours.)"""
    found = []
    for path in _test_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules |= {alias.asname or alias.name for alias in node.names
                            if alias.name.split(".")[0] == "generator"}
            elif (isinstance(node, ast.ImportFrom) and node.module
                  and node.module.split(".")[0] == "generator"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                found += [f"{path.name}:{node.lineno}: imports {node.module}.{name}"
                          for name in private]
                modules |= {alias.asname or alias.name for alias in node.names}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__")
                    and ast.unparse(node.value) in modules):
                found.append(f"{path.name}:{node.lineno}: uses {ast.unparse(node)}")
    assert found == [], "\n".join(found)


def _code_constants(path: Path) -> Iterator[tuple[int, object]]:
    """Every literal in a module's code (docstrings left out: they may quote a value)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_the_excerpt_marker_and_the_summary_limit_are_set_once() -> None:
    """Issue 15, item 3: helpers that had copies (one had diverged) have one home; the
    excerpt marker is markup.MORE and the 300-character limit fields.SUMMARY_MAX."""
    homes = {"<!-- more -->": "markup.py", 300: "fields.py"}
    found = sorted(
        f"{path.relative_to(REPO_ROOT)}:{line}: {value!r}"
        for path in (REPO_ROOT / "generator").rglob("*.py")
        for line, value in _code_constants(path)
        if any(type(value) is type(key) and value == key and path.name != home
               for key, home in homes.items()))
    assert found == [], "\n".join(found)
    for value, home in homes.items():
        assert value in {v for _, v in _code_constants(REPO_ROOT / "generator" / home)}
