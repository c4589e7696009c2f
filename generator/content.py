"""The content objects that flow from validation to rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .model import EntryFields, EventFields, JobFields
from .sanitize import Removal

ROOT_MARK = "\ue000"  # private-use character standing for "the site root"; stripped from sources
MORE_MARK = "\ue001"  # stands for the excerpt marker while the sanitizer runs; stripped too
# Stands for "the root of the page's language" in templates (``R``): the site root for the
# default language, ``<root>/zh/`` for Chinese. ROOT_MARK stays the site root (pictures,
# files, and links in bodies, which name one file and so one language's page).
LANG_MARK = "\ue002"


class State(StrEnum):
    """Where an entry stands at build time (ARCHITECTURE.md: publication rules)."""

    draft = "draft"
    scheduled = "scheduled"
    live = "live"
    preview = "preview"  # job before public_on: community only
    open = "open"  # job from public_on
    closed = "closed"  # job after closes
    upcoming = "upcoming"  # event until its end
    past = "past"  # event after its end


@dataclass(eq=False)
class Entry:
    """One validated entry; later stages fill in its state and rendered HTML."""

    kind: str
    slug: str
    src_path: str
    shown_path: str
    fields: EntryFields
    body: str
    body_line: int
    state: State = State.live
    # mkdocs serve: why this entry is shown although it is not public (draft / scheduled),
    # and when it goes live once public: its date, or None for "the next build" (a draft
    # whose date has passed)
    unpublished: State | None = None
    goes_live: datetime | None = None
    html: str = ""  # the body rendered once; root-relative links carry ROOT_MARK
    excerpt_html: str = ""
    summary: str = ""  # plain text
    toc: list[dict] = field(default_factory=list)
    # What the sanitizer took out of the body, with its likely file line: filled only by a
    # renderer that notes removals (community check's warnings), so a build pays nothing.
    removed: list[tuple[int, Removal]] = field(default_factory=list)
    # The language this entry is a version of (the site's language on a one-language site),
    # and the path of that language from the site root ("" for the default, "zh/").
    language: str = ""
    language_path: str = ""

    @property
    def path(self) -> str:
        """Path from the site root of its own page: ``zh/news/some-slug/`` for a zh entry."""
        return self.language_path + self.url

    @property
    def url(self) -> str:
        """Path from the site root, with a trailing slash: ``news/some-slug/``."""
        return f"{self.kind}/{self.slug}/"

    @property
    def title(self) -> str:
        return self.fields.title

    @property
    def job(self) -> JobFields:
        assert isinstance(self.fields, JobFields)
        return self.fields

    @property
    def event(self) -> EventFields:
        assert isinstance(self.fields, EventFields)
        return self.fields

    @property
    def published(self) -> bool:
        return self.state not in (State.draft, State.scheduled)

    @property
    def indexable(self) -> bool:
        """Search engines may index it (previews and closed roles are noindex)."""
        return self.state not in (State.preview, State.closed, State.draft)

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by URL so equal dates stay in a stable order."""
        return (-self.fields.date.timestamp(), self.url)
