"""``community new``: a new entry file that cannot ship until the editor has filled it in.

Every required field gets a ``TODO: ...`` placeholder that the contract rejects
(``model.PLACEHOLDER``), so ``community check`` and the build fail until each one is
replaced; the optional fields are written as YAML comments with an example value. The
fields come from the models, so a field added to the contract shows up here too (and a
field without an example below fails the tests).
"""

from __future__ import annotations

import glob
import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import get_origin

from .entry_types import TYPES, aliases
from .fields import is_slug, slug_from_file_name
from .model import PLACEHOLDER, ContractModel, EntryFields
from .reader import read_entry
from .schema import nested_models

MAX_SLUG = 60

# Latin letters that Unicode does not decompose into a base letter plus accents.
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                        "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
                        "þ": "th", "Þ": "th", "ı": "i"})

# What a required field's placeholder asks for (dotted path -> hint after "TODO: "), and an
# example value (YAML) for every optional field, shown in its comment: the common fields'
# here, each type's own in its declaration (entry_types.py).
HINTS = {
    "summary": "one or two sentences for listings and feeds (or delete this line)",
}

EXAMPLES = {
    "updated": "{day}",
    "segments": "[{segments}]    # ids declared in mkdocs.yml: {known}",
    "tags": "[hiring, events]",
    "image": "images/picture.svg",
    "image_alt": "What the picture shows, for people who cannot see it",
    "draft": "true",
    "slug": "{slug}",
    "lang": "zh    # only when the entry is not in the site's language",
}



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

    kind = aliases().get(kind, kind)
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
    entry_type = TYPES[kind]
    model = entry_type.model
    hints, examples = {**HINTS, **entry_type.hints}, {**EXAMPLES, **entry_type.examples}
    start = f"{day + timedelta(days=14)}T18:30:00+01:00"
    values = {
        "day": day.isoformat(), "slug": slug, "start": start,
        "end": f"{day + timedelta(days=14)}T20:30:00+01:00",
        "in_two_weeks": (day + timedelta(days=14)).isoformat(),
        "in_two_months": (day + timedelta(days=61)).isoformat(),
        "segments": ", ".join(segment_ids[:2]) or "some-segment-id",
        "known": ", ".join(segment_ids) or "none yet",
    }
    noun = entry_type.title.lower()
    lines = [
        "---",
        f"# New in {noun}. Replace every value that starts with \"{PLACEHOLDER}\", then run",
        "# `community check`. Optional fields are commented out: remove the '# ' to use one.",
        "# Every field is explained in the README's field reference.",
        f"title: {_quoted(title)}",
        f"date: {day.isoformat()}",
        f"summary: {_placeholder('summary', values, hints)}",
        *_fields(model, "", values, hints, examples, asked=entry_type.asked),
        "---",
        "",
        "<!-- Write the text below, in Markdown. Link other pages by their file, relative "
        "to this one, e.g. [open roles](../jobs/index.md). -->",
        "",
    ]
    return "\n".join(lines)


def _fields(
    model: type[ContractModel], prefix: str, values: dict[str, str], hints: dict[str, str],
    examples: dict[str, str], asked: tuple[str, ...] = (),
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
            required += [f"{indent}{name}:",
                         *_fields(nested[name], f"{path}.", values, hints, examples)]
        elif info.is_required() or name in asked:
            as_list = get_origin(info.annotation) is list
            required.append(f"{indent}{name}: {_placeholder(path, values, hints, as_list)}")
        else:
            example = _lookup(examples, path, "examples").format(**values)
            optional.append(f"{indent}# {name}: {example}{_choices(model, name)}")
    if model is not EntryFields and issubclass(model, EntryFields):
        common = [line for line in optional if line.split(":")[0].lstrip("# ")
                  in EntryFields.model_fields]
        optional = [line for line in optional if line not in common] + common
    return required + optional


def _placeholder(path: str, values: dict[str, str], hints: dict[str, str],
                 as_list: bool = False) -> str:
    text = _quoted(f"{PLACEHOLDER} {_lookup(hints, path, 'hints').format(**values)}")
    return f"[{text}]" if as_list else text


def _lookup(table: dict[str, str], path: str, what: str) -> str:
    if path not in table:
        raise KeyError(f"the contract's field '{path}' has no entry in the {what} of its type "
                       "(generator/entry_types.py) or of every type (generator/scaffold.py): "
                       "add one so that `community new` can write it")
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


# -- community translate ----------------------------------------------------------------

# Every type's fields in words; each type declares its own (entry_types: ``translated``).
TRANSLATED = ("title", "summary", "tags", "image_alt")
# Not carried into a translation: its address is its original's (``slug``), its language
# is its file name (``lang``), and only the original is the ATS's role (``source``: an
# import updates the file that carries it).
NOT_COPIED = ("slug", "lang", "source")
MARK = "# TRANSLATE"


class NotTranslatable(ValueError):
    """The file or language cannot be translated as asked (a usage error: exit 2)."""


def translate_entry(docs_dir: Path, source: Path, language: str,
                    languages: dict[str, str], shown_docs_dir: str = "content/") -> Path:
    """Write the ``language`` version of the entry ``source`` beside it (``x.zh.md``): the
    original's text with every field in words marked for translation and the facts (dates,
    times, segments, links, salary) kept as they are. Never overwrites a file.

    ``languages``: the site's languages in settings order (code -> name in itself)."""
    default = next(iter(languages), "")
    if len(languages) < 2:
        raise NotTranslatable("the site has one language: declare its languages under "
                              "`languages` in mkdocs.yml first")
    if language not in languages:
        raise NotTranslatable(f"'{language}' is no language of this site (declared in "
                              f"mkdocs.yml: {', '.join(languages)})")
    folder, name = source.parent, source.name
    shown = shown_docs_dir + source.relative_to(docs_dir).as_posix()
    kind = source.relative_to(docs_dir).parts[0]
    raw, problems = read_entry(source, name, shown, kind)
    if raw is None:
        raise NotCreated("\n".join(str(problem) for problem in problems))
    written_in = _language_of(name, raw.data, languages, default)
    if written_in == language:
        raise NotTranslatable(f"{shown} is already in {languages[language]} ({language})")
    base = _base_name(name, languages)
    for sibling in sorted(folder.glob(f"{glob.escape(base)}*")):
        if _base_name(sibling.name, languages) != base or sibling == source:
            continue
        named = shown_docs_dir + sibling.relative_to(docs_dir).as_posix()
        found, _ = read_entry(sibling, sibling.name, named, kind)
        data = found.data if found is not None else {}
        if _language_of(sibling.name, data, languages, default) == language:
            raise NotCreated(f"{named} is already its {languages[language]} ({language}) "
                             "version; nothing was changed")
    target = folder / f"{base}.{language}.md"
    text = translation_text(source.read_text(encoding="utf-8-sig"), raw.lines, kind, shown,
                            f"{languages[language]} ({language})")
    with target.open("x", encoding="utf-8") as out:  # "x": fails rather than overwrite
        out.write(text)
    return target


def _base_name(name: str, languages: dict[str, str]) -> str:
    """``x.zh.md`` -> ``x``, ``x.md`` -> ``x``: the name a translation shares."""
    stem = name[:-3] if name.lower().endswith(".md") else name
    suffix = stem.rsplit(".", 1)[-1] if "." in stem else None
    return stem.rsplit(".", 1)[0] if suffix in languages else stem


def _language_of(name: str, data: dict, languages: dict[str, str], default: str) -> str:
    """A file's language: its suffix (``x.zh.md``), else its ``lang``, else the default."""
    stem = name[:-3] if name.lower().endswith(".md") else name
    suffix = stem.rsplit(".", 1)[-1] if "." in stem else None
    if suffix in languages:
        return str(suffix)
    lang = data.get("lang")
    return lang if isinstance(lang, str) and lang in languages else default


def translation_text(text: str, lines: dict[tuple[str, ...], int], kind: str, shown: str,
                     language: str) -> str:
    """The original's text with a comment above each line of fields in words, the fields
    that are not copied left out, a note on top and a line before the body."""
    source = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    words = (*TRANSLATED, *TYPES[kind].translated)
    marked: dict[int, list[str]] = {}
    for path in words:
        line = lines.get(tuple(path.split(".")))
        if line is not None:
            marked.setdefault(line, []).append(path)
    dropped = {number for key, line in lines.items() if len(key) == 1 and key[0] in NOT_COPIED
               for number in _value_lines(source, line)}
    closing = next((i for i, line in enumerate(source[1:], 2) if line.strip() == "---"),
                   len(source))
    out = [source[0],
           f"# Translation into {language}, by `community translate`, of",
           f"#   {shown}",
           f"# Translate each value under a '{MARK}' line and the text, then delete those",
           "# lines. Keep the rest as it is: dates, times, segments, links and the salary",
           "# are the original's facts (the check refuses times that differ from it)."]
    for number, line in enumerate(source[1:], 2):
        if number in dropped:
            continue
        if number in marked:
            indent = line[:len(line) - len(line.lstrip())]
            out.append(f"{indent}{MARK}: {', '.join(marked[number])}")
        out.append(line)
        if number == closing:
            out += ["", f"<!-- {MARK.removeprefix('# ')}: the text below, into {language}; "
                        "then delete this line. -->"]
    return "\n".join(out)


def _value_lines(lines: list[str], first: int) -> range:
    """The file lines (1-based) of the key on line ``first`` and its value: the lines after
    it that are blank or indented deeper, up to the next key at its level."""
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
    end = first
    while end < len(lines):
        following = lines[end]
        if following.strip() and (len(following) - len(following.lstrip()) <= indent
                                  or following.strip() == "---"):
            break
        end += 1
    return range(first, end + 1)
