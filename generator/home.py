"""The home page's own front matter: its hero (``content/index.md``; ``index.<lang>.md`` for
another language of the site).

The hero's headline and text come from ``hero:`` in mkdocs.yml (per language under
``languages``) and, field by field, from the home page's front matter, which wins: the
community's promise can be edited where the home page's text is, by whoever writes it. The
file is read like an entry (reader.py: the line of every field) and ``hero`` validated by
the settings' own Hero contract, so a mistake is ``content/index.md:3: hero.headline: ...``
with the other problems of the run. Other front matter keys belong to MkDocs and Material
(``title``, ``description``, ``hide``) and are left to them.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Problem, dotted
from .reader import read_entry
from .settings import Hero, Settings
from .validate import explain


class HomeFront(BaseModel):
    """What the generator reads of the home page's front matter."""

    model_config = ConfigDict(extra="ignore", frozen=True)  # the rest is MkDocs' and Material's

    hero: Hero = Hero()


def home_file(index: int, code: str) -> str:
    """The home page's file of the site's ``index``-th language (0: the default)."""
    return "index.md" if index == 0 else f"index.{code}.md"


def front_heroes(docs_dir: Path, shown_prefix: str,
                 codes: tuple[str, ...]) -> tuple[dict[str, Hero], list[Problem]]:
    """Each language's hero as its home page's front matter gives it (languages whose home
    page has none, or no front matter, are left out), and the problems of those files."""
    heroes: dict[str, Hero] = {}
    problems: list[Problem] = []
    for index, code in enumerate(codes):
        name = home_file(index, code)
        path = docs_dir / name
        if not _has_front_matter(path):
            continue  # a home page of plain Markdown, or none: mkdocs.yml's hero stands
        raw, found = read_entry(path, name, shown_prefix + name, "")
        problems += found
        if raw is None or "hero" not in raw.data:
            continue
        try:
            heroes[code] = HomeFront.model_validate(raw.data).hero
        except ValidationError as error:
            problems += [Problem(raw.shown_path, raw.line_of(tuple(err["loc"])),
                                 dotted(tuple(err["loc"])),
                                 explain(err, HomeFront, tuple(err["loc"])))
                         for err in error.errors(include_url=False)]
    return heroes, problems


def with_front_hero(settings: Settings, front: Hero | None) -> Settings:
    """``settings`` with the front matter's headline and text where it gives them."""
    if front is None:
        return settings
    hero = Hero(headline=front.headline or settings.hero.headline,
                text=front.text or settings.hero.text)
    return settings.model_copy(update={"hero": hero})


def _has_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            start = file.read(8)
    except OSError:
        return False  # missing (or unreadable: files.py reports what it cannot read)
    return start.removeprefix(b"\xef\xbb\xbf").startswith(b"---")
