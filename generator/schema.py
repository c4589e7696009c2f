"""JSON Schema and the README's field reference, both generated from the content contract.

``model.py`` is the one source: types, required fields, defaults, choices and limits come
from each pydantic model's ``model_json_schema()``. What a field is *for* is written once in
``FIELD_NOTES`` below and lands in three places: the schemas' ``description`` (shown by
editors with JSON Schema support), the README's field reference and the comments that
``community new`` writes. A test keeps the notes, the committed ``schemas/`` and the README
in step with the models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .model import (
    ENTRY_MODELS,
    ContractModel,
    Employee,
    EntryFields,
    EventFields,
    JobFields,
    Member,
    NewsFields,
    Salary,
    Source,
    SpotlightFields,
    StoryFields,
    Venue,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
README_START = "<!-- fields:start -->"
README_END = "<!-- fields:end -->"

TYPE_TITLES = {
    "news": "News",
    "spotlights": "Member spotlights",
    "stories": "Employee stories",
    "jobs": "Job previews",
    "events": "Events",
}

FIELD_NOTES: dict[type[ContractModel], dict[str, str]] = {
    EntryFields: {
        "title": "The headline: on the page, in listings, feeds and search results.",
        "date": "The publication moment. In the future, the entry is scheduled: the first "
                "build after it publishes it. No time zone means UTC.",
        "updated": "When the entry last changed in substance; not before `date`.",
        "summary": "One or two sentences for listings, feeds and search results; without "
                   "it, the text before `<!-- more -->`, else the first paragraph.",
        "segments": "Who it is for: ids declared under `segments` in `mkdocs.yml` "
                    "(teams, locations).",
        "tags": "Free topics; each one gets a page under `/tags/`.",
        "image": "A picture: a path inside `content/` (e.g. `images/office.svg`) or an "
                 "https URL.",
        "image_alt": "What the picture shows, for people who cannot see it; required "
                     "with `image`.",
        "draft": "`true` keeps the entry out of every build; `mkdocs serve` shows it with "
                 "a Draft banner.",
        "slug": "The last part of the address: lowercase letters, digits and `-`; "
                "default: the file name without its date.",
    },
    NewsFields: {
        "author": "Who wrote it, as shown under the title.",
    },
    SpotlightFields: {
        "member": "The community member in the spotlight.",
        "quote": "A sentence of theirs, shown as a pull quote.",
    },
    Member: {
        "name": "Their name.",
        "headline": "One line about them: what they do, how they know the company.",
        "photo": "Their portrait: a path inside `content/` or an https URL.",
        "photo_alt": "What the portrait shows; required with `photo`.",
        "url": "Their own page: an http(s) address or a relative path.",
    },
    StoryFields: {
        "employee": "The employee who tells the story.",
        "quote": "A sentence of theirs, shown as a pull quote.",
    },
    Employee: {
        "name": "Their name.",
        "role": "Their job title.",
        "team": "Their team.",
        "photo": "Their portrait: a path inside `content/` or an https URL.",
        "photo_alt": "What the portrait shows; required with `photo`.",
    },
    JobFields: {
        "team": "The hiring team.",
        "locations": "Where the role can be done, e.g. `Berlin, Germany` or `Remote (EU)`.",
        "workplace": "Where the work happens.",
        "employment_type": "The kind of contract.",
        "public_on": "The day the role goes on public job boards. Before it, the role is a "
                     "community preview: listed and in feeds, marked, hidden from search "
                     "engines.",
        "closes": "The last day to apply. After it the page stays with a notice that the "
                  "role is closed, out of listings and feeds.",
        "apply_url": "Where candidates apply (an applicant tracking system's page). An open "
                     "role needs `apply_url` or `apply_email`.",
        "apply_email": "Where candidates send their application, if not through `apply_url`: "
                       "the page links to it with the role's title as the subject.",
        "salary": "The pay range.",
        "level": "Seniority, e.g. `Senior` or `Intern`.",
        "source": "Written by `community import`: the ATS posting this role mirrors. "
                  "Leave it as it is; the next import finds the file by it.",
    },
    Source: {
        "ats": "The applicant tracking system.",
        "board": "The company's board name there.",
        "id": "The posting's id on that board.",
        "updated_at": "When the ATS last changed the posting, as it reported it.",
    },
    Salary: {
        "currency": "ISO 4217 code: `EUR`, `USD`, `CNY`, ...",
        "min": "The lowest amount; `min`, `max` or both.",
        "max": "The highest amount; not less than `min`.",
        "per": "The period the amounts are paid for.",
    },
    EventFields: {
        "start": "When it starts, always with the UTC offset: `2026-12-10T18:30:00+01:00`.",
        "end": "When it ends (default: one hour after `start`), not before `start`. The "
               "event is upcoming until then, past after.",
        "timezone": "The IANA time zone to show times in, e.g. `Europe/Berlin`.",
        "format": "How people attend.",
        "venue": "Where it takes place; required unless the event is `online`.",
        "join_url": "The link to the online meeting.",
        "register_url": "An external registration page; without it, the page shows the "
                        "community's registration form.",
    },
    Venue: {
        "name": "The place's name.",
        "address": "Its street address.",
    },
}


def note(model: type[ContractModel], name: str) -> str:
    """What field ``name`` of ``model`` is for (inherited notes included)."""
    for cls in model.__mro__:
        notes = FIELD_NOTES.get(cls)  # type: ignore[call-overload]
        if notes and name in notes:
            return notes[name]
    raise KeyError(f"{model.__name__}.{name} has no note in generator/schema.py FIELD_NOTES")


def nested_models(model: type[ContractModel]) -> dict[str, type[ContractModel]]:
    """Field name -> the group-of-fields model it holds (member, salary, venue, ...)."""
    found = {}
    for name, info in model.model_fields.items():
        for arg in (*getattr(info.annotation, "__args__", ()), info.annotation):
            if isinstance(arg, type) and issubclass(arg, ContractModel):
                found[name] = arg
    return found


# ------------------------------------------------------------------------- JSON Schema


def entry_schema(model: type[EntryFields]) -> dict[str, Any]:
    """The JSON Schema of one type's front matter, with a description on every field."""
    generated = model.model_json_schema()
    _describe(generated, model, generated.get("$defs", {}))
    title = TYPE_TITLES[model.kind]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        **generated,
        "title": f"{title}: front matter of content/{model.kind}/*.md",
        "description": f"The fields of a file in content/{model.kind}/ (one entry per "
                       "Markdown file). Generated by `community schema` from "
                       "generator/model.py: do not edit by hand.",
    }


def _describe(schema: dict[str, Any], model: type[ContractModel], defs: dict[str, Any]) -> None:
    properties = schema["properties"]
    for name in model.model_fields:
        properties[name]["description"] = note(model, name)
    for nested in nested_models(model).values():
        _describe(defs[nested.__name__], nested, defs)


def schema_files() -> dict[str, str]:
    """File name -> text of every type's schema, as written to ``schemas/``."""
    return {
        f"{model.kind}.schema.json":
            json.dumps(entry_schema(model), indent=2, ensure_ascii=False) + "\n"
        for model in ENTRY_MODELS
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(out_dir: Path) -> list[str]:
    """Names of the schema files in ``out_dir`` that differ from the models (or are missing)."""
    return [name for name, text in schema_files().items()
            if not (out_dir / name).is_file()
            or (out_dir / name).read_text(encoding="utf-8") != text]


# --------------------------------------------------------------------- field reference


def field_reference() -> str:
    """The README's field reference: one Markdown table for the common fields, one per type."""
    common = EntryFields.model_fields
    lines = [
        "<!-- generated by `community schema` from generator/model.py: do not edit by hand -->",
        "",
        "**Every type**",
        "",
        *_table(EntryFields, list(common)),
    ]
    for model in ENTRY_MODELS:
        own = [name for name in model.model_fields if name not in common]
        lines += ["", f"**{TYPE_TITLES[model.kind]}** (`content/{model.kind}/`)", "",
                  *_table(model, own)]
    return "\n".join(lines)


def _table(model: type[ContractModel], names: list[str]) -> list[str]:
    rows = ["| field | type | required | default | what it is |", "|---|---|---|---|---|"]
    rows += [_row(*row) for row in _rows(model, names, "")]
    return rows


def _rows(
    model: type[ContractModel], names: list[str], prefix: str
) -> Iterator[tuple[str, dict[str, Any], bool, str, dict[str, Any]]]:
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    nested = nested_models(model)
    for name in names:
        required = name in schema.get("required", [])
        yield f"{prefix}{name}", schema["properties"][name], required, note(model, name), defs
        if name in nested:
            sub = nested[name]
            yield from _rows(sub, list(sub.model_fields), f"{prefix}{name}.")


def _row(name: str, prop: dict[str, Any], required: bool, text: str,
         defs: dict[str, Any]) -> str:
    default = prop.get("default")
    shown_default = "" if default in (None, []) else f"`{json.dumps(default)}`".replace('"', "")
    limits = _limits(prop)
    what = f"{text} {limits}" if limits else text
    cells = [f"`{name}`", _kind(prop, defs), "yes" if required else "", shown_default, what]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _without_null(prop: dict[str, Any]) -> list[dict[str, Any]]:
    return [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]


def _kind(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A schema's type in words: 'text', 'date or date-time', 'one of `a`, `b`', ..."""
    options = _without_null(prop)
    formats = {option.get("format") for option in options}
    if len(options) > 1:
        return "date or date-time" if formats == {"date", "date-time"} else " or ".join(
            _kind(option, defs) for option in options)
    option = options[0]
    if "$ref" in option:
        option = defs[option["$ref"].rsplit("/", 1)[-1]]
    if "enum" in option:
        return "one of " + ", ".join(f"`{value}`" for value in option["enum"])
    kind = option.get("type")
    if kind == "object":
        return "group of fields"
    if kind == "array":
        return "list of " + _kind(option["items"], defs)
    if kind == "string":
        return {"date": "date", "date-time": "date-time with UTC offset",
                "uri": "https URL"}.get(option.get("format", ""), "text")
    return {"boolean": "true or false", "number": "number", "integer": "whole number"}[kind]


def _limits(prop: dict[str, Any]) -> str:
    """The schema's limits in words, e.g. '(1-150 characters)'."""
    found = []
    for option in _without_null(prop):
        low, high = option.get("minLength"), option.get("maxLength")
        if high is not None:
            found.append(f"{low or 0}-{high} characters" if low else f"at most {high} characters")
        if option.get("minItems"):
            count = option["minItems"]
            found.append(f"at least {count} item{'s' if count > 1 else ''}")
        if option.get("minimum") is not None:
            found.append(f"at least {option['minimum']}")
        if option.get("pattern") and option.get("format") != "uri":
            found.append(f"pattern `{option['pattern']}`")
    return f"({'; '.join(found)})" if found else ""


def with_reference(readme: str) -> str:
    """``readme`` with the text between the field-reference markers regenerated."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no '{README_START}' ... '{README_END}' markers")
    head = readme[: start + len(README_START)]
    return f"{head}\n{field_reference()}\n{readme[end:]}"
