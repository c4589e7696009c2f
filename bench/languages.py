#!/usr/bin/env python3
"""Build the same site in one language and in two, side by side, and record the ratio.

    python bench/languages.py [N ...] [--rounds 3] [--instructions] [--results bench/RESULTS.md]

Issue 18's limit: a two-language site of N entries per language builds in at most 2.2 times
the time of the one-language site of the same N entries. For each N (default 1000):

- one language: bench/run.py's generator project (the corpus as N news entries, feeds on,
  social cards off, ``theme.language: en``);
- two languages: the same project with every entry's Chinese translation beside it
  (``corpus.py N community DIR --translated``: ``news/<name>.zh.md``) and the plugin's
  ``languages`` settings (English first, the default; then Chinese), so one ``mkdocs build``
  writes the English site at the root and the Chinese one under ``/zh/``.

Every build is a fresh process into an empty site dir under GNU time (wall, user + system
CPU, peak RSS). Rounds are interleaved and their order alternates (one, two; two, one; ...)
so that a burst of load from other processes does not fall on one side only; the figures are
medians. The machine is shared, so ``--instructions`` also counts each side's instructions
once under Valgrind (cachegrind without its cache simulation: deterministic, load-free, about
50 times slower than a build). The run is appended to the results file with the load average
around the builds, the page counts of both sites and where the extra time goes (the plugin's
cost table of each side, stage by stage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # the sibling module: the project, timed builds, machine and version lines

MAX_RATIO = 2.2  # issue 18: two languages / one language, same N entries per language
SIDES = ("one language", "two languages")
# The plugin's settings that make the bench project a two-language site (issue 18's
# interface): English first (the default, equal to theme.language), then Chinese, with the
# Chinese site's own name and description; an untranslated entry would be shown, but every
# entry of this corpus is translated.
TWO_LANGUAGES = {
    "languages": {
        "en": {"name": "English"},
        "zh": {"name": "中文", "site_name": "社区基准", "site_description": "基准测试的中文站点。"},
    },
    "untranslated": "show",
}
VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no",
            "--cachegrind-out-file=/dev/null")


@dataclass
class Side:
    project: Path
    figures: run.Figures = field(default_factory=run.Figures)
    stages: list[dict[str, float]] = field(default_factory=list)
    instructions: int | None = None

    @property
    def pages(self) -> int:
        return run.html_pages(self.project / "site")

    def zh_pages(self) -> int:
        zh = self.project / "site" / "zh"
        return run.html_pages(zh) if zh.is_dir() else 0


@dataclass
class Comparison:
    n: int
    one: Side
    two: Side
    loads: list[float] = field(default_factory=list)

    def ratio(self, measure: str) -> float:
        one, two = self.one.figures, self.two.figures
        return float(getattr(two, measure) / getattr(one, measure))


def make_projects(n: int, work: Path) -> tuple[Path, Path]:
    one = run.make_generator_project(n, work / f"one-language-{n}")
    two = run.make_generator_project(n, work / f"two-languages-{n}", languages=TWO_LANGUAGES)
    return one, two


def instructions_of(argv: Sequence[str | Path], cwd: Path, env: dict[str, str] | None) -> int:
    """Instructions one command executes, counted by Valgrind (deterministic, load-free)."""
    proc = subprocess.run([*VALGRIND, *map(str, argv)], cwd=cwd, env=env, capture_output=True,
                          text=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"valgrind {' '.join(map(str, argv))} failed ({proc.returncode}):\n"
                         f"{proc.stderr[-3000:]}")
    return int(found.group(1).replace(",", ""))


def count_instructions(project: Path, env: dict[str, str]) -> int:
    """Instructions of one build (into an empty site dir, like the timed builds)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    return instructions_of([sys.executable, "-m", "mkdocs", "build", "-q"], project, env)


def bench(ns: Sequence[int], rounds: int, work: Path, instructions: bool) -> list[Comparison]:
    env = run.generator_env(run.base_env())
    comparisons = []
    for n in ns:
        one, two = make_projects(n, work)
        comparisons.append(Comparison(n, Side(one), Side(two)))
    for number in range(rounds):
        for comparison in comparisons:
            pairs = list(zip((comparison.one, comparison.two), SIDES, strict=True))
            for side, name in pairs if number % 2 == 0 else reversed(pairs):
                comparison.loads.append(run.load_average())
                sample = run.build_generator(side.project, env, side.stages)
                side.figures.samples.append(sample)
                print(f"N={comparison.n} round {number + 1}/{rounds} {name}: "
                      f"{sample.wall_s:.2f} s, {sample.cpu_s:.2f} s CPU, "
                      f"{sample.rss_mb:.0f} MB", file=sys.stderr)
            comparison.loads.append(run.load_average())
    if instructions:
        for comparison in comparisons:
            for side, name in zip((comparison.one, comparison.two), SIDES, strict=True):
                print(f"N={comparison.n} {name}: counting instructions under Valgrind",
                      file=sys.stderr)
                side.instructions = count_instructions(side.project, env)
    return comparisons


# ------------------------------------------------------------------------------- reports


def verdict(ratio: float) -> str:
    return f"<= {MAX_RATIO}: {run.verdict(ratio <= MAX_RATIO)}"


def stage_lines(c: Comparison) -> list[str]:
    """Each stage's median seconds on both sides, the costliest growth first."""
    one, two = run.median_stages(c.one.stages), run.median_stages(c.two.stages)
    rest_one = c.one.figures.wall - sum(one.values())
    rest_two = c.two.figures.wall - sum(two.values())
    names = sorted(set(one) | set(two), key=lambda s: -(two.get(s, 0.0) - one.get(s, 0.0)))
    lines = [f"Where the time goes at N={c.n} (median seconds of each stage's own time):", "",
             "| stage | one language | two languages | two / one |", "|---|---|---|---|"]
    for name, a, b in [*((s, one.get(s, 0.0), two.get(s, 0.0)) for s in names),
                       (run.REST, rest_one, rest_two)]:
        ratio = f"{b / a:.2f}" if a >= 0.005 else "-"
        lines.append(f"| {name} | {a:.2f} | {b:.2f} | {ratio} |")
    return lines


def report(comparisons: list[Comparison], rounds: int, argv: Sequence[str]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    loads = [load for c in comparisons for load in c.loads]
    lines = [
        f"## {now} — one language and two (issue 18)",
        "",
        f"- command: `python bench/languages.py {' '.join(argv)}`",
        f"- machine: {run.machine()}; 1-min load average before each build and after the "
        f"last: {min(loads):.1f} to {max(loads):.1f} (median {statistics.median(loads):.1f})",
        f"- generator: talent-community {run.version('talent-community')} (git "
        f"{run.git_revision()}), mkdocs {run.version('mkdocs')}, mkdocs-material "
        f"{run.version('mkdocs-material')}, rjieba {run.version('rjieba')}, jieba "
        f"{run.version('jieba')} (? = not installed), "
        f"Python {platform.python_version()}",
        f"- {rounds} round(s) per N, interleaved, order alternating; median wall (min-max) / "
        "median peak RSS; N entries per language, social cards off",
        "",
        "| N | one language | two languages | wall two / one | CPU s one, two | CPU two / one "
        "| RSS two / one | HTML pages one, two (of which /zh/) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in comparisons:
        one, two = c.one.figures, c.two.figures
        lines.append(
            f"| {c.n} | {one.cell()} | {two.cell()} | {c.ratio('wall'):.2f} "
            f"| {one.cpu:.2f}, {two.cpu:.2f} | {c.ratio('cpu'):.2f} | {c.ratio('rss'):.2f} "
            f"| {c.one.pages}, {c.two.pages} ({c.two.zh_pages()}) |")
    lines.append("")
    for c in comparisons:
        lines.append(f"- N={c.n}: two languages / one by median wall {c.ratio('wall'):.2f} "
                     f"({verdict(c.ratio('wall'))}), by fastest wall {c.ratio('fastest'):.2f}, "
                     f"by CPU {c.ratio('cpu'):.2f} ({verdict(c.ratio('cpu'))})")
        if c.one.instructions and c.two.instructions:
            ratio = c.two.instructions / c.one.instructions
            lines.append(f"- N={c.n}: Valgrind instructions, one build each: one language "
                         f"{c.one.instructions / 1e9:.1f} G, two languages "
                         f"{c.two.instructions / 1e9:.1f} G: {ratio:.2f} ({verdict(ratio)})")
    for c in comparisons:
        lines += ["", *stage_lines(c)]
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, nargs="*", default=[1000],
                   help="entries per language (default: 1000)")
    p.add_argument("--rounds", type=int, default=3, help="builds per side and N")
    p.add_argument("--instructions", action="store_true",
                   help="also count each side's instructions once under Valgrind")
    p.add_argument("--results", type=Path, default=run.DEFAULT_RESULTS,
                   help="Markdown file the run is appended to (default: %(default)s)")
    p.add_argument("--work", type=Path, default=run.DEFAULT_WORK,
                   help="scratch directory for the projects (default: %(default)s)")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if not Path(run.GNU_TIME).exists():
        raise SystemExit(f"needs GNU time at {run.GNU_TIME} (Debian package `time`)")
    args.work.mkdir(parents=True, exist_ok=True)
    comparisons = bench(sorted(set(args.n)), args.rounds, args.work, args.instructions)
    text = report(comparisons, args.rounds, argv)
    run.record(args.results, text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
