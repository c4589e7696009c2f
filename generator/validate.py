"""Raw entries -> validated entries, or every problem with its file, line and field."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .content import Entry
from .entry_types import TYPES
from .errors import KeyPath, Problem, dotted
from .fields import is_slug, slug_from_file_name
from .files import markdown_stem
from .model import Context, ContractModel, EntryFields, site_findings
from .reader import RawEntry
from .sourcing import is_landing_source


def validate_entries(raws: list[RawEntry], ctx: Context) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for raw in raws:
        entry, found = validate_entry(raw, ctx)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    by_path = {raw.shown_path: raw for raw in raws}
    problems.extend(_translation_addresses(entries, by_path, ctx.languages))
    problems.extend(_duplicate_urls(entries, by_path))
    return entries, problems


def validate_entry(raw: RawEntry, ctx: Context) -> tuple[Entry | None, list[Problem]]:
    model = TYPES[raw.kind].model
    site_problems = [Problem(raw.shown_path, raw.line_of(path), dotted(path), message)
                     for path, message in site_findings(raw.data, ctx)]
    try:
        fields = model.model_validate(raw.data, context={"zone": ctx.zone})
    except ValidationError as error:
        problems = [_problem(raw, model, err) for err in error.errors(include_url=False)]
        reported = {problem.field for problem in problems}
        return None, problems + [p for p in site_problems if p.field not in reported]
    problems = site_problems + [
        Problem(raw.shown_path, raw.line_of(path), dotted(path), message)
        for path, message in fields.rules(ctx)
    ]
    language, suffix, language_problem = _language(raw, fields, ctx.languages)
    if language_problem:
        problems.append(language_problem)
    slug, slug_problem = _slug(raw, fields, suffix)
    if slug_problem and not language_problem:
        problems.append(slug_problem)
    if problems:
        return None, problems
    default = ctx.languages[0] if ctx.languages else ""
    return Entry(raw.kind, slug, raw.src_path, raw.shown_path, fields, raw.body,
                 raw.body_line, language=language,
                 language_path="" if language == default else f"{language}/"), []


# `name.zh.md`: the last dot-separated part of a file name's stem, when it is shaped like a
# language code (the pattern of the contract's `lang`).
_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")


def language_suffix(src_path: str) -> str | None:
    """``news/x.zh.md`` -> ``zh``; None without a suffix shaped like a language code."""
    name = src_path.rsplit("/", 1)[-1]
    match = _SUFFIX.search(markdown_stem(name) or name)
    return match.group(1) if match else None


def _language(raw: RawEntry, fields: EntryFields,
              languages: tuple[str, ...]) -> tuple[str, str | None, Problem | None]:
    """The entry's language, the language its file name names (a translation) or None, and
    what is wrong with them.

    A one-language site keeps what it always did: every entry is in the site's language,
    a file name's dots are part of its name, and ``lang`` only marks the content's
    language. With several: ``x.zh.md`` is in zh; ``x.md`` is in its ``lang`` when that is
    one of the site's languages, else in the default."""
    default = languages[0] if languages else ""
    if len(languages) < 2:
        return default, None, None
    suffix = language_suffix(raw.src_path)
    if suffix is None:
        return (fields.lang if fields.lang in languages else default), None, None
    if suffix not in languages:
        return default, None, Problem(
            raw.shown_path, 1, "file",
            f"'.{suffix}' names no language of this site ({', '.join(languages)}): a "
            f"translation is named like its original plus a declared language, e.g. "
            f"x.{languages[1]}.md; otherwise write the file name without dots")
    if fields.lang and fields.lang != suffix:
        return suffix, suffix, Problem(
            raw.shown_path, raw.line_of(("lang",)), "lang",
            f"'{fields.lang}' contradicts the file name, which makes this the '{suffix}' "
            f"version; remove 'lang' (the file name says it)")
    return suffix, suffix, None


def _slug(raw: RawEntry, fields: EntryFields,
          suffix: str | None = None) -> tuple[str, Problem | None]:
    if fields.slug:
        return fields.slug, None
    name = raw.src_path.rsplit("/", 1)[-1]
    stem = markdown_stem(name) or name
    if suffix:
        stem = stem.removesuffix(f".{suffix}")
    slug = slug_from_file_name(stem)
    if is_slug(slug):
        return slug, None
    # One language: `x.zh.md` reads as a translation to someone who knows the convention.
    hint = (f"; a translation ('.{found}')? Declare the site's languages under `languages` "
            "in mkdocs.yml" if not suffix and (found := language_suffix(raw.src_path)) else "")
    return slug, Problem(
        raw.shown_path, 1, "slug",
        f"the file name '{name}' does not give a web address: add 'slug: some-words' "
        "(lowercase letters, digits and '-') or rename the file like 2026-05-01-some-words.md"
        + hint,
    )


def _translation_addresses(entries: list[Entry], raws: dict[str, RawEntry],
                           languages: tuple[str, ...]) -> list[Problem]:
    """A translation (``x.zh.md``) lives at its original's address (``x.md``'s, under
    ``/zh/``): it takes the original's slug. One without an original is an entry of its
    language only, at the address its own name or ``slug`` gives."""
    if len(languages) < 2:
        return []
    named = [(entry, *_shared_name(entry.src_path)) for entry in entries]
    originals = {base: entry for entry, base, suffix in named if suffix not in languages}
    problems = []
    for entry, base, suffix in named:
        if suffix not in languages:
            continue
        original = originals.get(base)
        if original is None:
            continue
        if entry.fields.slug and entry.fields.slug != original.slug:
            problems.append(Problem(
                entry.shown_path, raws[entry.shown_path].line_of(("slug",)), "slug",
                f"a translation has its original's address ({original.shown_path}: "
                f"'{original.slug}'); remove 'slug' here or change it in both"))
        problems += _different_times(entry, original, raws[entry.shown_path])
        entry.slug = original.slug
    return problems


# The fields that decide a role's or an event's state (open, closed, upcoming, past): a
# translation that said otherwise than its original would tell one language something false.
SHARED_TIMES = ("public_on", "closes", "start", "end")


def _different_times(entry: Entry, original: Entry, raw: RawEntry) -> list[Problem]:
    problems = []
    for name in SHARED_TIMES:
        mine, theirs = getattr(entry.fields, name, None), getattr(original.fields, name, None)
        if mine != theirs:
            shown = theirs.isoformat() if theirs is not None else "nothing"
            problems.append(Problem(
                entry.shown_path, raw.line_of((name,)), name,
                f"differs from the original's ({original.shown_path}: {shown}); a translation "
                "states the same times, or its pages would say different things"))
    return problems


def _shared_name(src_path: str) -> tuple[str, str | None]:
    """``news/x.zh.md`` -> (``news/x``, ``zh``), ``news/x.md`` -> (``news/x``, None): the
    name a translation shares with its original, and its language suffix."""
    folder, _, name = src_path.rpartition("/")
    stem = markdown_stem(name) or name
    match = _SUFFIX.search(stem)
    return f"{folder}/{stem[:match.start()] if match else stem}", (
        match.group(1) if match else None)


def _duplicate_urls(entries: list[Entry], raws: dict[str, RawEntry]) -> list[Problem]:
    by_url: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_url[entry.path].append(entry)
    problems = []
    for url, same in by_url.items():
        if len(same) < 2:
            continue
        for entry in same:
            others = ", ".join(o.shown_path for o in same if o is not entry)
            raw = raws[entry.shown_path]
            problems.append(Problem(
                entry.shown_path, raw.line_of(("slug",)), "slug",
                f"/{url} is also the address of {others}; give one of them another 'slug'",
            ))
    return problems


def _problem(raw: RawEntry, model: type[ContractModel], err: Any) -> Problem:
    path: KeyPath = tuple(err["loc"])
    return Problem(raw.shown_path, raw.line_of(path), dotted(path),
                   explain(err, model, path))


_TYPE_NAMES = {list: "a list", dict: "a group of fields", bool: "true or false",
               int: "a number", float: "a number", str: "text", type(None): "empty"}


def _shown_type(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def explain(err: Any, model: type[ContractModel], path: KeyPath) -> str:
    """Turn a pydantic error into a sentence for someone who does not read Python."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return _unknown_field(model, path)
    if kind == "string_type":
        return f"must be text, not {_shown_type(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx['max_length']} are allowed"
    if kind == "too_short" and isinstance(value, str):
        return "must not be empty"
    if kind == "finite_number":
        return "must be a number"
    if kind == "too_short":
        return "must list at least one item"
    if kind == "list_type":
        return f"must be a list, e.g. [first, second], not {_shown_type(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of fields (name: ..., on the next lines), not {_shown_type(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        return "must be a number"
    if kind in ("enum", "literal_error"):
        return f"'{value}' is not one of: {ctx['expected']}"
    if kind == "string_pattern_mismatch" and path[-1] == "currency":
        return f"'{value}' is not a currency code like EUR, USD or CNY"
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}"
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']:,.0f}" if isinstance(ctx["le"], float) else (
            f"must be at most {ctx['le']}")
    return str(err["msg"]).removeprefix("Value error, ")


def _unknown_field(model: type[ContractModel], path: KeyPath) -> str:
    allowed = _fields_at(model, path[:-1])
    close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(allowed)}"
    return f"unknown field{hint}"


def _fields_at(model: type[ContractModel], path: KeyPath) -> list[str]:
    """The field names allowed at ``path`` (following nested models)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        current = next((arg for arg in getattr(annotation, "__args__", (annotation,))
                        if isinstance(arg, type) and issubclass(arg, ContractModel)), None)
        if current is None:
            return []
    return list(current.model_fields)


# Addresses the generator writes itself; a hand-written page there would be silently replaced.
RESERVED_TOPS = ("segments", "tags", "explore", "join", "refer", "subscribe", "feeds")


def address_conflicts(docs_dir: Path, shown_prefix: str,
                      languages: tuple[str, ...] = ()) -> list[Problem]:
    """Plain Markdown pages whose address belongs to a generated page; ``languages``: the
    site's other languages, whose folders (``zh/``) hold their generated pages too."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        parts = src.removesuffix(".md").split("/")
        if parts[-1] in ("index", "README"):
            parts = parts[:-1]
        if not parts:
            continue  # the home page's text: the generator adds its sections below it
        if is_landing_source(src):
            continue  # a landing page (landing.py)
        local = parts[1:] if parts[0] in languages else parts
        if not local or local[0] in RESERVED_TOPS or (local[0] in TYPES and len(local) == 1):
            hint = (f"; a translation is named like its original plus the language, e.g. "
                    f"privacy.{parts[0]}.md (index.{parts[0]}.md: that language's home text)"
                    if local is not parts else "")
            problems.append(Problem(
                f"{shown_prefix}{src}", 1, "file",
                f"/{'/'.join(parts)}/ is a page the generator makes; move or rename this "
                f"file{hint}",
            ))
    return problems
