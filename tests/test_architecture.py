"""The package's shape: no module imports, even indirectly, a module that imports it.

Every import between the package's modules counts: at the top, inside a function, and under
``if TYPE_CHECKING`` (a cycle only for the type checker still ties two modules together: a
change to one means reading the other). The graph is read from the source, not by importing.
"""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

from conftest import REPO_ROOT

PACKAGE = "generator"


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """module -> the package's modules it imports (relative or absolute imports)."""
    modules = {path.stem for path in package_dir.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in sorted(package_dir.glob("*.py")):
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1 or node.module == package_dir.name:
                    names = [node.module] if node.module and node.level == 1 else [
                        alias.name for alias in node.names]
                elif node.module and node.module.startswith(package_dir.name + "."):
                    names = [node.module.split(".")[1]]
                else:
                    continue
                imported |= {name.split(".")[0] for name in names} & modules
            elif isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[1] for alias in node.names
                             if alias.name.startswith(package_dir.name + ".")} & modules
        graph[path.stem] = imported - {path.stem}
    return graph


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (``[a, b, a]``), or ``[]``."""
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(REPO_ROOT / PACKAGE)
    assert {"render", "feeds", "forms", "settings", "providers"} <= set(graph)
    assert import_cycle(graph) == []


def test_the_cycle_finder_sees_every_kind_of_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text("from .b import thing\n", encoding="utf-8")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.c import x\n",
        encoding="utf-8")
    (package / "c.py").write_text("def late():\n    from . import a\n", encoding="utf-8")
    graph = import_graph(package)
    assert graph == {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert sorted(import_cycle(graph)[:-1]) == ["a", "b", "c"]
    (package / "c.py").write_text("import json\n", encoding="utf-8")
    assert import_cycle(import_graph(package)) == []


# A document named in the code, tests or docs: ARCHITECTURE.md, README.md ... (not a
# placeholder in a path, like content/join/NAME.md).
DOCUMENT = re.compile(r"(?<![/\w])([A-Z][A-Z_]{2,}\.md)\b")
CITING = ("generator", "tests", "bench", "scripts", ".github")


def test_every_document_the_repository_cites_is_in_it() -> None:
    """The repository stands alone: no pointer to a design document it does not hold."""
    cited: dict[str, list[str]] = {}
    files = [REPO_ROOT / name for name in ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md")]
    for top in CITING:
        files += [path for path in (REPO_ROOT / top).rglob("*")
                  if path.is_file() and path.suffix in (".py", ".html", ".md", ".yml", ".js")]
    for path in files:
        for name in DOCUMENT.findall(path.read_text(encoding="utf-8", errors="replace")):
            cited.setdefault(name, []).append(str(path.relative_to(REPO_ROOT)))
    assert "ARCHITECTURE.md" in cited
    missing = {name: where for name, where in cited.items()
               if not any(REPO_ROOT.glob(f"**/{name}"))}
    assert missing == {}
