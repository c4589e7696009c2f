"""The benchmark scripts run end to end at a small N, so that they cannot rot.

bench/run.py builds 50 entries of its own corpus (bench/corpus.py) three ways (this
generator, the peer in its own virtualenv, the MkDocs floor) and appends its figures to a
results file; bench/serve.py edits an entry under a real ``mkdocs serve`` and must see the
change after exactly one rebuild. Nothing outside the repository is used (the peer's
virtualenv is made from bench/peer-requirements.txt). The figures themselves are not judged
here (at N=50 start-up dominates): bench/RESULTS.md holds the real runs.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fixtures import REPO_ROOT
from lxml import etree

BENCH = REPO_ROOT / "bench"
N = 50
FIGURE = r"(\d+\.\d+) s / (\d+) MB"


def load_bench_script(name: str, file: str) -> ModuleType:
    """A script of bench/ as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, BENCH / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def load_bench_module() -> ModuleType:
    return load_bench_script("bench_run", "run.py")


def load_corpus_module() -> ModuleType:
    return load_bench_script("bench_corpus", "corpus.py")


def load_languages_module() -> ModuleType:
    return load_bench_script("bench_languages", "languages.py")


def test_every_contender_gets_the_same_deterministic_posts(tmp_path: Path) -> None:
    corpus = load_corpus_module()
    corpus.write_community(tmp_path / "community", 30)
    corpus.write_peer(tmp_path / "peer", 30)
    corpus.write_floor(tmp_path / "floor", 30)
    folders = (tmp_path / "community" / "news", tmp_path / "peer" / "docs" / "blog" / "posts",
               tmp_path / "floor" / "docs" / "posts")

    def bodies(folder: Path) -> dict[str, str]:
        return {path.name: path.read_text(encoding="utf-8").split("\n---\n\n", 1)[1]
                for path in sorted(folder.glob("*.md"))}

    ours, peer, floor = map(bodies, folders)
    assert len(ours) == 30 and ours == peer == floor
    assert all("<!-- more -->" in body and "](https://" in body for body in ours.values())
    assert any("](0" in body for body in ours.values()), "no link to an earlier post"
    # Byte-identical when written again; post i is the same whatever N.
    corpus.write_community(tmp_path / "again", 30)
    for path in folders[0].glob("*.md"):
        assert (tmp_path / "again" / "news" / path.name).read_bytes() == path.read_bytes()
    assert list(corpus.posts(10)) == list(corpus.posts(30))[:10]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """One real run at N=50: (results file, work dir, printed report)."""
    tmp = tmp_path_factory.mktemp("bench")
    results, work = tmp / "RESULTS.md", tmp / "work"
    proc = subprocess.run(
        [sys.executable, BENCH / "run.py", str(N), "--results", results, "--work", work],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return results, work, proc.stdout


def test_run_records_every_contender_side_by_side(bench_run: tuple[Path, Path, str]) -> None:
    results, _, printed = bench_run
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Build benchmark results\n")
    assert text.count("\n## ") == 1 and printed.strip() in text
    for label in ("- command: `python bench/run.py 50", "- machine: ", "- generator: ",
                  "- peer: mkdocs 1.6.1 mkdocs-material", "mkdocs-rss-plugin"):
        assert label in text, label
    row = next(line for line in text.splitlines() if line.startswith(f"| {N} | "))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    figures = [re.fullmatch(FIGURE, cell) for cell in cells[1:4]]
    assert all(figures), row
    for match in figures:
        assert match is not None
        assert float(match.group(1)) > 0 and int(match.group(2)) > 10
    wall = [float(m.group(1)) for m in figures if m]
    assert float(cells[4]) == pytest.approx(wall[0] / wall[1], abs=0.01)  # gen / peer
    assert float(cells[5]) == pytest.approx(wall[0] / wall[2], abs=0.01)  # gen / floor
    assert re.fullmatch(r"\d+\.\d+ s / \d+\.\d+ s", cells[7]), cells[7]  # community check
    # Social card images are off in the table's build and timed beside it, cached.
    assert re.search(r"^- N=50, generator, social cards cached: \d+\.\d+ s / \d+ MB, "
                     r"\d+\.\d+ x floor, \d+\.\d+ x peer$", text, re.M), text
    assert re.search(r"^- N=50: 1-min load average \d+\.\d to \d+\.\d around its builds$",
                     text, re.M)


def test_run_built_what_it_claims(bench_run: tuple[Path, Path, str]) -> None:
    """The three sites really hold the N entries, and the generator's feeds are on."""
    results, work, _ = bench_run
    ours, peer, floor = (work / f"{name}-{N}" / "site" for name in ("generator", "peer",
                                                                        "floor"))
    assert len(list((ours / "news").glob("*/index.html"))) == N
    assert len(list((peer / "blog").rglob("*/index.html"))) >= N
    assert len(list((floor / "posts").glob("*/index.html"))) == N
    rss = etree.parse(str(ours / "feeds" / "all.rss"))
    assert len(rss.findall("channel/item")) == 20  # the bench config's feed length
    assert not (ours / "assets" / "social").exists()  # the table's build: no card images
    cards = work / f"cards-{N}" / "site" / "assets" / "social"
    assert len(list(cards.glob("**/*.png"))) >= N
    assert list((ours / "feeds" / "segments").glob("*.atom"))
    rows = [line for line in results.read_text(encoding="utf-8").splitlines()
            if line.startswith(f"| {N} | ")]
    cells = [cell.strip() for cell in rows[1].strip("|").split("|")]  # the CPU table
    assert all(float(x) > 0 for x in cells[1].split(", "))
    pages = [int(x) for x in cells[4].split(", ")]
    assert pages[0] == sum(1 for _ in ours.rglob("*.html"))
    assert pages[2] == sum(1 for _ in floor.rglob("*.html"))
    assert int(cells[5]) == sum(1 for p in (ours / "feeds").rglob("*") if p.is_file()) > 4


def test_run_prints_where_the_generator_time_goes(bench_run: tuple[Path, Path, str]) -> None:
    """The cost table: one row per stage of the build, seconds and share of the wall time,
    each stage's own time (nested ones taken out), and what no stage covers last."""
    results, _, _ = bench_run
    lines = results.read_text(encoding="utf-8").splitlines()
    start = lines.index("| stage | N=50: s | share |")
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("| "):
            break
        name, seconds, share = (cell.strip() for cell in line.strip("|").split("|"))
        rows[name] = (float(seconds), float(share.rstrip("%")))
    for stage in ("read + validate", "markdown", "sanitizer", "JSON-LD", "cards",
                  "entry pages", "listing pages", "feeds", "search index (Material)",
                  "page template (Material): entry pages",
                  "page template (Material): listing pages",
                  "MkDocs: static files, writing pages", "start-up, imports, config, untimed"):
        assert stage in rows, stage
    assert all(seconds >= 0 and 0 <= share <= 100 for seconds, share in rows.values()), rows
    assert sum(share for _, share in rows.values()) == pytest.approx(100, abs=0.5)
    assert rows["markdown"][0] > 0 and rows["search index (Material)"][0] > 0
    # The card images' own cost, from the build that has them (cached), under the table.
    assert re.search(r"^- social cards \(images\), stage time in the build with every card "
                     r"cached \(.*\): N=50 \d+\.\d+ s \(\d+\.\d+% of that build\)$",
                     "\n".join(lines), re.M), lines[start:]


def test_nested_stages_are_taken_off_the_enclosing_one() -> None:
    from generator.timings import Timings

    now = [0.0]
    timings = Timings(clock=lambda: now[0])
    with timings.stage("page"):
        now[0] += 0.02
        with timings.stage("sanitizer"):
            now[0] += 0.05
        now[0] += 0.01
    with timings.stage("sanitizer"):
        now[0] += 0.03
    assert timings.seconds == pytest.approx({"page": 0.03, "sanitizer": 0.08})
    timings.reset()
    assert timings.seconds == {}


def test_results_are_appended_never_rewritten(tmp_path: Path) -> None:
    run = load_bench_module()
    path = tmp_path / "RESULTS.md"
    run.record(path, "## first run\n")
    run.record(path, "## second run\n")
    text = path.read_text(encoding="utf-8")
    assert text.count("# Build benchmark results") == 1
    assert text.index("## first run") < text.index("## second run")


def test_targets_are_judged_from_the_figures() -> None:
    run = load_bench_module()

    def result(n: int, gen: float, peer: float, floor: float, check: float) -> Any:
        figures = {name: run.Figures([run.Sample(wall, 100.0, wall)]) for name, wall in
                   (("generator", gen), ("peer", peer), ("floor", floor))}
        return run.Result(n, figures, run.Figures([run.Sample(check, 50.0, check)]), check,
                          {}, 0, (0.0, 0.0))

    lines = run.targets([result(1000, 4.0, 20.0, 3.5, 0.5), result(3000, 14.0, 80.0, 10.0, 3.2)])
    assert "N=1000: wall 0.20 x peer (<= 0.35: met), 1.14 x floor (<= 1.15: met)" in lines[0]
    assert "peak RSS 1.00 x peer (<= 0.8: MISSED)" in lines[0]
    assert "1.40 x floor (<= 1.15: MISSED)" in lines[1]
    assert "time(3000) / time(1000) = 3.50 (<= 3.1: MISSED)" in lines[2]
    assert "3.20 s, whole process (< 3.0 s: MISSED)" in lines[3]


def test_serve_shows_an_edit_after_one_rebuild(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, BENCH / "serve.py", str(N), "--edits", "2", "--results", results,
         "--work", tmp_path / "work"],
        capture_output=True, text=True, timeout=600,  # the script's own waits end sooner
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = results.read_text(encoding="utf-8")
    assert f"`mkdocs serve`, N={N}" in text
    assert "rebuilds per edit: 1, 1;" in text and "-> one rebuild per edit" in text
    # A stage's name may hold commas itself ("MkDocs: files, nav, reading pages").
    assert re.search(r"^- the last rebuild's costliest stages \(.*?\): .+? \d+\.\d+ s, ", text,
                     re.M), text
    seen = re.search(r"change visible: median (\d+\.\d+) s", text)
    assert seen and float(seen.group(1)) > 0
    cpu = re.search(r"the server's CPU seconds per edit .*: median (\d+\.\d+) s", text)
    assert cpu and float(cpu.group(1)) > 0, text  # Linux: read from /proc
    cycle = re.search(r"CPU seconds per edit up to \d s after the reload .*: median "
                      r"(\d+\.\d+) s", text)
    assert cycle and float(cycle.group(1)) >= float(cpu.group(1)), text
    source = sorted((tmp_path / "work" / f"serve-{N}" / "docs" / "news").glob("*.md"))
    assert not any("Benchmark edit" in p.read_text(encoding="utf-8") for p in source)


def test_check_bench_times_the_check_and_its_stages(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [sys.executable, BENCH / "check.py", str(N), "--rounds", "2", "--results", results,
         "--work", tmp_path / "work"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = results.read_text(encoding="utf-8")
    assert "— `community check`" in text and "2 fresh process(es) per N" in text
    row = next(line for line in text.splitlines() if line.startswith(f"| {N} | "))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    figure = re.fullmatch(r"(\d+\.\d+) s \(\d+\.\d+-\d+\.\d+\) / \d+ MB", cells[1])
    assert figure, row
    seconds = [float(cell.removesuffix(" s")) for cell in cells[2:]]
    assert all(value >= 0 for value in seconds) and seconds[2] > 0, row  # read + validate


def test_translations_are_chinese_and_keep_the_originals_facts(tmp_path: Path) -> None:
    """The two-language corpus: each entry's Chinese translation beside it, with the same
    date, segments and author; the originals are the same files with or without them."""
    corpus = load_corpus_module()
    corpus.write_community(tmp_path / "one", 30)
    assert corpus.write_community(tmp_path / "two", 30, translated=True) == 60
    one, two = tmp_path / "one" / "news", tmp_path / "two" / "news"
    originals = sorted(p.name for p in one.glob("*.md"))
    assert sorted(p.name for p in two.glob("*.md") if not p.name.endswith(".zh.md")) == (
        originals)
    for name in originals:
        assert (two / name).read_bytes() == (one / name).read_bytes()
        original = (one / name).read_text(encoding="utf-8").split("\n---\n\n", 1)
        translated = (two / name.replace(".md", ".zh.md")).read_text(encoding="utf-8")
        head, body = translated.split("\n---\n\n", 1)
        facts = [line for line in original[0].splitlines() if not line.startswith("title:")]
        assert [line for line in head.splitlines() if not line.startswith("title:")] == facts
        assert re.search(r"^title: \".*[\u4e00-\u9fff]", head, re.M), head
        assert not re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", body.replace("More in", ""))
        assert "<!-- more -->" in body and len(body) > 300
    links = [re.findall(r"\]\((\d{5}-[^)]+)\)", p.read_text(encoding="utf-8"))
             for p in two.glob("*.zh.md")]
    assert any(links) and all(target in originals for found in links for target in found)
    assert list(corpus.translations(10)) == list(corpus.translations(30))[:10]


def test_languages_bench_builds_one_and_two_languages(tmp_path: Path) -> None:
    """bench/languages.py at N=8, one round: both sites really built, the ratio recorded."""
    results, work, n = tmp_path / "RESULTS.md", tmp_path / "work", 8
    proc = subprocess.run(
        [sys.executable, BENCH / "languages.py", str(n), "--rounds", "1", "--results", results,
         "--work", work], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = results.read_text(encoding="utf-8")
    assert "— one language and two (issue 18)" in text and "1-min load average" in text
    row = next(line for line in text.splitlines() if line.startswith(f"| {n} | "))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    figures = [re.fullmatch(r"(\d+\.\d+) s / (\d+) MB", cell) for cell in cells[1:3]]
    assert all(figures), row
    walls = [float(match.group(1)) for match in figures if match]
    assert float(cells[3]) == pytest.approx(walls[1] / walls[0], abs=0.01)
    one_site, two_site = work / f"one-language-{n}" / "site", work / f"two-languages-{n}" / "site"
    assert len(list((one_site / "news").glob("*/index.html"))) == n
    assert not (one_site / "zh").exists()
    assert len(list((two_site / "news").glob("*/index.html"))) == n
    assert len(list((two_site / "zh" / "news").glob("*/index.html"))) == n
    pages = re.fullmatch(r"(\d+), (\d+) \((\d+)\)", cells[7])
    assert pages, cells[7]
    assert int(pages.group(1)) == sum(1 for _ in one_site.rglob("*.html"))
    assert int(pages.group(2)) == sum(1 for _ in two_site.rglob("*.html"))
    assert int(pages.group(3)) == sum(1 for _ in (two_site / "zh").rglob("*.html")) > n
    assert re.search(rf"^- N={n}: two languages / one by median wall \d+\.\d+ \(<= 2\.2: "
                     r"(met|MISSED)\)", text, re.M), text
    assert "| stage | one language | two languages | two / one |" in text


def test_instructions_are_counted_under_valgrind() -> None:
    languages = load_languages_module()
    count = languages.instructions_of([sys.executable, "-c", "pass"], REPO_ROOT, None)
    more = languages.instructions_of([sys.executable, "-c", "sum(range(10**5))"], REPO_ROOT,
                                     None)
    assert 1e6 < count < more
