"""``community new``: a new entry file that cannot ship until the editor has filled it in.

Every required field gets a ``TODO: ...`` placeholder that the contract rejects
(``model.PLACEHOLDER``), so ``community check`` and the build fail until each one is
replaced; the optional fields are written as YAML comments with an example value. The
fields come from the models, so a field added to the contract shows up here too (and a
field without an example below fails the tests).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from .fields import is_slug, slug_from_file_name
from .model import MODELS, PLACEHOLDER, ContractModel, EntryFields
from .reader import read_entry
from .schema import TYPE_TITLES, nested_models

MAX_SLUG = 60
ALIASES = {"spotlight": "spotlights", "story": "stories", "job": "jobs", "event": "events"}

# Latin letters that Unicode does not decompose into a base letter plus accents.
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                        "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
                        "þ": "th", "Þ": "th", "ı": "i"})

# What a required field's placeholder asks for (dotted path -> hint after "TODO: ").
HINTS = {
    "summary": "one or two sentences for listings and feeds (or delete this line)",
    "team": "the hiring team, e.g. Engineering",
    "locations": "a city and country, e.g. Berlin, Germany",
    "member.name": "the member's name",
    "employee.name": "the employee's name",
    "employee.role": "their job title",
    "start": "when it starts, with the UTC offset, e.g. {start}",
    "format": "online, in_person or hybrid",
    "venue.name": "the place's name (delete 'venue' for an online event)",
    "apply_url": "the application page, https://... (or replace this line with apply_email)",
}

# An example value (YAML) for every optional field, shown in its comment.
EXAMPLES = {
    "updated": "{day}",
    "segments": "[{segments}]    # ids declared in mkdocs.yml: {known}",
    "tags": "[hiring, events]",
    "image": "images/picture.svg",
    "image_alt": "What the picture shows, for people who cannot see it",
    "draft": "true",
    "slug": "{slug}",
    "author": "Name, Role",
    "quote": '"A sentence of theirs."',
    "member.headline": "What they do, in one line",
    "member.photo": "images/portrait.svg",
    "member.photo_alt": "What the portrait shows",
    "member.url": "https://example.com/their-page",
    "employee.team": "Engineering",
    "employee.photo": "images/portrait.svg",
    "employee.photo_alt": "What the portrait shows",
    "workplace": "hybrid",
    "employment_type": "full_time",
    "public_on": "{in_two_weeks}",
    "closes": "{in_two_months}",
    "apply_url": "https://jobs.example.com/this-role",
    "apply_email": "jobs@example.com    # instead of apply_url; an open role needs one of the two",
    "salary": "{{currency: EUR, min: 60000, max: 75000, per: year}}",
    "level": "Senior",
    "source": "(written by `community import` for roles it brings from the ATS; not by hand)",
    "end": "{end}",
    "timezone": "Europe/Berlin",
    "venue.address": '"Street 1, 10115 City, Country"',
    "join_url": "https://meet.example.com/this-event",
    "register_url": "https://events.example.com/this-event",
}

# Optional in the model but needed in most files: written as placeholders, not comments.
ASKED = {"events": ("venue",), "jobs": ("apply_url",)}


class SlugNeeded(ValueError):
    """The title gives no web address and none was given (a usage error: exit 2)."""


class NotCreated(Exception):
    """The file (or its address) exists already: nothing is overwritten (exit 1)."""


def slugify(title: str) -> str:
    """A web address from a Latin-script title; raise SlugNeeded for any other script."""
    text = unicodedata.normalize("NFKD", title.translate(_LATIN))
    foreign = any(not char.isascii() and unicodedata.category(char).startswith("L")
                  for char in text)
    words = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode().lower())
    slug = words.strip("-")
    if foreign or not slug:
        raise SlugNeeded(
            f"the title {title!r} cannot become a web address by itself (only a-z, 0-9 "
            "and '-' can): choose one with --slug, e.g. --slug campus-open-day-2027"
        )
    while len(slug) > MAX_SLUG and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:MAX_SLUG]


def create_entry(
    docs_dir: Path, kind: str, title: str, day: date, slug: str | None,
    segment_ids: Iterable[str], shown_docs_dir: str = "content/",
) -> Path:
    """Write ``<docs_dir>/<kind>/<day>-<slug>.md``; never overwrite anything.

    ``shown_docs_dir`` is how messages name ``docs_dir`` (as in every other message).
    """

    def shown(path: Path) -> str:
        return shown_docs_dir + path.relative_to(docs_dir).as_posix()

    kind = ALIASES.get(kind, kind)
    if slug is not None and not is_slug(slug):
        raise SlugNeeded(f"--slug {slug!r} is not a slug: use lowercase letters, digits and "
                         "'-', e.g. campus-open-day-2027")
    slug = slug or slugify(title)
    folder = docs_dir / kind
    path = folder / f"{day.isoformat()}-{slug}.md"
    if path.exists():
        raise NotCreated(f"{shown(path)} already exists; nothing was changed (choose another "
                         "--slug or --date)")
    taken = _address_taken(folder, kind, slug)
    if taken:
        raise NotCreated(f"/{kind}/{slug}/ is already the address of {shown(taken)}; choose "
                         "another --slug")
    text = entry_text(kind, title, day, slug, list(segment_ids))
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": fails rather than overwrite
        out.write(text)
    return path


def _address_taken(folder: Path, kind: str, slug: str) -> Path | None:
    """The file that already gives an entry of ``kind`` the address ``slug``, if any."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob("*.md")):
        own = slug_from_file_name(path.stem)
        raw, _ = read_entry(path, path.name, str(path), kind)
        given = raw.data.get("slug") if raw is not None else None
        if (given if isinstance(given, str) else own) == slug:
            return path
    return None


def entry_text(kind: str, title: str, day: date, slug: str, segment_ids: list[str]) -> str:
    """The new file: front matter with placeholders and commented examples, then the body."""
    model = MODELS[kind]
    start = f"{day + timedelta(days=14)}T18:30:00+01:00"
    values = {
        "day": day.isoformat(), "slug": slug, "start": start,
        "end": f"{day + timedelta(days=14)}T20:30:00+01:00",
        "in_two_weeks": (day + timedelta(days=14)).isoformat(),
        "in_two_months": (day + timedelta(days=61)).isoformat(),
        "segments": ", ".join(segment_ids[:2]) or "some-segment-id",
        "known": ", ".join(segment_ids) or "none yet",
    }
    noun = TYPE_TITLES[kind].lower()
    lines = [
        "---",
        f"# New in {noun}. Replace every value that starts with \"{PLACEHOLDER}\", then run",
        "# `community check`. Optional fields are commented out: remove the '# ' to use one.",
        "# Every field is explained in the README's field reference.",
        f"title: {_quoted(title)}",
        f"date: {day.isoformat()}",
        f"summary: {_placeholder('summary', values)}",
        *_fields(model, "", values, asked=ASKED.get(kind, ())),
        "---",
        "",
        "<!-- Write the text below, in Markdown. Link other pages by their file, relative "
        "to this one, e.g. [open roles](../jobs/index.md). -->",
        "",
    ]
    return "\n".join(lines)


def _fields(
    model: type[ContractModel], prefix: str, values: dict[str, str], asked: tuple[str, ...] = ()
) -> list[str]:
    """Placeholders for the required fields, then the optional ones as comments."""
    required, optional = [], []
    nested = nested_models(model)
    indent = "  " * prefix.count(".")
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if path in ("title", "date", "summary"):
            continue  # written first, from the command line
        if name in nested and (info.is_required() or name in asked):
            required += [f"{indent}{name}:", *_fields(nested[name], f"{path}.", values)]
        elif info.is_required() or name in asked:
            required.append(f"{indent}{name}: {_placeholder(path, values)}")
        else:
            optional.append(f"{indent}# {name}: {_lookup(EXAMPLES, path).format(**values)}"
                            f"{_choices(model, name)}")
    if model is not EntryFields and issubclass(model, EntryFields):
        common = [line for line in optional if line.split(":")[0].lstrip("# ")
                  in EntryFields.model_fields]
        optional = [line for line in optional if line not in common] + common
    return required + optional


def _placeholder(path: str, values: dict[str, str]) -> str:
    text = _quoted(f"{PLACEHOLDER} {_lookup(HINTS, path).format(**values)}")
    return f"[{text}]" if path == "locations" else text


def _lookup(table: dict[str, str], path: str) -> str:
    if path not in table:
        name = "HINTS" if table is HINTS else "EXAMPLES"
        raise KeyError(f"the contract's field '{path}' has no entry in {name} of "
                       "generator/scaffold.py: add one so that `community new` can write it")
    return table[path]


def _choices(model: type[ContractModel], name: str) -> str:
    """'   # onsite | hybrid | remote' for a field with a fixed set of values."""
    annotation = model.model_fields[name].annotation
    options = [member.value for member in annotation] if isinstance(annotation, type) and \
        hasattr(annotation, "__members__") else list(getattr(annotation, "__args__", ()))
    if options and all(isinstance(option, str) for option in options):
        return "    # " + " | ".join(options)
    return ""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
