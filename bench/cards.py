#!/usr/bin/env python3
"""What social cards cost: the bench corpus built with cards off, on with an empty cache
(every card drawn) and on again (every card read back), N entries each.

    python bench/cards.py 1000 [--rounds 1] [--results bench/RESULTS.md]

The project is bench/run.py's (the same corpus, the same settings), whose main runs keep
cards off: issue 8's limits are for the site without them. Each build is a fresh process
under GNU time; the plugin's own log line says how many cards it drew and how many it read
from the cache, and both are recorded next to the figures, so a cached build that drew
anything shows. The run is appended to the results file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # bench/run.py: the corpus project, GNU time, this tree's generator

CARDS = re.compile(r"social cards: (\d+) drawn, (\d+) from the cache")


def set_cards(project: Path, enabled: bool) -> None:
    config = project / "mkdocs.yml"
    text = re.sub(r"^(\s+social_cards:).*$", rf"\1 {'true' if enabled else 'false'}",
                  config.read_text(encoding="utf-8"), count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")


def build(project: Path, env: dict[str, str]) -> tuple[run.Sample, str]:
    shutil.rmtree(project / "site", ignore_errors=True)
    sample, output = run.timed([run.own_bin_dir() / "mkdocs", "build"], project, env)
    found = CARDS.search(output)
    return sample, f"{found.group(1)} drawn, {found.group(2)} cached" if found else "-"


def measure(n: int, rounds: int, work: Path) -> list[str]:
    env = run.generator_env(run.base_env())
    project = run.make_generator_project(n, work / f"cards-{n}")
    rows: dict[str, list[tuple[run.Sample, str]]] = {"off": [], "cold": [], "warm": []}
    for _ in range(rounds):
        set_cards(project, False)
        rows["off"].append(build(project, env))
        set_cards(project, True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        rows["cold"].append(build(project, env))
        rows["warm"].append(build(project, env))
    lines = ["| N | cards | wall s (median) | CPU s (median) | peak MB | log |",
             "|---|---|---|---|---|---|"]
    for name, samples in rows.items():
        wall = statistics.median(s.wall_s for s, _ in samples)
        cpu = statistics.median(s.cpu_s for s, _ in samples)
        rss = max(s.rss_mb for s, _ in samples)
        label = {"off": "off", "cold": "on, empty cache", "warm": "on, cached"}[name]
        lines.append(f"| {n} | {label} | {wall:.1f} | {cpu:.1f} | {rss:.0f} | "
                     f"{samples[-1][1]} |")
    return lines


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, nargs="+")
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--results", type=Path, default=run.DEFAULT_RESULTS)
    p.add_argument("--work", type=Path, default=run.DEFAULT_WORK)
    args = p.parse_args(argv)
    lines = [f"\n## Social cards ({dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
             f"{args.rounds} round(s), load {run.load_average():.1f})\n"]
    for n in args.n:
        table = measure(n, args.rounds, args.work)
        lines += table if len(lines) == 1 else table[2:]
    text = "\n".join(lines) + "\n"
    print(text)
    with args.results.open("a", encoding="utf-8") as results:
        results.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
