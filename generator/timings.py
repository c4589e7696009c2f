"""Where a build's time goes, stage by stage: the cost table that ``bench/run.py`` prints.

Each stage is timed exclusively: while a nested stage runs (the sanitizer inside Markdown,
JSON-LD inside an entry page), its time is taken off the stage around it, so the stages of a
build add up to the time they cover and each row is one feature's own cost. A new feature
wraps its work in ``with stage("its name"):`` and shows up in the next bench run as a row
of its own. The clock calls cost well under a millisecond per build.

One table per process (``TIMINGS``), emptied at the start of every build (``mkdocs serve``
builds again and again). The MkDocs shell adds the stages it sees (Material's page template,
the search index, writing files) and writes the table as JSON where ``COMMUNITY_TIMINGS``
points, if it is set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from time import perf_counter

ENV_VAR = "COMMUNITY_TIMINGS"  # a file path: where the shell writes the table


class Timings:
    def __init__(self, clock: Callable[[], float] = perf_counter) -> None:
        self.clock = clock
        self.seconds: dict[str, float] = {}
        self._open: list[str] = []  # the stages running now, innermost last

    def reset(self) -> None:
        self.seconds = {}
        self._open = []

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = self.clock()
        self._open.append(name)
        try:
            yield
        finally:
            self._open.pop()
            elapsed = self.clock() - start
            self.add(name, elapsed)
            if self._open:  # the enclosing stage did not do this work itself
                self.add(self._open[-1], -elapsed)

    def write(self, path: Path) -> None:
        ordered = dict(sorted(self.seconds.items(), key=lambda item: -item[1]))
        path.write_text(json.dumps(ordered, indent=1) + "\n", encoding="utf-8")


TIMINGS = Timings()
stage = TIMINGS.stage


def requested_path() -> Path | None:
    value = os.environ.get(ENV_VAR)
    return Path(value) if value else None
