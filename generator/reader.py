"""Files -> raw front matter and body, with the line of every field.

python-frontmatter finds the front-matter block; PyYAML composes it into nodes so that every
key keeps its line number for error messages. Timestamps are left as text on purpose: the
contract (pydantic) parses dates, so an impossible date becomes a message, not a crash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .content import LANG_MARK, MORE_MARK, ROOT_MARK
from .entry_types import TYPES
from .errors import KeyPath, Problem, dotted
from .files import is_leftover, is_section_page, markdown_stem

MAX_FILE_BYTES = 1_000_000  # an entry larger than this is a pasted file, not an article
# A YAML alias (*name) repeats a part of the front matter; nested ones multiply, so a few
# lines can stand for billions of values. Real front matter has a few dozen.
MAX_FRONT_MATTER_VALUES = 10_000



@dataclass
class RawEntry:
    """One Markdown file as read from disk, before validation."""

    src_path: str  # relative to the docs dir, with forward slashes: "news/2026-05-01-x.md"
    shown_path: str  # how messages name the file: "content/news/2026-05-01-x.md"
    kind: str  # folder = entry type
    data: dict[str, Any]
    body: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    body_line: int = 1  # file line of the body's first character

    def line_of(self, path: KeyPath) -> int:
        """The line of the deepest known key on ``path``, else the front matter's first line."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings (pydantic parses and explains them)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml (C), about five times faster: reading front matter was
    the largest share of ``community check`` and a tenth of the build's own work."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
# libyaml recurses in C: nesting some 20,000 levels deep crashes the process instead of
# raising. Nesting needs one of these characters per level, so front matter with few of
# them cannot nest deeply, and any other goes to the pure-Python loader, which raises.
_NESTING_MARKS = "[{-?:"
_FAST_MAX_MARKS = 500


def _path_order(path: Path) -> tuple[str, ...]:
    """The order of sorted(paths) (PurePath compares its parts), without comparing Path
    objects pair by pair: 17,000 comparisons per build at N=1000."""
    return path.parts


def iter_entry_files(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every Markdown file (any case of .md, .markdown...) in an entry folder, in a stable
    order, with its type; folders with such names too (the reader refuses them)."""
    for kind in TYPES:
        folder = docs_dir / kind
        if folder.is_dir():
            for path in sorted(folder.rglob("*"), key=_path_order):
                src_path = path.relative_to(docs_dir).as_posix()
                if (markdown_stem(path.name) is not None and not is_section_page(path.name)
                        and not is_leftover(path.name)
                        and not any(part.startswith(".") for part in src_path.split("/"))):
                    yield kind, path


# A file's stamp (FileStamp), where it is and its type -> what reading it gave.
Stamp = tuple[int, int, int, int, int]
Parsed = dict[tuple[Stamp, str, str, str], tuple["RawEntry | None", list[Problem]]]


def file_stamp(path: Path) -> Stamp:
    """What changes whenever a file's bytes do: size, modification and change times (the
    change time cannot be set back by a program, unlike the modification time), inode and
    device (a file replaced by another, as editors save). Git and make trust less."""
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev


def read_entries(
    docs_dir: Path, shown_prefix: str, parsed: Parsed | None = None
) -> tuple[list[RawEntry], list[Problem]]:
    """Read every entry file under ``docs_dir``; collect problems instead of stopping.

    ``parsed``: the files parsed by the last call, kept by a shell that builds again and
    again (``mkdocs serve``): a file whose stamp (``file_stamp``) is unchanged is not read,
    decoded, checked and parsed again (reading the 1000 files' bytes to compare them was
    0.02-0.03 s of each rebuild at N=1000). Updated to this call's files."""
    entries: list[RawEntry] = []
    problems: list[Problem] = []
    now: Parsed | None = None if parsed is None else {}
    for kind, path in iter_entry_files(docs_dir):
        src_path = path.relative_to(docs_dir).as_posix()
        entry, found = read_entry(path, src_path, f"{shown_prefix}{src_path}", kind,
                                  parsed, now)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    if parsed is not None and now is not None:
        parsed.clear()
        parsed.update(now)  # files gone or edited are forgotten
    return entries, problems


def read_entry(
    path: Path, src_path: str, shown_path: str, kind: str,
    parsed: Parsed | None = None, now: Parsed | None = None,
) -> tuple[RawEntry | None, list[Problem]]:
    """Read one file. Returns the entry, or None and the reasons it cannot be read.
    ``parsed`` / ``now``: the last and this build's parsed files (``read_entries``); a
    RawEntry is shared between builds, so nothing downstream may change it."""

    def fail(line: int, field_name: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_path, line, field_name, message)]

    if path.is_dir():
        return fail(1, "file", "is a folder with the name of an entry file: rename it")
    key = None
    if parsed is not None and now is not None:
        try:
            key = (file_stamp(path), src_path, shown_path, kind)
        except OSError:
            pass  # reading it says why it cannot be read
        else:
            if key in parsed:
                result = now[key] = parsed[key]
                return result[0], list(result[1])
    try:
        raw = path.read_bytes()
    except OSError as error:  # a dangling link, no permission, a device...
        return fail(1, "file", f"cannot be read ({error.strerror or error})")
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) / 1_000_000
        return fail(1, "file", f"the file is {size:.1f} MB; an entry may be at most 1 MB "
                    "(put large media in images/ and link it)")
    result = _from_bytes(raw, src_path, shown_path, kind)
    if key is not None and now is not None:
        now[key] = result
    return result[0], list(result[1])


def _from_bytes(
    raw: bytes, src_path: str, shown_path: str, kind: str
) -> tuple[RawEntry | None, list[Problem]]:
    """What a file's bytes give: everything from here on depends on them alone."""

    def fail(line: int, field_name: str, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_path, line, field_name, message)]

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(line, "file", "the file is not UTF-8 text; save it as UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(ROOT_MARK, "")
    text = text.replace(MORE_MARK, "").replace(LANG_MARK, "")
    if not text.strip():
        return fail(1, "file", "the file is empty; an entry starts with front matter "
                    "between two '---' lines (title, date, ...)")
    controls = _control_characters(text, shown_path)
    if controls:
        return None, controls
    return _parse(text, src_path, shown_path, kind)


# Invisible control characters, pasted from PDFs and word processors: YAML refuses them in
# front matter and XML (feeds, calendars) cannot carry them at all, so they stop here.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _control_characters(text: str, shown_path: str) -> list[Problem]:
    problems: dict[int, Problem] = {}
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.setdefault(line, Problem(
            shown_path, line, "file",
            f"line {line} holds the invisible control character U+{ord(match.group()):04X} "
            "(often pasted from a PDF or a word processor): delete it"))
    return list(problems.values())


def _parse(
    text: str, src_path: str, shown_path: str, kind: str
) -> tuple[RawEntry | None, list[Problem]]:
    handler = frontmatter.YAMLHandler()
    if not text.startswith("---") or not handler.detect(text):
        return None, [Problem(shown_path, 1, "front matter",
                              "the file must start with a '---' line, then the fields, "
                              "then another '---' line")]
    try:
        front, body = handler.split(text)
    except ValueError:
        return None, [Problem(shown_path, 1, "front matter",
                              "the front matter never closes: add a '---' line after "
                              "the last field")]
    try:
        node, data = _load(front)
    except yaml.YAMLError as error:
        line, reason = _yaml_error(error, front)
        return None, [Problem(shown_path, line, "front matter", f"YAML syntax error: {reason} "
                              "(check quotes, colons and indentation)")]
    except RecursionError:
        return None, [Problem(shown_path, 2, "front matter",
                              "the fields are nested too deeply to read")]
    except _TooManyValues as error:
        return None, [Problem(shown_path, error.line, "front matter",
                              f"the fields stand for more than {MAX_FRONT_MATTER_VALUES} "
                              "values (YAML aliases like '*name' repeat parts): write the "
                              "values out instead")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(shown_path, 2, "front matter",
                              "the front matter must be 'field: value' lines")]
    lines: dict[KeyPath, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _map_lines(node, lines, problems, shown_path)
        problems += _invisible_characters(node, (), shown_path)
    if any(problem.message == _NOT_A_NAME for problem in problems):
        return None, problems  # the contract cannot even name such a field
    # ``front`` starts with the newline that ends the opening '---' line, so YAML's 0-based
    # line n is the file's line n + 1. ``body`` is the end of the text: where it starts
    # depends on blank lines and spaces after the closing '---', so it is counted.
    body_start = len(text) - len(body) if text.endswith(body) else len(text)
    entry = RawEntry(src_path, shown_path, kind, data, body, lines,
                     body_line=text.count("\n", 0, body_start) + 1)
    return entry, problems


def _load(front: str) -> tuple[yaml.Node | None, Any]:
    """Compose once (the nodes keep their lines), then construct the Python values."""
    if sum(front.count(mark) for mark in _NESTING_MARKS) <= _FAST_MAX_MARKS:
        try:
            return _load_with(_FastLoader, front)
        except yaml.YAMLError:
            pass  # libyaml words and places errors its own way: the messages follow PyYAML's
    return _load_with(_Loader, front)


def _load_with(
    loader_class: type[_Loader | _FastLoader], front: str
) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(front)  # the loader checks the characters: it can raise already
    try:
        node = loader.get_single_node()
        if node is not None:
            _count_values(node)  # before anything walks the aliases' repetitions
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _yaml_error(error: yaml.YAMLError, front: str) -> tuple[int, str]:
    """The file line to look at and the reason, for any error PyYAML raises."""
    if isinstance(error, yaml.reader.ReaderError):
        # A control character (often pasted from a PDF or a word processor).
        line = front.count("\n", 0, error.position) + 1
        return line, f"the character U+{error.character:04X} is not allowed in front matter"
    if not isinstance(error, yaml.MarkedYAMLError):
        return 2, str(error)
    mark = error.problem_mark or error.context_mark
    reason = (error.problem or "invalid YAML").strip()
    if error.context_mark is not None and "stream" in reason:
        # Hitting the end of the front matter says little: where the unclosed quote or
        # bracket starts is where the editor must look.
        mark = error.context_mark
        reason = f"{reason} {(error.context or '').strip()}".strip()
    return ((mark.line + 1) if mark else 1), reason


class _TooManyValues(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _count_values(root: yaml.Node) -> None:
    """Raise _TooManyValues when the node tree, aliases expanded, is too large to walk.

    Counted without expanding: a node's size is computed once (aliases share nodes), so a
    bomb of nine levels of nine aliases is refused after a few dozen steps.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a node inside itself (a recursive alias): counted once
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(key) + size(value) for key, value in node.value)
        if total > MAX_FRONT_MATTER_VALUES:
            raise _TooManyValues(node.start_mark.line + 1)
        sizes[id(node)] = total
        return total

    size(root)


def _invisible_characters(node: yaml.Node, path: KeyPath, shown_path: str) -> list[Problem]:
    """Strings that hold a control character written as an escape ("\x01"): feeds and
    calendars are XML or text formats that cannot carry them."""
    if isinstance(node, yaml.ScalarNode):
        match = _CONTROL.search(node.value)
        if not match:
            return []
        return [Problem(shown_path, node.start_mark.line + 1, dotted(path),
                        f"holds the invisible control character U+{ord(match.group()):04X} "
                        "(written as an escape): delete it")]
    found: list[Problem] = []
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _invisible_characters(item, (*path, index), shown_path)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            found += _invisible_characters(value_node, (*path, str(key_node.value)),
                                           shown_path)
    return found


_TEXT_TAG = "tag:yaml.org,2002:str"
_NOT_A_NAME = "is not a field name (field names are words, like 'title')"


def yaml_lines(node: yaml.Node,
               path: KeyPath = ()) -> Iterator[tuple[KeyPath, yaml.Node | None, int]]:
    """Every key and list item under ``node``, depth first: its path, its key node (None for
    a list item) and YAML's 0-based line + 1. The one walk of composed YAML (front matter
    here, mkdocs.yml in settings.py) that gives messages their line numbers."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            yield child, key_node, key_node.start_mark.line + 1
            yield from yaml_lines(value_node, child)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield (*path, index), None, item.start_mark.line + 1
            yield from yaml_lines(item, (*path, index))


def _map_lines(node: yaml.Node, lines: dict[KeyPath, int], problems: list[Problem],
               shown_path: str) -> None:
    """Record the 1-based file line of every key and list item (the file's line 1 is '---')."""
    not_names: list[KeyPath] = []
    for path, key_node, line in yaml_lines(node):
        if not_names and any(path[:len(bad)] == bad for bad in not_names):
            continue  # inside a key that is not a name: nothing there can be named either
        if key_node is not None and key_node.tag != _TEXT_TAG:
            # `1:`, `~:` or `yes:` are numbers, nothing or true to YAML, not field names.
            problems.append(Problem(shown_path, line, dotted(path), _NOT_A_NAME))
            not_names.append(path)
            continue
        if key_node is not None and path in lines:
            problems.append(Problem(shown_path, line, dotted(path), "this field is given twice"))
        lines[path] = line
