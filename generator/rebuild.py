"""What a shell that builds the site again and again (``mkdocs serve``) keeps from one build
to the next, so that a rebuild after one edit does the work of that edit: parsed files
(reader.read_entries), rendered bodies (markup.RenderCache), compiled templates
(TemplateCode), finished entry pages (EntryPages), listing pages and feed files. A build
given nothing to keep builds everything, as ``mkdocs build`` does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .content import Entry
from .markup import RenderCache
from .memo import PageMemo, TextDigests, digest
from .reader import Parsed
from .render import Page


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates: every rebuild makes new Jinja environments (MkDocs' theme, the
    core's pages), which would compile every template again (about 60, a tenth of a
    one-entry rebuild at N=1000). Jinja checks each template's source against the checksum
    stored with its code, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class EntryPages(PageMemo):
    """Entry pages of the last build, made again only for entries that changed.

    An entry page shows its own entry (every field, its state, its rendered body) through
    the build's settings, strings and templates (``context``). Of the other entries it
    shows at most their front matter (addresses and titles of language versions, say): the
    key holds every entry's front matter too, so an edit of any front matter makes every
    entry page again, and an edit of a body only its own. A template that shows more of
    another entry (its text, its summary) must add that to ``_others``. The keys of the
    entries (``keys``) serve the listing pages too (render.PageRenderer.listings)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[int, bytes] = {}  # id of an entry of this build -> its key
        self.texts = TextDigests()  # the entries' bodies and HTML

    def render_all(self, entries: list[Entry], render: Callable[[Entry], Page],
                   context: bytes) -> list[Page]:
        fields = {id(entry): repr(entry.fields) for entry in entries}  # once: pydantic's
        others = digest(_others(entry, fields[id(entry)]) for entry in entries)
        self.keys = {id(entry): digest([context, others, *self._whole(entry, fields)])
                     for entry in entries}
        self.texts.finish()
        self.start()
        pages = [self.page(entry.path, self.keys[id(entry)], lambda entry=entry: render(entry))
                 for entry in entries]
        self.finish()
        return pages

    def _whole(self, entry: Entry, fields: dict[int, str]) -> list[str | bytes]:
        """Every field of the entry (the dataclass's), a long text (the body, its HTML) by
        its digest (memo.TextDigests): the repr of the whole entry was 0.1 s of a rebuild
        at N=1000, mostly copying the texts. ``fields``: the front matter's repr, made
        once per entry."""
        return [fields[id(entry)] if name == "fields" else self.texts(value)
                if isinstance(value, str) and len(value) > LONG_TEXT else repr(value)
                for name, value in zip(_FIELDS, map(entry.__getattribute__, _FIELDS),
                                       strict=True)]


_FIELDS = tuple(item.name for item in dataclasses.fields(Entry))
LONG_TEXT = 256  # characters: a text longer than this goes into a key by its digest


def _others(entry: Entry, fields: str) -> str:
    return repr((entry.src_path, entry.path, entry.state, entry.unpublished, fields))


def build_context(*parts: object, folders: Iterable[Path | None] = ()) -> bytes:
    """What every page of a build depends on: ``parts`` (settings, site) by their repr and
    the files of ``folders`` (templates, string catalogs) by path, size and change time."""
    return digest([*map(repr, parts), repr(file_stamps(folders))])


def file_stamps(folders: Iterable[Path | None],
                suffixes: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """Every file of the folders (or those ending in ``suffixes``): path, size, change time."""
    return [(str(path), stat.st_size, stat.st_mtime_ns)
            for folder in folders if folder is not None and folder.is_dir()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and (not suffixes or path.suffix in suffixes)
            for stat in [path.stat()]]


@dataclass
class Kept:
    """Everything kept between builds, handed to ``build.build`` by the shell."""

    parsed: Parsed = field(default_factory=dict)
    renders: RenderCache = field(default_factory=RenderCache)
    templates: TemplateCode = field(default_factory=TemplateCode)
    entry_pages: dict[str, EntryPages] = field(default_factory=dict)  # by language
    listing_pages: dict[str, PageMemo] = field(default_factory=dict)  # by language
    feed_files: dict[str, PageMemo] = field(default_factory=dict)  # by language
