"""`community schema`: JSON Schema of each type and the README's field reference, from the models.

The committed schemas/ and README must match what the models generate today (a change to
model.py without `community schema` fails here). The schemas must accept every example entry
and reject broken front matter the same way the contract does, checked with the jsonschema
library on front matter read by the project's own reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from fixtures import REPO_ROOT

from generator.cli import main
from generator.entry_types import TYPES
from generator.model import Context
from generator.reader import read_entries, read_entry
from generator.schema import (
    README_END,
    README_START,
    field_reference,
    schema_files,
)
from generator.validate import validate_entry

SCHEMAS = REPO_ROOT / "schemas"
README = REPO_ROOT / "README.md"


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_committed_schemas_match_the_models() -> None:
    expected = schema_files()
    assert sorted(expected) == sorted(f"{kind}.schema.json" for kind in TYPES)
    committed = sorted(path.name for path in SCHEMAS.glob("*.json"))
    assert committed == sorted(expected), "run `community schema`"
    for name, text in expected.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date with generator/model.py: run `community schema`")


def test_readme_field_reference_matches_the_models() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme.count(README_START) == 1 and readme.count(README_END) == 1
    between = readme.split(README_START, 1)[1].split(README_END, 1)[0]
    assert between.strip() == field_reference().strip(), (
        "the README's field reference is out of date with generator/model.py: "
        "run `community schema`")
    for model in (t.model for t in TYPES.values()):  # every field of every type is in it
        for name in model.model_fields:
            assert f"| `{name}` |" in between or f".{name}` |" in between


def test_every_field_says_what_it_is_for() -> None:
    """The string under each field in model.py is its description, everywhere."""
    job_team = TYPES["jobs"].model.model_fields["team"].description
    assert job_team == "The hiring team."
    for model in (t.model for t in TYPES.values()):
        schema = json.loads(schema_files()[f"{model.kind}.schema.json"])
        for name, prop in schema["properties"].items():
            assert prop["description"], f"{model.kind}.{name} has no description"
        for definition in schema.get("$defs", {}).values():
            for name, prop in definition.get("properties", {}).items():
                assert prop["description"], f"{model.kind}: {name} has no description"


def test_schema_command_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Site\n\n## Fields\n\n{README_START}\nold text\n{README_END}\n\nEnd.\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    args = ["schema", "--out", str(out), "--readme", str(readme)]
    assert main([*args, "--check"]) == 1
    assert "out of date" in capsys.readouterr().err.lower()
    assert not out.exists()

    assert main(args) == 0
    assert sorted(path.name for path in out.iterdir()) == sorted(schema_files())
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Site\n\n## Fields\n\n") and text.endswith(f"{README_END}\n\nEnd.\n")
    assert "old text" not in text and field_reference() in text
    assert main([*args, "--check"]) == 0

    (out / "jobs.schema.json").write_text("{}", encoding="utf-8")
    assert main([*args, "--check"]) == 1
    assert "jobs.schema.json" in capsys.readouterr().err

    # A README named with --readme must have the markers: nothing is written without them.
    readme.write_text("# No markers\n", encoding="utf-8")
    (out / "jobs.schema.json").unlink()
    assert main(args) == 1
    assert f"{readme} has no field-reference markers" in capsys.readouterr().err
    assert readme.read_text(encoding="utf-8") == "# No markers\n"
    assert not (out / "jobs.schema.json").exists()
    assert main(["schema", "--out", str(out), "--readme", str(tmp_path / "nope.md")]) == 2
    assert "nope.md: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("readme", [None, "# Our careers site\n\nNo field reference here.\n"])
def test_schema_works_in_any_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture, readme: str | None) -> None:
    """Without --readme: schemas written; a README.md that is missing or has no markers is
    left exactly as it was, and the output says why."""
    monkeypatch.chdir(tmp_path)
    if readme is not None:
        (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    assert main(["schema"]) == 0
    said = capsys.readouterr().out
    assert sorted(path.name for path in (tmp_path / "schemas").iterdir()) == sorted(
        schema_files())
    if readme is None:
        assert not (tmp_path / "README.md").exists()
        assert "No README.md: no field reference written." in said
    else:
        assert (tmp_path / "README.md").read_text(encoding="utf-8") == readme
        assert "README.md is left as it is: it has no field-reference markers" in said
    assert main(["schema", "--check"]) == 0
    assert capsys.readouterr().out.startswith("Schemas match the models.")


def test_repository_schema_check_passes(capsys: pytest.CaptureFixture) -> None:
    assert main(["schema", "--out", str(SCHEMAS), "--readme", str(README), "--check"]) == 0


def test_schemas_accept_every_example_entry() -> None:
    raws, problems = read_entries(REPO_ROOT / "content", "content/")
    assert problems == [] and len(raws) >= 20
    for raw in raws:
        errors = [error.message for error in validator(raw.kind).iter_errors(raw.data)]
        assert errors == [], f"{raw.shown_path}: {errors}"


def test_format_checker_checks_dates() -> None:
    """Without rfc3339-validator, jsonschema silently skips date-time: that must not happen."""
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert not checker.conforms("2026-12-10T18:30:00", "date-time")
    assert checker.conforms("2026-12-10T18:30:00+01:00", "date-time")
    assert not checker.conforms("2026-02-30", "date")


# (type, front matter, the field the schema and the contract both reject)
BROKEN = [
    ("news", "date: 2026-12-01\n", "title"),
    ("news", "title: Hi\ndate: 2026-12-01\nautor: Me\n", "autor"),
    ("news", "title: Hi\ndate: yesterday\n", "date"),
    ("news", f"title: {'x' * 151}\ndate: 2026-12-01\n", "title"),
    ("news", f"title: Hi\ndate: 2026-12-01\nsummary: {'y' * 301}\n", "summary"),
    ("news", "title: Hi\ndate: 2026-12-01\nslug: Not A Slug\n", "slug"),
    ("news", "title: Hi\ndate: 2026-12-01\ndraft: maybe\n", "draft"),
    ("spotlights", "title: Hi\ndate: 2026-12-01\nmember: {headline: Someone}\n", "member"),
    ("stories", "title: Hi\ndate: 2026-12-01\nemployee: {name: Ada}\n", "employee"),
    ("jobs", "title: Hi\ndate: 2026-12-01\nteam: Data\nlocations: []\n", "locations"),
    ("jobs", "title: Hi\ndate: 2026-12-01\nteam: Data\nlocations: [Berlin]\n"
             "workplace: office\n", "workplace"),
    ("jobs", "title: Hi\ndate: 2026-12-01\nteam: Data\nlocations: [Berlin]\n"
             "apply_url: http://jobs.example.com/x\n", "apply_url"),
    ("jobs", "title: Hi\ndate: 2026-12-01\nteam: Data\nlocations: [Berlin]\n"
             "salary: {currency: eur, min: 1}\n", "salary"),
    ("jobs", "title: Hi\ndate: 2026-12-01\nteam: Data\nlocations: [Berlin]\n"
             "salary: {currency: EUR, min: -5}\n", "salary"),
    ("jobs", "title: Hi\ndate: 2026-12-01\nteam: Data\nlocations: [Berlin]\n"
             "public_on: next week\n", "public_on"),
    ("events", "title: Hi\ndate: 2026-12-01\nstart: 2026-12-10T18:30:00\nformat: online\n",
     "start"),
    ("events", "title: Hi\ndate: 2026-12-01\nstart: 2026-12-10T18:30:00+01:00\n"
               "format: virtual\n", "format"),
    ("events", "title: Hi\ndate: 2026-12-01\nstart: 2026-12-10T18:30:00+01:00\n"
               "format: online\nvenue: {address: Somewhere}\n", "venue"),
]


@pytest.mark.parametrize(("kind", "front", "field"), BROKEN,
                         ids=[f"{kind}-{field}-{i}" for i, (kind, _, field) in enumerate(BROKEN)])
def test_schema_and_contract_reject_broken_front_matter(
    tmp_path: Path, kind: str, front: str, field: str
) -> None:
    path = tmp_path / "2026-12-01-broken.md"
    path.write_text(f"---\n{front}---\nBody.\n", encoding="utf-8")
    raw, problems = read_entry(path, path.name, str(path), kind)
    assert raw is not None and problems == []

    errors = list(validator(kind).iter_errors(raw.data))
    assert errors, f"the {kind} schema accepts broken front matter: {front!r}"
    # The schema blames the same field (or, for a missing one, the object that lacks it).
    blamed = {str(error.absolute_path[0]) if error.absolute_path else
              (error.message.split("'")[1]) for error in errors}
    assert field in blamed, (blamed, [error.message for error in errors])

    entry, found = validate_entry(raw, Context(set(), None))
    assert entry is None and any(problem.field.split(".")[0].split("[")[0] == field
                                 for problem in found), found


def test_schemas_refuse_unknown_fields_at_every_level() -> None:
    """An unknown field is refused at every level of every type (additionalProperties)."""
    for kind in TYPES:
        schema = json.loads(schema_files()[f"{kind}.schema.json"])
        assert schema["additionalProperties"] is False
        for definition in schema.get("$defs", {}).values():
            if definition.get("type") == "object":
                assert definition["additionalProperties"] is False

