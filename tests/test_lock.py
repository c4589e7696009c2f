"""The locked build: every dependency pinned with hashes, installed with hashes required.

pyproject.toml keeps ranges (what the package needs); requirements/build.txt and
requirements/test.txt (scripts/lock, pip-tools) pin every package with the hashes of its
files, and scripts/venv, which both workflows run, installs only from them with
``--require-hashes``. A dependency added to pyproject.toml without running scripts/lock
fails here, before CI would install a build without it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from fixtures.project import REPO_ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCKS = {"build": REPO_ROOT / "requirements/build.txt",
         "test": REPO_ROOT / "requirements/test.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)\s*\\?$")


def project() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """Package -> (version, hashes) of a pip-compile lock file."""
    found: dict[str, tuple[str, list[str]]] = {}
    current = ""
    for line in lock.read_text(encoding="utf-8").splitlines():
        if (match := PIN.match(line)):
            current = canonicalize_name(match.group(1))
            found[current] = (match.group(2), [])
        elif line.strip().startswith("--hash=sha256:") and current:
            found[current][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return found


def needed(extras: tuple[str, ...]) -> list[Requirement]:
    meta = project()
    listed = list(meta["dependencies"])
    for extra in extras:
        listed += meta["optional-dependencies"][extra]
    return [Requirement(text) for text in listed]


@pytest.mark.parametrize(("lock", "extras"), [("build", ()), ("test", ("test",))])
def test_every_dependency_is_locked_with_hashes(lock: str, extras: tuple[str, ...]) -> None:
    locked = pins(LOCKS[lock])
    assert len(locked) > 20
    for requirement in needed(extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in {LOCKS[lock].name}: run scripts/lock"
        version = locked[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{requirement.name}=={version} in {LOCKS[lock].name} does not satisfy "
            f"{requirement.specifier}: run scripts/lock")
    bare = [name for name, (_, hashes) in locked.items() if not hashes]
    assert bare == [], f"pinned without a hash: {bare}"
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest)
               for _, hashes in locked.values() for digest in hashes)
    assert "setuptools" in locked  # the build backend: no unchecked download at install


def test_the_lock_pins_the_test_extra_on_top_of_the_same_build() -> None:
    build, test = pins(LOCKS["build"]), pins(LOCKS["test"])
    differing = {name: (build[name][0], test[name][0]) for name in build
                 if name in test and build[name][0] != test[name][0]}
    assert differing == {}, "the two lock files disagree on versions"
    assert set(build) <= set(test)


def test_package_metadata_keeps_ranges_and_tzdata_is_direct() -> None:
    meta = project()
    listed = [*meta["dependencies"],
              *[dep for deps in meta["optional-dependencies"].values() for dep in deps]]
    exact = [dep for dep in listed if "==" in dep or "===" in dep]
    assert exact == [], f"pin in the lock files, not in the package metadata: {exact}"
    names = {canonicalize_name(Requirement(dep).name): Requirement(dep)
             for dep in meta["dependencies"]}
    assert "tzdata" in names
    assert str(names["mkdocs"].specifier) in ("<2,>=1.6", ">=1.6,<2")


def test_the_check_fails_for_an_unlocked_dependency(tmp_path: Path) -> None:
    """The test above can fail: a lock without one of the requirements misses it."""
    lock = tmp_path / "lock.txt"
    text = LOCKS["build"].read_text(encoding="utf-8")
    without = re.sub(r"^nh3==.*?(?=^\S)", "", text, flags=re.S | re.M)
    assert without != text
    lock.write_text(without, encoding="utf-8")
    assert "nh3" in pins(LOCKS["build"]) and "nh3" not in pins(lock)


def workflow(name: str) -> dict:
    return yaml.safe_load((REPO_ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def install_runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "scripts/venv" in step.get("run", "")]


def test_both_workflows_install_from_the_lock_with_hashes_required() -> None:
    venv = (REPO_ROOT / "scripts/venv").read_text(encoding="utf-8")
    pip_lines = [line.strip() for line in re.sub(r"\\\n\s*", " ", venv).splitlines()
                 if "pip install" in line and not line.strip().startswith("#")]
    assert len(pip_lines) == 2, pip_lines
    locked, project_itself = pip_lines
    assert "--require-hashes -r \"$lock\"" in locked
    assert 'lock="requirements/build.txt"' in venv
    assert 'lock="requirements/$extras.txt"' in venv
    assert "--no-deps" in project_itself and "--no-build-isolation" in project_itself
    assert " -e ." in project_itself
    # publish: scripts/venv (the build lock); CI: scripts/venv, then scripts/test, which runs
    # scripts/install-test-deps -> scripts/venv test (the test lock).
    publish = workflow("publish.yml")["jobs"]["build"]
    assert [run.splitlines()[0] for run in install_runs(publish)] == ["bash scripts/venv"]
    ci = workflow("ci.yml")["jobs"]
    assert [run.splitlines()[0] for run in install_runs(ci["test"])] == ["bash scripts/venv"]
    assert "bash scripts/venv test" in (REPO_ROOT / "scripts/install-test-deps").read_text(
        encoding="utf-8")
    assert [run.splitlines()[0] for run in install_runs(ci["properdocs"])] == [
        "bash scripts/venv test"]
    for job in (publish, ci["test"], ci["properdocs"]):
        setup = next(step for step in job["steps"]
                     if step.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"]["cache-dependency-path"].startswith("requirements/")


def test_dependabot_updates_the_lock_files() -> None:
    config = yaml.safe_load((REPO_ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    pip = next(update for update in config["updates"] if update["package-ecosystem"] == "pip")
    assert pip["directory"] == "/"  # pyproject.toml and requirements/*.txt (pip-compile)
    header = LOCKS["test"].read_text(encoding="utf-8").splitlines()[:6]
    assert any("pip-compile" in line and "--generate-hashes" in line for line in header)
