"""The repository stands alone: nothing under tests/, bench/, scripts/, .ci/ or .github/ names a
path outside it, so a clone passes its own tests on a machine that has only the clone.

What counts as naming a path outside (each rule shown failing on a sample below):

- in Python, climbing above the repository: the parent of a name like REPO or REPO_ROOT, the
  n-th parent of ``__file__`` beyond the root for that file's depth, a parent-folder path
  component given on its own, or a relative path climbing out of the root (where the tests
  run) given to Path, open or a copy/join function (other strings with parent steps are
  page-relative URLs in assertions);
- in any other file, a relative path that climbs above the root: from the file's own folder
  under tests/fixtures/ (sites: mkdocs.yml and Markdown resolve paths so), from the root
  everywhere else (scripts, workflows and the commands in notes run there);
- anywhere, an absolute path under a place where projects or people's files live (/work,
  /home, /root, /srv, /mnt, /opt, /media, /var). The machine's own tools (/usr/bin/chromium,
  /usr/bin/time) and scratch space (/tmp) are not the repository's business and pass.
"""

from __future__ import annotations

import ast
import contextlib
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path, PurePosixPath

from fixtures import REPO_ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SCANNED = ("tests", "bench", "scripts", ".ci", ".github")
SKIPPED_DIRS = {"__pycache__", "node_modules", ".pytest_cache", ".ruff_cache"}

CLIMB = re.compile(r"(?<![\w.])((?:\.\./)+)")
ROOT_PARENT = re.compile(r"\b[A-Z_]*(?:REPO|ROOT)[A-Z_]*\.parent\b")
PARENTS_INDEX = re.compile(r"__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
PARENT_CHAIN = re.compile(r"__file__\)(?:\.resolve\(\))?((?:\.parent\b)+)")
DOTDOT_PART = re.compile(r"""["']\.\.["']""")
PY_CLIMB = re.compile(
    r"""\b(?:Path|open|join|chdir|copytree|copyfile|copy)\(\s*f?["']((?:\.\./)+)""")
PRIVATE_ABSOLUTE = re.compile(r"""(?<![\w.:/~-])/(?:work|home|root|srv|mnt|opt|media|var)/""")


def outside_references(relative: str, text: str) -> list[str]:
    """Every place in ``text`` (the file at ``relative`` in the repository) that names a path
    outside the repository, as 'line: what'."""
    parts = len(PurePosixPath(relative).parts)  # the file's own name included
    python = relative.endswith(".py")
    # How many parent steps leave the repository: from the file's folder, or from the root.
    climb_out = parts if relative.startswith("tests/fixtures/") and not python else 1
    found: list[tuple[int, str]] = []

    def add(match: re.Match[str], what: str) -> None:
        found.append((text.count("\n", 0, match.start()) + 1, what))

    for match in (PY_CLIMB if python else CLIMB).finditer(text):
        if match.group(1).count("../") >= climb_out:
            add(match, f"'{match.group(0)}' climbs above the repository")
    for match in PRIVATE_ABSOLUTE.finditer(text):
        add(match, f"absolute path '{match.group(0)}...'")
    if python:
        for match in ROOT_PARENT.finditer(text):
            add(match, f"'{match.group(0)}' is the folder around the repository")
        for match in PARENTS_INDEX.finditer(text):
            if int(match.group(1)) >= parts:
                add(match, f"'{match.group(0)}' is above the repository")
        for match in PARENT_CHAIN.finditer(text):
            if match.group(1).count(".parent") > parts:
                add(match, f"'{match.group(0)}' is above the repository")
        for match in DOTDOT_PART.finditer(text):
            add(match, "a parent-folder path component")
    return [f"{relative}:{line}: {what}" for line, what in sorted(found)]


def scanned_files() -> list[Path]:
    files = []
    for top in SCANNED:
        for path in sorted((REPO_ROOT / top).rglob("*")):
            inside = path.relative_to(REPO_ROOT).parts
            if path.is_file() and not SKIPPED_DIRS.intersection(inside):
                files.append(path)
    return files


def test_nothing_names_a_path_outside_the_repository() -> None:
    files = scanned_files()
    assert len(files) > 50 and REPO_ROOT / "bench" / "run.py" in files
    problems = []
    for path in files:
        data = path.read_bytes()
        if b"\0" in data:
            continue  # binary (images): no paths to follow
        text = data.decode("utf-8", errors="replace")
        problems += outside_references(path.relative_to(REPO_ROOT).as_posix(), text)
    assert problems == [], "\n".join(problems)


# The samples are put together at run time, so that this file itself names nothing outside.
UP = "." * 2
SLASH = "/"


def test_the_rules_catch_each_way_out() -> None:
    bad = {
        "tests/a.py": f'TOOL = REPO{".parent"} / "shared" / "bench" / "peer_site.py"',
        "tests/b.py": f"ROOT = Path(__file__).resolve(){'.parents'}[2]",
        "tests/fixtures/c.py": f"ROOT = Path(__file__){'.parent' * 4}",
        "bench/d.py": f'tools = here / "{UP}" / "shared"',
        "tests/fixtures/site/mkdocs.yml": f"  custom_dir: {UP}/{UP}/{UP}/{UP}/theme",
        "tests/h.py": f'copytree(Path("{UP}/{UP}/shared"), tmp)',
        "scripts/e": f"python3 {UP}/elsewhere/tools/floor_site.sh",
        "tests/f.py": f'PEER = "{SLASH}work{SLASH}elsewhere/tools/peer_site.py"',
        ".ci/g": f"cp {SLASH}home{SLASH}me/notes.txt .",
    }
    for relative, text in bad.items():
        assert outside_references(relative, text), (relative, text)


def test_the_rules_let_the_repository_and_the_machine_pass() -> None:
    good = {
        "tests/a.py": 'REPO_ROOT = Path(__file__).resolve().parent.parent\n'
                      'FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"',
        "tests/fixtures/b.py": f"ROOT = Path(__file__).resolve(){'.parents'}[2]",
        "tests/g.py": 'assert href.removeprefix("../../") == "assets/x.css"',
        "tests/c.py": 'CHROMIUM = "/usr/bin/chromium"; GNU_TIME = "/usr/bin/time"\n'
                      'assert href == "/careers/news/"; base = "http://127.0.0.1:8000/work/"',
        "tests/fixtures/site/content/news/x.md": "![map](../images/map.svg)",
        "bench/d.py": 'venv = Path("/tmp/peer-venv")',
    }
    for relative, text in good.items():
        assert outside_references(relative, text) == [], (relative, text)


def _declared_distributions() -> set[str]:
    """pyproject's dependencies and, recursively, what they require themselves (without
    extras): everything `pip install .` is sure to bring."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pending = [Requirement(text) for text in project["project"]["dependencies"]]
    found: set[str] = set()
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in found or (requirement.marker and not requirement.marker.evaluate(
                {"extra": ""})):
            continue
        found.add(name)
        # A declared distribution not installed here: the import check below says so.
        with contextlib.suppress(metadata.PackageNotFoundError):
            pending += [Requirement(text) for text in metadata.requires(name) or []]
    return found


def test_every_module_the_package_imports_is_a_declared_dependency() -> None:
    """A module imported by generator/ but only installed here by chance (as a test tool's
    dependency, say) breaks `pip install .` on a fresh machine."""
    imported: set[str] = set()
    for path in (REPO_ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"generator"}
    assert {"pydantic", "mkdocs", "yaml"} <= third_party
    providers = metadata.packages_distributions()
    declared = _declared_distributions()
    undeclared = {module: providers.get(module, ["(not installed)"])
                  for module in sorted(third_party)
                  if not {canonicalize_name(d) for d in providers.get(module, [])} & declared}
    assert undeclared == {}, "imported by generator/ but not in pyproject's dependencies"
