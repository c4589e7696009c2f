"""Every file under the docs folder, judged before anything is built: hostile and odd files.

MkDocs publishes whatever lies in ``content/``: an editor's backup (``x.md~``), a link to
``/etc/passwd``, a page it cannot decode (then it stops half-way with a traceback). ``scan``
looks at each file once, up front, so that

- editor backups and temporary files are never published (the shell drops ``leftovers``);
- links that leave the repository, dangling links, unreadable files and pages that are not
  UTF-8 are problems naming the file (and the line of a bad byte);
- files that can only be mistakes are problems too: a non-Markdown file in an entry folder,
  a Markdown file whose suffix MkDocs does not recognise as Markdown (``.MD``: it would be
  copied raw, front matter and all), a hand-written file where the generator writes its
  own (``feeds/``, ``events/*.ics``, ``sitemap.xml``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .entry_types import TYPES
from .errors import Problem

# What MkDocs treats as Markdown (mkdocs.utils.markdown_extensions, compared as written).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

# Editor backups, autosaves, locks and half-written downloads: never content.
_LEFTOVER = re.compile(
    r"(~|\.(orig|rej|bak|backup|old|swp|swo|swx|swn|tmp|temp|part|crdownload|kate-swp)"
    r"|^#.*#|^~\$.*|^4913|^Thumbs\.db|^desktop\.ini)$", re.IGNORECASE)

# Files only the generator writes (besides pages, which validate.address_conflicts guards).
_GENERATED_TOPS = ("feeds", "segments", "tags", "join", "subscribe", "search", "email-images")
_GENERATED_FILES = ("sitemap.xml", "sitemap.xml.gz", "404.html")


def markdown_stem(name: str) -> str | None:
    """``name`` without its Markdown suffix in any case, or None if it is not Markdown."""
    lowered = name.lower()
    for suffix in MARKDOWN_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def is_leftover(name: str) -> bool:
    """An editor's backup or temporary file (``x.md~``, ``x.md.orig``, ``.x.md.swp``...)."""
    return name.startswith(".") or bool(_LEFTOVER.search(name))


# A folder's own page and its translations (``index.md``, ``index.zh.md``): never an entry,
# whatever folder it is in (the generator makes each section's page in each language).
_SECTION_PAGE = re.compile(r"index(\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?\.md")


def is_section_page(name: str) -> bool:
    """``index.md`` or a translation of it (``index.zh.md``, ``index.zh-Hant.md``)."""
    return bool(_SECTION_PAGE.fullmatch(name))


def is_entry_source(src_path: str) -> bool:
    """A Markdown file in an entry folder (other than the folder's index page)."""
    folder, _, name = src_path.partition("/")
    base = src_path.rsplit("/", 1)[-1]
    return (folder in TYPES and bool(name) and not is_leftover(base)
            and markdown_stem(base) is not None and not is_section_page(base))


@dataclass
class Scan:
    problems: list[Problem] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # paths from the docs folder
    # Every other file that is not Markdown (pictures, downloads): path, size, change time.
    # Pages and feeds read some of them (a picture's PNG copy and its length in a feed):
    # ``mkdocs serve`` makes pages again when one of them changes (rebuild.build_context).
    assets: list[tuple[str, int, int]] = field(default_factory=list)


def scan(docs_dir: Path, project_dir: Path, shown_prefix: str) -> Scan:
    """Walk ``docs_dir`` (following links that stay inside the project) and judge each file."""
    result = Scan()
    allowed = (project_dir.resolve(), docs_dir.resolve())
    seen_dirs: set[Path] = set()
    for folder, dirs, names in os.walk(docs_dir, followlinks=True):
        here = Path(folder)
        real = here.resolve()
        if real in seen_dirs:  # a link loop: walked already
            dirs[:] = []
            continue
        seen_dirs.add(real)
        kept = []
        for name in sorted(dirs):
            path = here / name
            if name.startswith("."):
                continue  # MkDocs never publishes dot folders
            problem = _link_problem(path, allowed, docs_dir, shown_prefix)
            if problem:
                result.problems.append(problem)
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = here / name
            src = path.relative_to(docs_dir).as_posix()
            if is_leftover(name):
                result.leftovers.append(src)
                continue
            problem = (_link_problem(path, allowed, docs_dir, shown_prefix)
                       or _file_problem(path, src, shown_prefix))
            if problem:
                result.problems.append(problem)
            elif markdown_stem(name) is None:
                stat = path.stat()
                result.assets.append((src, stat.st_size, stat.st_mtime_ns))
    return result


def _link_problem(path: Path, allowed: tuple[Path, ...], docs_dir: Path,
                  shown_prefix: str) -> Problem | None:
    if not path.is_symlink():
        return None
    shown = shown_prefix + path.relative_to(docs_dir).as_posix()
    target = Path(os.path.realpath(path))
    if not target.exists():
        return Problem(shown, 1, "file", f"is a link to {os.readlink(path)}, which does not "
                       "exist: delete the link or restore the file")
    if not any(target == root or target.is_relative_to(root) for root in allowed):
        return Problem(shown, 1, "file", f"is a link to {target}, outside the repository: "
                       "nothing outside it is published; copy the file in instead")
    return None


def _file_problem(path: Path, src: str, shown_prefix: str) -> Problem | None:
    shown = shown_prefix + src
    top = src.split("/", 1)[0] if "/" in src else ""
    stem = markdown_stem(path.name)
    if src in _GENERATED_FILES or (top in _GENERATED_TOPS and stem is None) \
            or (top in TYPES and TYPES[top].calendar and path.name.lower().endswith(".ics")):
        return Problem(shown, 1, "file", f"/{src} is a file the generator writes; "
                       "move or rename this file")
    if top in TYPES and stem is None:
        return Problem(shown, 1, "file", f"is not an entry: {shown_prefix}{top}/ holds only "
                       "Markdown entries (.md); put pictures and files in images/")
    if top in TYPES:
        return None  # entries (any case of .md): the reader reads them and reports problems
    if stem is not None and not path.name.endswith(MARKDOWN_SUFFIXES):
        return Problem(shown, 1, "file", f"'{path.name}' would be published as it is, front "
                       f"matter and all: rename it to '{stem}.md'")
    return _unreadable(path, shown, page=stem is not None)


def _unreadable(path: Path, shown: str, page: bool) -> Problem | None:
    """A file MkDocs could not read, or a page it could not decode (it would stop with a
    traceback half-way through writing the site)."""
    try:
        with path.open("rb") as handle:
            data = handle.read() if page else handle.read(1)
    except OSError as error:
        return Problem(shown, 1, "file", f"cannot be read ({error.strerror or error})")
    if page:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            return Problem(shown, line, "file", f"line {line} is not UTF-8 text: save the "
                           "file as UTF-8")
    return None
