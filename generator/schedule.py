"""Publication state of each entry at build time (DESIGN.md, publication rules)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .content import Entry, State
from .model import EventFields, JobFields


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
    if isinstance(fields, JobFields):
        today = now.date()
        if fields.closes is not None and today > fields.closes:
            return State.closed  # open through the whole `closes` day
        if fields.public_on is not None and today < fields.public_on:
            return State.preview
        return State.open
    if isinstance(fields, EventFields):
        return State.upcoming if now < fields.ends else State.past
    return State.live


def schedule(entries: list[Entry], now: datetime, *, keep_drafts: bool = False) -> list[Entry]:
    """Set every entry's state and keep those that are built (drafts only under serve)."""
    kept = []
    for entry in entries:
        entry.state = state_of(entry, now)
        if entry.published or (keep_drafts and entry.state == State.draft):
            kept.append(entry)
    return kept
