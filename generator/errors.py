"""Problems found in content or settings, reported as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass

KeyPath = tuple[str | int, ...]
"""Where a value sits in front matter or settings: ``("member", "name")``, ``("tags", 1)``."""


def dotted(path: KeyPath) -> str:
    """How messages name a field: ``member.name``, ``segments[1]``; ``front matter`` for ()."""
    text = ""
    for part in path:
        if part == "[key]":  # pydantic's mark of a problem with a mapping's key: named already
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake an editor can fix: where it is and what to do about it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised with every problem of a run, so editors fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(problem) for problem in self.problems]
        return "\n".join([*lines, f"{count} {noun} found; nothing was built."])
