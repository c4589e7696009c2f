"""Publication state of each entry at build time (ARCHITECTURE.md, publication rules)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from .content import Entry, State
from .entry_types import TYPES
from .errors import Problem
from .model import JobFields

APPLY_HORIZON = timedelta(days=30)
"""How far ahead a role must already say how to apply: the look-ahead of `community calendar`.
A daily build opens a preview by itself on its `public_on`; checking only open roles would let
the check pass today and that build fail (or worse, publish a role nobody can apply for)."""


def build_time(environ: dict[str, str] | None = None) -> datetime:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now; always UTC."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def state_of(entry: Entry, now: datetime) -> State:
    fields = entry.fields
    if fields.draft:
        return State.draft
    if fields.date > now:
        return State.scheduled
    return TYPES[entry.kind].state(entry, now)  # once published: the type's own states


def schedule(entries: list[Entry], now: datetime, *, keep_drafts: bool = False) -> list[Entry]:
    """Set every entry's state and keep those that are built.

    ``keep_drafts`` (``mkdocs serve`` only): drafts and scheduled entries are kept too, each
    in the state it will have once public (a role's badge, its form), with ``unpublished``
    saying why it is not public yet: the editor previews exactly what will go live.
    """
    kept = []
    for entry in entries:
        entry.state = state_of(entry, now)
        if entry.published:
            kept.append(entry)
        elif keep_drafts:
            entry.unpublished = entry.state
            entry.goes_live = entry.fields.date if entry.fields.date > now else None
            entry.state = TYPES[entry.kind].state(entry, max(now, entry.fields.date))
            kept.append(entry)
    return kept


def apply_path_problems(entries: list[Entry], now: datetime) -> list[Problem]:
    """Every role that is open, or opens within APPLY_HORIZON, with no way to apply.

    Reported at line 1 like every missing field. Drafts wait until they stop being drafts;
    roles past their closing day need nothing.
    """
    problems = []
    today = now.date()
    for entry in entries:
        job = entry.fields
        if not isinstance(job, JobFields) or job.draft or job.apply_url or job.apply_email:
            continue
        if job.closes is not None and job.closes < today:
            continue
        opens = job.goes_public(now.tzinfo)
        if opens > (now + APPLY_HORIZON).date():
            continue
        when = "is open" if opens <= today else f"opens on {opens.isoformat()}"
        problems.append(Problem(
            entry.shown_path, 1, "apply_url",
            f"this role {when} and says nowhere how to apply: add 'apply_url' (the "
            "application page, https://...) or 'apply_email' (the address applications go to)",
        ))
    return problems


def open_ended_roles(entries: list[Entry], now: datetime) -> list[Problem]:
    """Warnings: roles open at build time without ``closes`` stay open, on the site and in
    search engines (JobPosting without validThrough), until someone remembers them."""
    today = now.date()
    return [
        Problem(entry.shown_path, 1, "closes",
                "warning: this role is open and has no 'closes': it stays open for ever, in "
                "listings, feeds and search engines; set the last day to apply")
        for entry in entries
        if isinstance(job := entry.fields, JobFields) and not job.draft
        and job.closes is None and job.goes_public(now.tzinfo) <= today and job.date <= now
    ]
