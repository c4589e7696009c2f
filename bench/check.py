#!/usr/bin/env python3
"""Time ``community check`` on the bench corpus, so that its cost cannot grow unnoticed.

    python bench/check.py 1000 3000 [--rounds 3] [--instructions] [--results bench/RESULTS.md]

Writes the generator's bench project for each N (as bench/run.py does) and runs the
``community`` console script's ``check`` on it ``--rounds`` times, each a fresh process under
GNU time (wall, user + system CPU, peak RSS), every N in every round. It reports the medians,
what the check prints about itself, and its cost table (``COMMUNITY_TIMINGS``: reading and
validation, the bodies it renders, the link check; start-up is the rest). The check once
went from 0.5 to 11 s at N=1000 by rendering every body, and nobody saw it in bench/run.py's
wide table: here it is the only figure, with issue 8's limit (3 s at N=3000) beside it.
With ``--instructions`` each N's check is also counted once under Valgrind (instructions:
deterministic and load-free, as bench/languages.py counts builds). Exits 1 when that limit
is missed. The run is appended to the results file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import languages  # the sibling script: Valgrind's instruction count
import run as bench  # the sibling script: same project, same records


@dataclass
class Checked:
    n: int
    project: Path
    figures: bench.Figures = field(default_factory=bench.Figures)
    reported: list[float] = field(default_factory=list)
    stages: list[dict[str, float]] = field(default_factory=list)
    instructions: int | None = None

    def once(self, env: dict[str, str]) -> None:
        table = self.project / "check-timings.json"
        table.unlink(missing_ok=True)
        sample, seconds = bench.community_check(self.project, {**env, bench.TIMINGS_VAR:
                                                               str(table)})
        self.figures.samples.append(sample)
        self.reported.append(seconds)
        # a generator from before bench/check.py writes no table: its stages stay unknown
        self.stages.append(json.loads(table.read_text(encoding="utf-8"))
                           if table.exists() else {})
        print(f"N={self.n}: {sample.wall_s:.2f} s, {sample.cpu_s:.2f} s CPU, "
              f"{sample.rss_mb:.0f} MB", file=sys.stderr)


def measure(ns: Sequence[int], rounds: int, work: Path,
            instructions: bool = False) -> tuple[list[Checked], list[float]]:
    env = bench.generator_env(bench.base_env())
    runs = [Checked(n, bench.make_generator_project(n, work / f"check-{n}")) for n in ns]
    loads = []
    for _ in range(rounds):
        for checked in runs:
            loads.append(os.getloadavg()[0])
            checked.once(env)
    loads.append(os.getloadavg()[0])
    for checked in runs if instructions else []:
        checked.instructions = languages.instructions_of(
            [sys.executable, "-m", "generator", "-f", checked.project / "mkdocs.yml", "check"],
            checked.project, env)
    return runs, loads


def report(runs: list[Checked], loads: list[float], argv: Sequence[str]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## {now} — `community check`",
        "",
        f"- command: `python bench/check.py {' '.join(argv)}`",
        f"- machine: {bench.machine()}; 1-min load average before each check and after the "
        f"last: {min(loads):.1f} to {max(loads):.1f}",
        f"- generator: git {bench.git_revision()}; {len(runs[0].figures.samples)} fresh "
        "process(es) per N, medians",
        "",
        "| N | wall (min-max) / peak RSS | CPU s | reported by the check | read + validate "
        "| markdown | link check | start-up (rest) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        stages = bench.median_stages(r.stages)
        rest = r.figures.wall - sum(stages.values())
        cells = [f"{stages[name]:.2f} s" if name in stages else "-"
                 for name in ("read + validate", "markdown", "link check")]
        lines.append(f"| {r.n} | {r.figures.cell()} | {r.figures.cpu:.2f} "
                     f"| {statistics.median(r.reported):.2f} s | "
                     + " | ".join(cells) + (f" | {rest:.2f} s |" if stages else " | - |"))
    lines += ["", *(f"- {line}" for line in verdicts(runs))]
    lines += [f"- N={r.n}: {r.instructions / 1e9:.2f} G instructions (Valgrind, one check)"
              for r in runs if r.instructions is not None]
    return "\n".join(lines) + "\n"


def verdicts(runs: list[Checked]) -> list[str]:
    return [f"N={r.n}: {r.figures.wall:.2f} s whole process (< {bench.MAX_CHECK_S} s: "
            f"{bench.verdict(r.figures.wall < bench.MAX_CHECK_S)})"
            for r in runs if r.n == 3000]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, nargs="+", help="number of entries (e.g. 1000 3000)")
    p.add_argument("--rounds", type=int, default=3, help="checks per N")
    p.add_argument("--instructions", action="store_true",
                   help="also count one check's instructions per N under Valgrind")
    p.add_argument("--results", type=Path, default=bench.DEFAULT_RESULTS)
    p.add_argument("--work", type=Path, default=bench.DEFAULT_WORK)
    args = p.parse_args(argv)
    if not Path(bench.GNU_TIME).exists():
        raise SystemExit(f"needs GNU time at {bench.GNU_TIME} (Debian package `time`)")
    args.work.mkdir(parents=True, exist_ok=True)
    runs, loads = measure(sorted(set(args.n)), args.rounds, args.work, args.instructions)
    text = report(runs, loads, argv)
    bench.record(args.results, text)
    print(text, end="")
    return 0 if all(r.figures.wall < bench.MAX_CHECK_S for r in runs if r.n == 3000) else 1


if __name__ == "__main__":
    raise SystemExit(main())
