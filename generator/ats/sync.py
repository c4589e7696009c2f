"""Roles on a board -> planned changes to ``content/<kind>/``, checked, then written (the
type that declares ``ats_import`` in entry_types.py: ``jobs``).

The import owns a few fields of each role's file (``IMPORTED``) and the body text above
``MARKER``; the editor owns everything else (``public_on``, ``summary``, ``segments``,
``tags``, images, the text below the marker). Files are edited line by line: only the
lines of a field whose value changed are rewritten, so re-importing an unchanged board
changes no byte, and an editor's order, comments and quoting stay as they were.

Before anything is written, the planned files are read and validated by the same code as
``community check``, with the rest of the site around them; a file that would fail is not
written, and the reasons are reported with the file, the line and the field.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..content import Entry
from ..entry_types import EntryType, ats_import_type
from ..errors import Problem
from ..model import Context
from ..reader import RawEntry, read_entries, read_entry
from ..scaffold import SlugNeeded, slugify
from ..settings import Settings, Site
from ..validate import validate_entries
from .boards import BoardSpec, Role
from .markdown import to_markdown

MARKER = ("<!-- community import: the text above comes from the ATS and is replaced at each "
          "import; write your own notes below this line -->")
IMPORTED = ("title", "team", "locations", "workplace", "employment_type", "apply_url",
            "salary", "source")
# When the board is silent on these, an editor's value stays (Greenhouse's job board has no
# employment type, for one: a new role's file then has none, and its page states none);
# the others follow the board, and a salary no longer published goes.
KEPT_WHEN_SILENT = ("team", "workplace", "employment_type")
ATS_TITLES = {"greenhouse": "Greenhouse", "lever": "Lever", "ashby": "Ashby"}
_FRONT = re.compile(r"\A(---[ \t]*\n)(.*?\n)?(---[ \t]*(?:\n|\Z))", re.S)


class ImportRefused(Exception):
    """The import cannot go on; the message says why. Nothing was written."""


@dataclass
class Change:
    """One file the import creates or edits."""

    path: Path
    shown: str
    action: str  # create | update | close
    role: str  # "Senior Backend Engineer (greenhouse 4012345)"
    details: list[str]
    new_text: str
    old_text: str | None = None


@dataclass
class Plan:
    spec: BoardSpec
    roles: int
    changes: list[Change] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: list[tuple[Change, list[Problem]]] = field(default_factory=list)

    @property
    def accepted(self) -> list[Change]:
        refused = {id(change) for change, _ in self.refused}
        return [change for change in self.changes if id(change) not in refused]


# --------------------------------------------------------------------------- YAML text


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
DAY_KEYS = ("date", "public_on", "closes")


def _scalar(value: Any) -> str:
    """A value inside a flow collection: plain words as they are, other text as JSON (which
    is valid YAML), whole numbers without '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def render_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_scalar(item)}" for key, item in value.items()) + "}"
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_style=None)
    return dumped.removesuffix("\n...\n").strip()


def _line(key: str, value: Any) -> str:
    if key in DAY_KEYS and isinstance(value, str):
        return f"{key}: {value}\n"  # a day, as editors write it (the reader keeps it text)
    return f"{key}: {render_value(value)}\n"


def _key_spans(front: str) -> dict[str, tuple[int, int]]:
    """Top-level key -> its lines in ``front`` (start, end exclusive)."""
    node = yaml.compose(front, Loader=yaml.SafeLoader)
    spans: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            start = key.start_mark.line
            end = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)
            spans[str(key.value)] = (start, max(end, start + 1))
    return spans


def edit_front(front: str, updates: dict[str, Any]) -> str:
    """``front`` with each key of ``updates`` set (``None``: removed); other lines kept."""
    lines = front.splitlines(keepends=True)
    spans = _key_spans(front)
    added = []
    for key, value in sorted(updates.items(), key=lambda kv: -spans.get(kv[0], (-1, 0))[0]):
        new = [] if value is None else [_line(key, value)]
        if key in spans:
            start, end = spans[key]
            lines[start:end] = new
        else:
            added += new
    return "".join(lines + added)


# --------------------------------------------------------------------------- values


def imported_values(role: Role, spec: BoardSpec) -> dict[str, Any]:
    """The import's fields for ``role``, in file order; ``None``: the board does not say."""
    salary = None
    if role.salary is not None:
        salary = {"currency": role.salary.currency}
        salary |= {k: v for k, v in (("min", role.salary.min), ("max", role.salary.max))
                   if v is not None}
        salary["per"] = role.salary.per
    source = {"ats": spec.ats, "board": spec.board, "id": role.id}
    if role.updated_at:
        source["updated_at"] = role.updated_at
    return {
        "title": role.title,
        "team": role.team,
        "locations": list(role.locations) or None,
        "workplace": role.workplace,
        "employment_type": role.employment_type,
        "apply_url": role.apply_url,
        "salary": salary,
        "source": source,
    }


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    return old == new


def _shown(value: Any) -> str:
    text = "(none)" if value is None else render_value(value)
    return text if len(text) <= 70 else text[:67] + "..."


def _segments_for(role: Role, settings: Settings) -> list[str]:
    mapping = {name.strip().lower(): ids for name, ids in settings.ats.segments.items()}
    found: dict[str, None] = {}
    for group in role.groups:
        for segment in mapping.get(group.strip().lower(), []):
            found.setdefault(segment, None)
    return list(found)


# --------------------------------------------------------------------------- body


def _body(description: str) -> str:
    return f"\n{description}\n\n" if description else "\n"


def _split(text: str) -> tuple[str, str, str] | None:
    """(opening '---' line + front, front, the rest from the closing '---' line)."""
    match = _FRONT.match(text)
    if match is None:
        return None
    return match.group(1), match.group(2) or "", text[match.start(3):]


def _replace_imported_body(rest: str, description: str) -> tuple[str, bool]:
    """``rest`` (closing '---' line and body) with the text above the marker replaced."""
    closing, _, body = rest.partition("\n")
    if MARKER not in body:
        return rest, False
    above, _, below = body.partition(MARKER)
    fresh = _body(description)
    if above == fresh:
        return rest, True
    return f"{closing}\n{fresh}{MARKER}{below}", True


# --------------------------------------------------------------------------- planning


@dataclass
class _Existing:
    path: Path
    text: str
    data: dict[str, Any]


def target_type() -> EntryType:
    """The entry type roles are imported as (entry_types: ``ats_import``), or ImportRefused
    when no type is declared so or its model lacks a field the import writes."""
    target = ats_import_type()
    if target is None:
        raise ImportRefused("no entry type takes imported roles (ats_import in "
                            "generator/entry_types.py)")
    missing = [key for key in IMPORTED if key not in target.model.model_fields]
    if missing:
        raise ImportRefused(f"the '{target.kind}' type takes imported roles but its model "
                            f"has no {', '.join(missing)}")
    return target


def _existing_imports(docs_dir: Path, spec: BoardSpec, kind: str) -> dict[str, _Existing]:
    """The files this board's roles were imported into, by role id."""
    found: dict[str, _Existing] = {}
    folder = docs_dir / kind
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        raw, _ = read_entry(path, path.name, str(path), kind)
        source = raw.data.get("source") if raw is not None else None
        if raw is not None and isinstance(source, dict) and source.get("ats") == spec.ats \
                and str(source.get("board")) == spec.board and source.get("id") is not None:
            found[str(source["id"])] = _Existing(path, path.read_text(encoding="utf-8"),
                                                 raw.data)
    return found


def _role_label(role: Role, spec: BoardSpec) -> str:
    return f"{role.title} ({spec.ats} {role.id})"


def _new_file(role: Role, spec: BoardSpec, settings: Settings, today: date,
              description: str) -> str:
    values = imported_values(role, spec)
    front: dict[str, Any] = {"title": values.pop("title"), "date": today.isoformat()}
    for key, value in values.items():
        if key == "apply_url" and settings.ats.new_roles == "preview":
            front["public_on"] = (today + timedelta(days=settings.ats.preview_days)).isoformat()
        if key != "source" and value is not None:
            front[key] = value
    segments = _segments_for(role, settings)
    if segments:
        front["segments"] = segments
    front["source"] = values["source"]
    note = (f"# Imported from {ATS_TITLES[spec.ats]} ({spec}). The import updates "
            f"{', '.join(IMPORTED)} and the text above the marker; the rest is yours.\n")
    lines = "".join(_line(key, value) for key, value in front.items())
    return f"---\n{note}{lines}---\n{_body(description)}{MARKER}\n"


def _updated_file(existing: _Existing, role: Role, spec: BoardSpec, description: str,
                  today: date) -> tuple[str, list[str], list[str]]:
    """New text, the changed fields ('title: "a" -> "b"') and notes for the editor."""
    split = _split(existing.text)
    if split is None:
        return existing.text, [], []
    opening, front, rest = split
    updates: dict[str, Any] = {}
    details: list[str] = []
    for key, new in imported_values(role, spec).items():
        old = existing.data.get(key)
        if key == "salary" and new and role.salary and not role.salary.per_stated \
                and isinstance(old, dict) and isinstance(old.get("per"), str):
            new = {**new, "per": old["per"]}  # the ATS gives no period: the editor's stays
        if new is None and (key in KEPT_WHEN_SILENT or key not in existing.data):
            continue
        if key in existing.data and _same(old, new):
            continue
        updates[key] = new
        details.append(f"{key}: {_shown(old)} -> {_shown(new)}")
    notes = []
    if updates:
        front = edit_front(front, updates)
    rest, has_marker = _replace_imported_body(rest, description)
    if not has_marker:
        notes.append("has no import marker any more: its text is the editor's, so the "
                     "description was not updated")
    elif rest != _split(existing.text)[2]:  # type: ignore[index]
        details.append("description: changed in the ATS")
    closes = existing.data.get("closes")
    if isinstance(closes, str) and closes < today.isoformat():
        notes.append(f"is on the board again but has 'closes: {closes}': delete that line "
                     "to reopen it on the site")
    return opening + front + rest, details, notes


def _closed_file(existing: _Existing, today: date) -> tuple[str, list[str]]:
    """The role left the board: ``closes`` becomes the import day (an earlier one stays)."""
    split = _split(existing.text)
    closes, public_on = existing.data.get("closes"), existing.data.get("public_on")
    if split is None or (isinstance(closes, str) and closes <= today.isoformat()):
        return existing.text, []
    opening, front, rest = split
    updates: dict[str, Any] = {"closes": today.isoformat()}
    details = [f"closes: {_shown(closes)} -> {today.isoformat()} (no longer on the board)"]
    if isinstance(public_on, str) and public_on > today.isoformat():
        # A role cannot close before it opens: it left the board while still a preview.
        updates["public_on"] = today.isoformat()
        details.append(f"public_on: {public_on} -> {today.isoformat()} (it closed before "
                       "it opened)")
    return opening + edit_front(front, updates) + rest, details


def _free_slug(role: Role, spec: BoardSpec, taken: set[str], folder: Path) -> str:
    try:
        base = slugify(role.title)
    except SlugNeeded:  # a title in another script: the ATS id makes the address
        base = f"{spec.ats}-{re.sub(r'[^a-z0-9]+', '-', role.id.lower()).strip('-')}"
    tail = re.sub(r"[^a-z0-9]", "", role.id.lower())[:8] or "role"
    for slug in (base, f"{base}-{tail}", *(f"{base}-{tail}-{n}" for n in range(2, 100))):
        if slug not in taken and not (folder / f"{slug}.md").exists():
            return slug
    raise ImportRefused(f"no free address for {role.title!r}")  # 100 roles with one title


def plan_import(roles: list[Role], spec: BoardSpec, site: Site, settings: Settings,
                today: date, entries: Iterable[Entry]) -> Plan:
    """What the import would change; ``entries``: the site's validated entries now."""
    plan = Plan(spec, len(roles))
    kind = target_type().kind
    folder = site.docs_dir / kind
    existing = _existing_imports(site.docs_dir, spec, kind)
    taken = {entry.slug for entry in entries if entry.kind == kind}

    def shown(path: Path) -> str:
        return site.shown_docs_dir + path.relative_to(site.docs_dir).as_posix()

    for role in roles:
        description = to_markdown(role.description_html)
        label = _role_label(role, spec)
        old = existing.pop(role.id, None)
        if old is None:
            slug = _free_slug(role, spec, taken, folder)
            taken.add(slug)
            path = folder / f"{slug}.md"
            text = _new_file(role, spec, settings, today, description)
            plan.changes.append(Change(path, shown(path), "create", label, [], text))
            continue
        text, details, notes = _updated_file(old, role, spec, description, today)
        plan.notes += [f"{shown(old.path)}: {note}" for note in notes]
        if text == old.text:
            plan.unchanged.append(shown(old.path))
        else:
            plan.changes.append(Change(old.path, shown(old.path), "update", label, details,
                                       text, old.text))
    for role_id, old in existing.items():  # imported before, gone from the board now
        text, details = _closed_file(old, today)
        label = f"{old.data.get('title')} ({spec.ats} {role_id})"
        if text == old.text:
            plan.unchanged.append(shown(old.path))
        else:
            plan.changes.append(Change(old.path, shown(old.path), "close", label, details,
                                       text, old.text))
    return plan


# --------------------------------------------------------------------------- checking


def check_plan(plan: Plan, site: Site, settings: Settings) -> None:
    """Validate the site as it would be; changes whose file would fail go to ``refused``."""
    raws, problems = read_entries(site.docs_dir, site.shown_docs_dir)
    by_path: dict[str, RawEntry] = {raw.src_path: raw for raw in raws}
    with tempfile.TemporaryDirectory(prefix="community-import-") as scratch:
        for index, change in enumerate(plan.changes):
            src_path = change.path.relative_to(site.docs_dir).as_posix()
            draft = Path(scratch) / f"{index}.md"
            draft.write_text(change.new_text, encoding="utf-8")
            raw, found = read_entry(draft, src_path, change.shown, target_type().kind)
            problems += found
            by_path.pop(src_path, None)
            if raw is not None:
                by_path[src_path] = raw
    _, found = validate_entries(list(by_path.values()),
                                Context(settings.segment_ids, site.docs_dir, settings.zone))
    problems += found
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    changed = {change.shown for change in plan.changes}
    if set(by_file) - changed:  # a problem outside the changed files: refuse them all
        plan.refused = [(change, by_file.get(change.shown, [])) for change in plan.changes]
        plan.notes += [str(problem) for path, found in by_file.items() if path not in changed
                       for problem in found]
        return
    plan.refused = [(change, by_file[change.shown]) for change in plan.changes
                    if change.shown in by_file]


def write_plan(plan: Plan) -> list[Change]:
    """Write every accepted change, each file replaced whole (never half-written)."""
    written = []
    for change in plan.accepted:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        partial = change.path.with_name(f".{change.path.name}.import")
        partial.write_text(change.new_text, encoding="utf-8", newline="\n")
        os.replace(partial, change.path)
        written.append(change)
    return written


def report(plan: Plan, dry_run: bool) -> str:
    """What changed (or would), file by file, for the terminal and the pull request."""
    lines = [f"{plan.spec}: {plan.roles} roles on the board."]
    verbs = {"create": "create", "update": "update", "close": "close "}
    refused = {id(change) for change, _ in plan.refused}
    for change in plan.changes:
        mark = "refused: " if id(change) in refused else ""
        lines.append(f"  {mark}{verbs[change.action]} {change.shown}  {change.role}")
        lines += [f"      {detail}" for detail in change.details]
    if plan.unchanged:
        lines.append(f"  {len(plan.unchanged)} file(s) unchanged")
    lines += [f"  note: {note}" for note in plan.notes]
    for change, problems in plan.refused:
        lines.append(f"Not written: {change.shown} ({change.role}) would not pass "
                     "`community check`:")
        lines += [f"  {problem}" for problem in problems]
    count = len(plan.accepted)
    if dry_run:
        lines.append(f"Dry run: {count} file(s) would be written; nothing was written.")
    else:
        lines.append(f"{count} file(s) written." if count else "Nothing to write.")
    return "\n".join(lines)


def run_import(roles: list[Role], spec: BoardSpec, site: Site, settings: Settings,
               today: date, entries: list[Entry], dry_run: bool) -> Plan:
    plan = plan_import(roles, spec, site, settings, today, entries)
    check_plan(plan, site, settings)
    if not dry_run:
        write_plan(plan)
    return plan

