#!/usr/bin/env python3
"""Build the same N entries three ways, side by side, and record the figures.

    python bench/run.py 1000 3000 [--rounds 3] [--results bench/RESULTS.md]

For each N, on the same machine and in the same run:

- generator: ``mkdocs build`` of a project with the ``community`` plugin (feeds on), whose
  content is the corpus as news entries (``corpus.py N community``) and whose segments are
  the corpus' topics;
- peer: mkdocs-material's blog plugin + mkdocs-rss-plugin on the same posts (``corpus.py N
  peer``), in the peer's own virtualenv (``$PEER_VENV``, default /tmp/peer-venv, made from
  peer-requirements.txt when it has no ``bin/mkdocs``);
- floor: the same posts as plain Material pages without plugins (``corpus.py N floor``);
- and ``community check`` on the generator's project.

Every build is a fresh process, into an empty site dir, measured by GNU time (wall seconds,
peak RSS, user + system CPU seconds). With ``--rounds R`` every contender is built R times
at every N; each round runs every N, and the contenders' order rotates from round to round,
so that a burst of load from other processes on a shared machine does not land on one
contender or one N only. The figures are medians, with the spread (min-max) next to them;
CPU seconds are reported too, as they move less than wall time with other processes' load.
The run is appended to the results file (date, machine, load, versions, figures, ratios,
targets), with the generator's cost table: the seconds of each stage of its build (reading,
Markdown, sanitizer, JSON-LD, cards, listing pages, feeds, Material's page template and
search index, writing ...), which the plugin measures in every timed build and writes where
``COMMUNITY_TIMINGS`` points (generator/timings.py). A feature that adds a stage shows its
own cost in the next run.

Everything it needs is in this folder: the corpus generator (corpus.py, standard library only)
and the peer's pinned requirements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata as metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # the sibling module: the same posts for every contender

REPO = Path(__file__).resolve().parent.parent
PEER_REQUIREMENTS = REPO / "bench" / "peer-requirements.txt"
DEFAULT_RESULTS = REPO / "bench" / "RESULTS.md"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "community-bench"
GNU_TIME = "/usr/bin/time"
BUILD_EPOCH = "1795694400"  # 2026-11-26T12:00Z: every corpus entry (2019-2024) is live
CONTENDERS = ("generator", "peer", "floor")
# Also timed in every round, reported beside the table: the generator's project with its
# social card images on, every card already drawn into its cache (.cache/ beside mkdocs.yml)
# by an untimed build before the rounds: what a CI build with a restored cache pays.
CARDS = "generator, social cards cached"
TIMINGS_VAR = "COMMUNITY_TIMINGS"  # where the plugin writes its cost table (timings.py)
REST = "start-up, imports, config, untimed"
SOCIAL_CARDS = "social cards"  # the stage of the card images (off in the table's builds)

# Targets from issue 20 (at N = 1000 and 3000, side by side, social cards off).
MAX_VS_PEER = 0.35
MAX_VS_FLOOR = 1.15
MAX_RSS_VS_PEER = 0.8
MAX_SCALING = 3.1  # time(3000) / time(1000)
MAX_CHECK_S = 3.0  # `community check` on 3000 entries (issue 8)

PROJECT_YML = """\
# Written by bench/run.py: the benchmark corpus as a talent-community site.
site_name: Community bench
site_url: https://example.org/
theme:
  name: material
  language: en
  font: false
""" + corpus.MARKDOWN_EXTENSIONS + """\
plugins:
  - search
  - community:
      organization:
        name: Bench
      feeds:
        length: 20        # the peer's rss `length`
      pagination: 10      # the peer's `pagination_per_page`
      social_cards: false # issue 20's limits are without them; timed beside (CARDS)
                          # and with an empty cache by bench/cards.py
"""


@dataclass
class Sample:
    wall_s: float
    rss_mb: float
    cpu_s: float  # user + system: less sensitive than wall to other processes' load


@dataclass
class Figures:
    """Every sample of one contender at one N."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def rss(self) -> float:
        return statistics.median(s.rss_mb for s in self.samples)

    @property
    def fastest(self) -> float:
        """The least disturbed sample: other processes only ever add time."""
        return min(s.wall_s for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu_s for s in self.samples)

    def spread(self) -> str:
        walls = [s.wall_s for s in self.samples]
        return f"{min(walls):.2f}-{max(walls):.2f}" if len(walls) > 1 else ""

    def cell(self) -> str:
        spread = f" ({self.spread()})" if self.spread() else ""
        return f"{self.wall:.2f} s{spread} / {self.rss:.0f} MB"


@dataclass
class Result:
    n: int
    figures: dict[str, Figures]
    check: Figures
    check_reported_s: float  # what `community check` prints (read + validate only)
    pages: dict[str, int]  # HTML pages written by each contender
    feeds: int  # feed files in the generator's site/feeds
    load: tuple[float, float]  # lowest and highest 1-minute load average around its builds
    # stage -> median seconds over the generator's builds (the plugin's cost table)
    stages: dict[str, float] = field(default_factory=dict)
    card_stages: dict[str, float] = field(default_factory=dict)  # the same, cards cached

    def ratio(self, contender: str) -> float:
        return self.figures["generator"].wall / self.figures[contender].wall

    def cpu_ratio(self, contender: str) -> float:
        return self.figures["generator"].cpu / self.figures[contender].cpu

    def rss_ratio(self) -> float:
        return self.figures["generator"].rss / self.figures["peer"].rss


# ----------------------------------------------------------------------------- processes


def bin_of(venv_or_prefix: Path, name: str) -> Path:
    return venv_or_prefix / "bin" / name


def own_bin_dir() -> Path:
    """The bin directory of this interpreter (not a pyenv shim: shims add a shell hop)."""
    return Path(sys.executable).parent


def timed(argv: Sequence[str | Path], cwd: Path,
          env: dict[str, str] | None = None) -> tuple[Sample, str]:
    """Run one command under GNU time; its figures and output, or fail loudly."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        proc = subprocess.run(
            [GNU_TIME, "-f", "%e %M %U %S", "-o", out.name, *map(str, argv)],
            cwd=cwd, env=env or os.environ.copy(), capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, argv))}\n"
                             f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
        wall, rss_kb, user, system = out.read().split()[-4:]
    sample = Sample(float(wall), int(rss_kb) / 1024, float(user) + float(system))
    return sample, proc.stdout + proc.stderr


def run(argv: Sequence[str | Path], cwd: Path | None = None,
        env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(list(map(str, argv)), cwd=cwd, env=env, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, argv))}\n"
                         f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return proc.stdout + proc.stderr


def generator_env(env: dict[str, str]) -> dict[str, str]:
    """The generator of this tree, wherever the environment's editable install points."""
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO),
                                                               env.get("PYTHONPATH")]))}


def base_env() -> dict[str, str]:
    env = os.environ.copy()
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner
    env["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    env.pop("SITE_URL", None)
    return env


# ------------------------------------------------------------------------------- projects


def ensure_peer_venv(venv: Path) -> None:
    """The peer's pinned stack in its own virtualenv."""
    if not bin_of(venv, "mkdocs").exists():
        print(f"creating the peer virtualenv {venv}", file=sys.stderr)
        run([sys.executable, "-m", "venv", "--clear", venv])
        run([bin_of(venv, "python"), "-m", "pip", "install", "-q", "-r", PEER_REQUIREMENTS])
    match_search_extras(venv)


# Material's search plugin segments Chinese text with jieba when it can import it (a third
# of a build and ~80 MB at N=1000): the peer gets it exactly when this environment (generator
# and floor) has it, so that all three index the same words. The generator has them cut by
# rjieba instead (generator/search_words.py); the floor and the peer keep Material's jieba.
SEARCH_EXTRAS = ("jieba",)


def match_search_extras(venv: Path) -> None:
    for name in SEARCH_EXTRAS:
        ours = version(name)
        if ours == "?":
            continue
        code = f"import importlib.metadata as m; print(m.version({name!r}))"
        proc = subprocess.run([bin_of(venv, "python"), "-c", code], capture_output=True,
                              text=True)
        if proc.returncode != 0 or proc.stdout.strip() != ours:
            run([bin_of(venv, "python"), "-m", "pip", "install", "-q", f"{name}=={ours}"])


def make_generator_project(n: int, where: Path, social_cards: bool = False,
                           languages: dict[str, Any] | None = None) -> Path:
    """The corpus as community news entries in a project that uses this repository's plugin;
    social card images off unless ``social_cards`` (the issue's targets are without them).
    ``languages`` (plugin settings: ``languages``, ``untranslated``) makes it a two-language
    site, every entry with its Chinese translation beside it (bench/languages.py)."""
    shutil.rmtree(where, ignore_errors=True)
    docs = where / "docs"
    docs.mkdir(parents=True)
    corpus.write_community(docs, n, translated=languages is not None)
    (docs / "index.md").write_text("# Community bench\n", encoding="utf-8")
    config = yaml.safe_load(PROJECT_YML)
    community = next(p["community"] for p in config["plugins"] if isinstance(p, dict))
    community["segments"] = corpus.SEGMENTS
    community["social_cards"] = social_cards
    community.update(languages or {})
    text = PROJECT_YML.split("\n", 1)[0] + "\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False)
    (where / "mkdocs.yml").write_text(text, encoding="utf-8")
    return where


def make_peer_project(n: int, where: Path) -> Path:
    corpus.write_peer(where, n)
    return where


# -------------------------------------------------------------------------------- builds


def build_generator(project: Path, env: dict[str, str],
                    stages: list[dict[str, float]]) -> Sample:
    """One build; the plugin's cost table of it (generator/timings.py) joins ``stages``."""
    shutil.rmtree(project / "site", ignore_errors=True)
    table = project / "timings.json"
    table.unlink(missing_ok=True)
    sample = timed([own_bin_dir() / "mkdocs", "build", "-q"], project,
                   {**env, TIMINGS_VAR: str(table)})[0]
    stages.append(json.loads(table.read_text(encoding="utf-8")))
    return sample


def build_peer(project: Path, env: dict[str, str], venv: Path) -> Sample:
    shutil.rmtree(project / "site", ignore_errors=True)
    return timed([bin_of(venv, "mkdocs"), "build", "-q"], project, env)[0]


def make_floor_project(n: int, where: Path) -> Path:
    corpus.write_floor(where, n)
    return where


def build_floor(project: Path, env: dict[str, str]) -> Sample:
    shutil.rmtree(project / "site", ignore_errors=True)
    return timed([own_bin_dir() / "mkdocs", "build", "-q"], project, env)[0]


def community_check(project: Path, env: dict[str, str]) -> tuple[Sample, float]:
    community = own_bin_dir() / "community"  # the console script editors run
    sample, text = timed([community, "-f", project / "mkdocs.yml", "check"], project, env)
    match = re.search(r"(\d+) entries checked in ([\d.]+) s", text)
    if match is None:
        raise SystemExit(f"community check printed no summary:\n{text[-2000:]}")
    return sample, float(match.group(2))


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def load_average() -> float:
    return os.getloadavg()[0]


class Contest:
    """The three projects of one N, and every sample taken of them."""

    def __init__(self, n: int, work: Path, venv: Path, cards: bool = True) -> None:
        self.n = n
        self.env = env = base_env()
        self.ours = ours = make_generator_project(n, work / f"generator-{n}")
        self.peer = peer = make_peer_project(n, work / f"peer-{n}")
        self.floor = floor = make_floor_project(n, work / f"floor-{n}")
        ours_env = generator_env(env)
        self.stages: list[dict[str, float]] = []  # the plugin's cost table of each build
        self.card_stages: list[dict[str, float]] = []  # ... of each build with cards cached
        self.builders = {
            "generator": lambda: build_generator(ours, ours_env, self.stages),
            "peer": lambda: build_peer(peer, env, venv),
            "floor": lambda: build_floor(floor, env),
        }
        self.order = CONTENDERS
        if cards:
            drawn = make_generator_project(n, work / f"cards-{n}", social_cards=True)
            print(f"N={n}: drawing every social card once (untimed)", file=sys.stderr)
            build_generator(drawn, ours_env, [])
            self.builders[CARDS] = lambda: build_generator(drawn, ours_env, self.card_stages)
            self.order = (*CONTENDERS, CARDS)
        self.figures = {name: Figures() for name in self.order}
        self.check = Figures()
        self.reported: list[float] = []
        self.loads: list[float] = []  # 1-minute load average before every build and after

    def round(self, number: int, rounds: int) -> None:
        """Each contender once, in an order that rotates from round to round."""
        shift = number % len(self.order)
        for name in self.order[shift:] + self.order[:shift]:
            self.loads.append(load_average())
            sample = self.builders[name]()
            self.figures[name].samples.append(sample)
            print(f"N={self.n} round {number + 1}/{rounds} {name}: {sample.wall_s:.2f} s, "
                  f"{sample.cpu_s:.2f} s CPU, {sample.rss_mb:.0f} MB", file=sys.stderr)
        sample, seconds = community_check(self.ours, generator_env(self.env))
        self.check.samples.append(sample)
        self.reported.append(seconds)
        self.loads.append(load_average())

    def result(self) -> Result:
        feeds_dir = self.ours / "site" / "feeds"
        feeds = sum(1 for p in feeds_dir.rglob("*") if p.is_file()) if feeds_dir.is_dir() else 0
        pages = {"generator": html_pages(self.ours / "site"),
                 "peer": html_pages(self.peer / "site"), "floor": html_pages(self.floor / "site")}
        return Result(self.n, self.figures, self.check, statistics.median(self.reported), pages,
                      feeds, (min(self.loads), max(self.loads)), median_stages(self.stages),
                      median_stages(self.card_stages))


def bench(ns: Sequence[int], rounds: int, work: Path, venv: Path,
          cards: bool = True) -> list[Result]:
    """Every N in every round, so that a change of load over the run hits all N alike."""
    contests = [Contest(n, work, venv, cards) for n in ns]
    for number in range(rounds):
        for contest in contests:
            contest.round(number, rounds)
    return [contest.result() for contest in contests]


# ------------------------------------------------------------------------------- reports


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def peer_versions(venv: Path) -> str:
    code = ("import importlib.metadata as m; print(' '.join(f'{p} {m.version(p)}' for p in "
            "('mkdocs', 'mkdocs-material', 'mkdocs-rss-plugin', 'markdown', 'jieba') "
            "if list(m.distributions(name=p))))")
    return run([bin_of(venv, "python"), "-c", code]).strip()


def git_revision() -> str:
    try:
        rev = run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"]).strip()
        dirty = run(["git", "-C", REPO, "status", "--porcelain", "--", "generator"])
    except (SystemExit, FileNotFoundError):
        return "?"
    return rev + ("+uncommitted" if dirty.strip() else "")


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+) kB", meminfo.read_text())
        memory = f", {int(found.group(1)) / 1024 / 1024:.0f} GB RAM" if found else ""
    return f"{platform.node()}: {os.cpu_count()} cores {model}{memory}, {platform.system()}"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def targets(results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        if r.n not in (1000, 3000):
            continue
        lines.append(
            f"- N={r.n}: wall {r.ratio('peer'):.2f} x peer (<= {MAX_VS_PEER}: "
            f"{verdict(r.ratio('peer') <= MAX_VS_PEER)}), {r.ratio('floor'):.2f} x floor "
            f"(<= {MAX_VS_FLOOR}: {verdict(r.ratio('floor') <= MAX_VS_FLOOR)}); peak RSS "
            f"{r.rss_ratio():.2f} x peer (<= {MAX_RSS_VS_PEER}: "
            f"{verdict(r.rss_ratio() <= MAX_RSS_VS_PEER)})")
    by_n = {r.n: r for r in results}
    if 1000 in by_n and 3000 in by_n:
        scale = by_n[3000].figures["generator"].wall / by_n[1000].figures["generator"].wall
        lines.append(f"- time(3000) / time(1000) = {scale:.2f} (<= {MAX_SCALING}: "
                     f"{verdict(scale <= MAX_SCALING)})")
    if 3000 in by_n:
        check = by_n[3000].check.wall
        lines.append(f"- `community check` on 3000 entries: {check:.2f} s, whole process "
                     f"(< {MAX_CHECK_S} s: {verdict(check < MAX_CHECK_S)})")
    return lines


def cards_lines(results: list[Result]) -> list[str]:
    loads = [f"- N={r.n}: 1-min load average {r.load[0]:.1f} to {r.load[1]:.1f} around its "
             "builds" for r in results]
    return loads + [f"- N={r.n}, {CARDS}: {r.figures[CARDS].cell()}, "
            f"{r.figures[CARDS].wall / r.figures['floor'].wall:.2f} x floor, "
            f"{r.figures[CARDS].wall / r.figures['peer'].wall:.2f} x peer"
            for r in results if CARDS in r.figures and r.figures[CARDS].samples]


def median_stages(tables: list[dict[str, float]]) -> dict[str, float]:
    names = {name for table in tables for name in table}
    return {name: statistics.median(table.get(name, 0.0) for table in tables)
            for name in names}


def cost_table(results: list[Result]) -> list[str]:
    """Where the generator's time goes, stage by stage (each stage's own time, nested
    stages taken out), as seconds and as a share of the build's median wall time; what no
    stage covers (interpreter start, imports, MkDocs' config) is the last row."""
    if not any(r.stages for r in results):
        return []
    order = sorted({name for r in results for name in r.stages},
                   key=lambda name: -max(r.stages.get(name, 0.0) / r.figures["generator"].wall
                                         for r in results))
    head = "| stage | " + " | ".join(f"N={r.n}: s | share" for r in results) + " |"
    lines = ["Where the generator's time goes (median of its builds; each stage's own time):",
             "", head, "|---|" + "---|---|" * len(results)]
    for name in [*order, REST]:
        cells = []
        for r in results:
            wall = r.figures["generator"].wall
            seconds = (wall - sum(r.stages.values())) if name == REST else r.stages.get(name, 0)
            cells.append(f"{seconds:.2f} | {seconds / wall:.1%}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    cards = [f"N={r.n} {r.card_stages[SOCIAL_CARDS]:.2f} s "
             f"({r.card_stages[SOCIAL_CARDS] / r.figures[CARDS].wall:.1%} of that build)"
             for r in results if SOCIAL_CARDS in r.card_stages and r.figures[CARDS].samples]
    if cards:
        lines += ["", f"- {SOCIAL_CARDS} (images), stage time in the build with every card "
                  f"cached ({CARDS}, beside the table): " + ", ".join(cards)]
    return lines


def scaling(results: list[Result]) -> list[str]:
    """time(N_last) / time(N_first) of every contender, against N_last / N_first."""
    if len(results) < 2:
        return []
    first, last = results[0], results[-1]
    measures = (("median wall", lambda f: f.wall), ("fastest wall", lambda f: f.fastest),
                ("median CPU", lambda f: f.cpu))
    parts = [f"{label}: " + ", ".join(
        f"{name} {measure(last.figures[name]) / measure(first.figures[name]):.2f}"
        for name in CONTENDERS) for label, measure in measures]
    return [f"time({last.n}) / time({first.n}), entries x{last.n / first.n:g}: "
            + "; ".join(parts)]


def report(results: list[Result], rounds: int, venv: Path, argv: Sequence[str]) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    low = min(r.load[0] for r in results)
    high = max(r.load[1] for r in results)
    lines = [
        f"## {now}",
        "",
        f"- command: `python bench/run.py {' '.join(argv)}`",
        f"- machine: {machine()}; 1-min load average before each build and after the last: "
        f"{low:.1f} to {high:.1f}",
        f"- generator: talent-community {version('talent-community')} (git {git_revision()}), "
        f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, markdown "
        f"{version('markdown')}, pydantic {version('pydantic')}, jieba {version('jieba')}, "
        f"rjieba {version('rjieba')} (? = not installed), Python {platform.python_version()}",
        f"- peer: {peer_versions(venv)}",
        f"- {rounds} round(s) per N, interleaved; median wall (min-max) / median peak RSS",
        "",
        "| N | generator | peer (blog + rss) | MkDocs floor | gen / peer | gen / floor "
        "| RSS gen / peer | `community check` (process / reported) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        f = r.figures
        lines.append(
            f"| {r.n} | {f['generator'].cell()} | {f['peer'].cell()} | {f['floor'].cell()} "
            f"| {r.ratio('peer'):.2f} | {r.ratio('floor'):.2f} | {r.rss_ratio():.2f} "
            f"| {r.check.wall:.2f} s / {r.check_reported_s:.2f} s |")
    lines += [
        "",
        "| N | CPU s (user + sys) gen, peer, floor | CPU gen / peer | CPU gen / floor "
        "| HTML pages gen, peer, floor | feed files (gen) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        cpu = ", ".join(f"{r.figures[name].cpu:.2f}" for name in CONTENDERS)
        pages = ", ".join(str(r.pages[name]) for name in CONTENDERS)
        lines.append(f"| {r.n} | {cpu} | {r.cpu_ratio('peer'):.2f} "
                     f"| {r.cpu_ratio('floor'):.2f} | {pages} | {r.feeds} |")
    extra = scaling(results) + cards_lines(results) + targets(results)
    if extra:
        lines += ["", *[line if line.startswith("- ") else f"- {line}" for line in extra]]
    costs = cost_table(results)
    if costs:
        lines += ["", *costs]
    return "\n".join(lines) + "\n"


RESULTS_HEADER = """\
# Build benchmark results

Appended by `python bench/run.py 1000 3000 --rounds 3` and `python bench/serve.py 1000`.
Each run builds the same N entries (`bench/corpus.py`) three ways, side by side on one
machine: this generator (`mkdocs build` with the `community` plugin, feeds on), the peer
(mkdocs-material's blog plugin + mkdocs-rss-plugin, in its own virtualenv) and the MkDocs
floor (the same posts as plain Material pages). Every figure is a fresh
process under GNU time. The machines are shared and noisy: compare ratios within one run, and
prefer runs taken at a low load average; CPU seconds move less with load than wall time.
"""


def record(path: Path, text: str) -> None:
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(RESULTS_HEADER, encoding="utf-8")
    with path.open("a", encoding="utf-8") as out:
        out.write("\n" + text)


# ----------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, nargs="+", help="number of entries (e.g. 1000 3000)")
    p.add_argument("--rounds", type=int, default=1, help="builds per contender and N")
    p.add_argument("--no-cards", action="store_true",
                   help="skip the build with social card images (cached) beside the table")
    p.add_argument("--results", type=Path, default=DEFAULT_RESULTS,
                   help="Markdown file the run is appended to (default: %(default)s)")
    p.add_argument("--work", type=Path, default=DEFAULT_WORK,
                   help="scratch directory for the projects (default: %(default)s)")
    p.add_argument("--peer-venv", type=Path,
                   default=Path(os.environ.get("PEER_VENV", "/tmp/peer-venv")),
                   help="virtualenv of the peer stack (default: $PEER_VENV or /tmp/peer-venv)")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if not Path(GNU_TIME).exists():
        raise SystemExit(f"needs GNU time at {GNU_TIME} (Debian package `time`)")
    ensure_peer_venv(args.peer_venv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = bench(sorted(set(args.n)), args.rounds, args.work, args.peer_venv,
                    cards=not args.no_cards)
    text = report(results, args.rounds, args.peer_venv, argv)
    record(args.results, text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
