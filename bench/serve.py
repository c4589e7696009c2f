#!/usr/bin/env python3
"""Time what an editor waits for under ``mkdocs serve``: edit one entry, see it in the page.

    python bench/serve.py 1000 [--edits 3] [--results bench/RESULTS.md]

Writes the generator's bench project for N entries (as bench/run.py does), starts
``mkdocs serve`` on a free port of 127.0.0.1, waits for the first build, then edits one entry
``--edits`` times. Each time it writes a new sentence into the entry's first paragraph and
polls the entry's page until the sentence is there. It reports, per edit, the seconds from
saving the file to seeing the change, the rebuild's own duration (between the log lines
that open and close it) and how many rebuilds ran; then it checks that the server stays
idle (a plugin that wrote into the docs dir would rebuild forever). Fails unless every edit
took exactly one rebuild. The run is appended to the results file.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # the sibling script: same project, same records

POLL_S = 0.05
TIMEOUT_S = 600.0  # per wait: a build of N=1000 took 1.5 min at a load average of 13
WATCHER_SETTLE_S = 2.0
IDLE_S = 3.0  # no rebuild may start this long after the last edit was seen
# An editor reads the page before saving again: the server's work after the reload (its
# deferred garbage collection, serve_cache.IdleCollector; the watcher's polling) falls
# in this pause and counts in the edit's whole CPU seconds.
PAUSE_S = 2.0
TARGET_S = 1.5  # issue 20: an edit visible in the browser within this, at N=1000
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# What mkdocs serve logs around each build. Not "Documentation built in X seconds": MkDocs'
# build logger drops a message it has logged before, so a rebuild as fast as an earlier one
# goes unlogged.
BUILDING = "Building documentation..."
RELOADING = "Reloading browsers"


@dataclass
class Edit:
    seen_s: float  # saving the file -> the page shows the change
    build_s: float  # from the log's "Building documentation..." to "Reloading browsers"
    rebuilds: int
    cpu_s: float | None = None  # the server's CPU seconds from saving to reloading
    cycle_cpu_s: float | None = None  # ... to the end of the pause after the reload


class Server:
    """``mkdocs serve`` in the background, with its log lines collected as they come."""

    def __init__(self, project: Path, port: int) -> None:
        env = bench.generator_env(bench.base_env())
        env.pop("SOURCE_DATE_EPOCH")  # an editor previews at the real time
        self.timings = project / "timings.json"  # the last build's cost table (timings.py)
        env[bench.TIMINGS_VAR] = str(self.timings)
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[tuple[float, str]] = []  # (when this script read it, the line)
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [bench.own_bin_dir() / "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, preexec_fn=_die_with_parent,
        )
        self.reader = threading.Thread(target=self._collect, daemon=True)
        self.reader.start()

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def count(self, text: str) -> int:
        return len(self.times_of(text))

    def times_of(self, text: str) -> list[float]:
        return [when for when, line in list(self.lines) if text in line]

    def tail(self) -> str:
        return "\n".join(line for _, line in self.lines[-30:])

    def get(self, path: str) -> str | None:
        if self.proc.poll() is not None:
            raise SystemExit("mkdocs serve stopped:\n" + self.tail())
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as answer:
                return answer.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None  # not up yet, or the page is being rewritten

    def wait_for(self, path: str, needle: str) -> float:
        """Poll ``path`` until it contains ``needle``; the time of the first sight."""
        deadline = time.perf_counter() + TIMEOUT_S
        while time.perf_counter() < deadline:
            text = self.get(path)
            if text is not None and needle in text:
                return time.perf_counter()
            time.sleep(POLL_S)
        raise SystemExit(f"{path} never showed {needle!r} in {TIMEOUT_S:.0f} s:\n"
                         + self.tail())

    def wait_for_log(self, text: str, count: int) -> None:
        """The log may lag what the page shows: wait for the ``count``-th ``text`` line."""
        deadline = time.perf_counter() + TIMEOUT_S
        while self.count(text) < count:
            if time.perf_counter() > deadline or self.proc.poll() is not None:
                raise SystemExit(f"mkdocs serve never logged {text!r}:\n" + self.tail())
            time.sleep(POLL_S)

    def cpu_seconds(self) -> float | None:
        """The server's user + system CPU seconds so far (Linux /proc; None elsewhere):
        unlike wall time, hardly moved by other processes on a shared machine."""
        try:
            stat = Path(f"/proc/{self.proc.pid}/stat").read_text(encoding="ascii")
        except OSError:
            return None
        fields = stat.rsplit(")", 1)[1].split()  # after the command name: state is [0]
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # mkdocs shuts down cleanly on Ctrl-C
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=5)


def _die_with_parent() -> None:
    """In the child: if this script is killed (a test's timeout), the server goes too."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def edited(text: str, sentence: str) -> str:
    """The entry with ``sentence`` starting its body's first paragraph."""
    head, body = text.split("\n---\n", 1)
    return f"{head}\n---\n\n{sentence} {body.lstrip()}"


def measure(project: Path, edits: int) -> tuple[float, list[Edit], int, dict[str, float]]:
    source = sorted((project / "docs" / "news").glob("*.md"))[len(list(
        (project / "docs" / "news").glob("*.md"))) // 2]
    slug = source.stem  # corpus file names carry no date prefix: the slug is the stem
    original = source.read_text(encoding="utf-8")
    server = Server(project, free_port())
    results: list[Edit] = []
    try:
        startup = server.wait_for(f"news/{slug}/", "</html>") - server.started
        # MkDocs' polling watcher takes its first snapshot of the docs in a thread started
        # just before the server answers: an edit made before that snapshot goes unseen.
        time.sleep(WATCHER_SETTLE_S)
        for number in range(1, edits + 1):
            builds_before = server.count(BUILDING)
            reloads_before = server.count(RELOADING)
            sentence = f"Benchmark edit number {number} of {edits}."
            cpu_before = server.cpu_seconds()
            saved = time.perf_counter()
            source.write_text(edited(original, sentence), encoding="utf-8")
            seen = server.wait_for(f"news/{slug}/", sentence)
            server.wait_for_log(RELOADING, reloads_before + 1)
            cpu_after = server.cpu_seconds()
            time.sleep(PAUSE_S)
            cpu_paused = server.cpu_seconds()
            started = server.times_of(BUILDING)[builds_before]
            finished = server.times_of(RELOADING)[reloads_before]
            results.append(Edit(seen - saved, finished - started,
                                server.count(BUILDING) - builds_before,
                                None if cpu_before is None or cpu_after is None
                                else cpu_after - cpu_before,
                                None if cpu_before is None or cpu_paused is None
                                else cpu_paused - cpu_before))
            print(f"edit {number}: seen after {seen - saved:.2f} s "
                  f"(rebuild {results[-1].build_s:.2f} s, "
                  f"{results[-1].rebuilds} rebuild(s), server CPU {results[-1].cpu_s} s, "
                  f"load {os.getloadavg()[0]:.1f})", file=sys.stderr)
        settled = server.count(BUILDING)
        time.sleep(IDLE_S)
        extra = server.count(BUILDING) - settled
        stages = json.loads(server.timings.read_text(encoding="utf-8"))  # the last rebuild
    finally:
        source.write_text(original, encoding="utf-8")
        server.stop()
    return startup, results, extra, stages


def report(n: int, startup: float, edits: list[Edit], extra: int, argv: Sequence[str],
           stages: dict[str, float] | None = None) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    seen = [e.seen_s for e in edits]
    built = [e.build_s for e in edits]
    rebuilds = [e.rebuilds for e in edits]
    cpu = [e.cpu_s for e in edits if e.cpu_s is not None]
    cycle = [e.cycle_cpu_s for e in edits if e.cycle_cpu_s is not None]
    one = all(r == 1 for r in rebuilds) and extra == 0
    return "\n".join([
        f"## {now} — `mkdocs serve`, N={n}",
        "",
        f"- command: `python bench/serve.py {' '.join(argv)}`",
        f"- machine: {bench.machine()}; 1-min load average {os.getloadavg()[0]:.1f}",
        f"- generator: git {bench.git_revision()}, mkdocs {bench.version('mkdocs')}, "
        f"mkdocs-material {bench.version('mkdocs-material')}",
        f"- first build until the entry page is served: {startup:.2f} s",
        f"- edit one entry -> change visible: median {statistics.median(seen):.2f} s "
        f"(each: {', '.join(f'{s:.2f}' for s in seen)} s); the rebuild itself (log): median "
        f"{statistics.median(built):.2f} s (each: {', '.join(f'{b:.2f}' for b in built)} s); "
        f"target < {TARGET_S} s: "
        f"{'met' if statistics.median(seen) < TARGET_S else 'MISSED'}",
        *([f"- the server's CPU seconds per edit (saving to reloading; load-independent, "
            f"unlike wall time): median {statistics.median(cpu):.2f} s (each: "
            f"{', '.join(f'{c:.2f}' for c in cpu)} s)"] if cpu else []),
        *([f"- the server's CPU seconds per edit up to {PAUSE_S:.0f} s after the reload "
            f"(the editor reading the page; the deferred garbage collection and the "
            f"watcher's polling included): median {statistics.median(cycle):.2f} s (each: "
            f"{', '.join(f'{c:.2f}' for c in cycle)} s)"] if cycle else []),
        f"- rebuilds per edit: {', '.join(map(str, rebuilds))}; rebuilds in the "
        f"{IDLE_S:.0f} s after the last edit: {extra} -> "
        f"{'one rebuild per edit' if one else 'NOT one rebuild per edit'}",
        *(["- the last rebuild's costliest stages (bench/run.py's cost table): " + ", ".join(
            f"{name} {seconds:.2f} s" for name, seconds in sorted(
                stages.items(), key=lambda item: -item[1])[:8])] if stages else []),
        "",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of entries (e.g. 1000)")
    p.add_argument("--edits", type=int, default=3)
    p.add_argument("--results", type=Path, default=bench.DEFAULT_RESULTS)
    p.add_argument("--work", type=Path, default=bench.DEFAULT_WORK)
    args = p.parse_args(argv)
    project = bench.make_generator_project(args.n, args.work / f"serve-{args.n}")
    startup, edits, extra, stages = measure(project, args.edits)
    text = report(args.n, startup, edits, extra, argv, stages)
    bench.record(args.results, text)
    print(text, end="")
    return 0 if all(e.rebuilds == 1 for e in edits) and extra == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
