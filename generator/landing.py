"""Landing pages: ``content/join/<name>.md`` becomes ``/join/<name>/``.

A landing page is where a sourcing link sends a particular group of people: runners-up after
a rejection letter, alumni, a career fair's visitors. It has its own title and text and the
full signup form, with a preset source, segments and relationship. It is for the people who
got the link, so it stays out of listings, feeds, the search index and the sitemap, and asks
search engines not to index it.

Read and validated like entries (reader.py's front matter with line numbers, the contract
below), so a mistake comes back as ``file:line: field: message`` with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from .errors import Problem
from .fields import SUMMARY_MAX, Slug, Text, is_slug
from .model import ContractModel
from .reader import RawEntry, read_entry
from .settings import Settings
from .sourcing import LANDING_FOLDER, is_landing_source
from .validate import dotted, explain


class LandingFields(ContractModel):
    """The front matter of a landing page."""

    title: Annotated[Text, Field(min_length=1, max_length=150,
                                 description="The page's heading and title.")]
    description: Annotated[Text | None, Field(
        max_length=SUMMARY_MAX, description="One sentence for the page's meta description; without "
                                    "it, the text's first paragraph.")] = None
    source: Annotated[Slug | None, Field(
        description="The source its signups count under: an id of attribution.sources.")] = None
    segments: Annotated[list[Slug], Field(
        description="Segments ticked when the page opens.")] = []
    relationship: Annotated[Slug | None, Field(
        description="The relationship answer chosen when the page opens: an id of "
                    "attribution.relationships.")] = None
    draft: Annotated[bool, Field(description="`true` keeps the page out of the site.")] = False


@dataclass
class Landing:
    name: str
    src_path: str  # for the Markdown renderer: relative links resolve from here
    shown_path: str
    fields: LandingFields
    body: str
    body_line: int
    html: str = ""  # the text, rendered once
    # A site in several languages: ``alumni.zh.md`` is the zh page at /zh/join/alumni/; a
    # landing page is built in the languages it is written in only. "": the default one.
    language: str = ""

    @property
    def url(self) -> str:
        return f"{LANDING_FOLDER}/{self.name}/"


def read_landings(docs_dir: Path, shown_prefix: str,
                  settings: Settings) -> tuple[list[Landing], list[Problem]]:
    """Every landing page (drafts left out), or the problems of each file."""
    folder = docs_dir / LANDING_FOLDER
    landings: list[Landing] = []
    problems: list[Problem] = []
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path in paths:
        src_path = f"{LANDING_FOLDER}/{path.name}"
        if not is_landing_source(src_path):
            continue
        raw, found = read_entry(path, src_path, shown_prefix + src_path, LANDING_FOLDER)
        problems += found
        if raw is None or found:
            continue
        name, language = _name_and_language(path.stem, settings)
        landing, found = _validated(raw, name, settings)
        problems += found
        if landing is not None and not landing.fields.draft:
            landing.language = language
            landings.append(landing)
    return landings, problems


def _name_and_language(stem: str, settings: Settings) -> tuple[str, str]:
    """``alumni.zh`` -> (``alumni``, ``zh``) when zh is one of the site's other languages."""
    others = list(settings.languages)[1:]
    for code in others:
        if stem.endswith(f".{code}"):
            return stem.removesuffix(f".{code}"), code
    return stem, ""


def _validated(raw: RawEntry, name: str,
               settings: Settings) -> tuple[Landing | None, list[Problem]]:
    """The page, or every problem: the contract's and the site's (declared ids), together."""
    problems = [Problem(raw.shown_path, raw.line_of(path), dotted(path) if path else "file",
                        message) for path, message in _rules(raw.data, name, settings)]
    try:
        fields = LandingFields.model_validate(raw.data)
    except ValidationError as error:
        reported = {problem.field for problem in problems}
        problems += [
            Problem(raw.shown_path, raw.line_of(tuple(err["loc"])), field,
                    explain(err, LandingFields, tuple(err["loc"])))
            for err in error.errors(include_url=False)
            if (field := dotted(tuple(err["loc"]))) not in reported]
        return None, problems
    if problems:
        return None, problems
    return Landing(name, raw.src_path, raw.shown_path, fields, raw.body, raw.body_line), []


def _rules(data: dict[str, Any], name: str,
           settings: Settings) -> list[tuple[tuple[str | int, ...], str]]:
    """What the contract cannot know: the file name, and ids declared in mkdocs.yml. Read
    from the raw front matter, so these come in the same run as the contract's problems."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if not is_slug(name):
        found.append(((), f"the file name '{name}' becomes the address /join/{name}/: use "
                          "lowercase letters, digits and '-'"))
    sources = settings.attribution.sources
    source = data.get("source")
    if isinstance(source, str) and source not in sources:
        found.append((("source",), f"'{source}' is not a declared source (declared in "
                                   f"mkdocs.yml under attribution.sources: "
                                   f"{', '.join(sources) or 'none yet'})"))
    segments = data.get("segments")
    for index, segment in enumerate(segments if isinstance(segments, list) else []):
        if isinstance(segment, str) and segment not in settings.segment_ids:
            found.append((("segments", index), f"'{segment}' is not a declared segment "
                          f"(declared in mkdocs.yml: {', '.join(sorted(settings.segment_ids))})"))
    relationships = settings.attribution.relationships
    relationship = data.get("relationship")
    if isinstance(relationship, str) and relationship not in relationships:
        found.append((("relationship",), f"'{relationship}' is not a declared relationship "
                      "(declared in mkdocs.yml under attribution.relationships: "
                      f"{', '.join(relationships) or 'none yet'})"))
    return found
