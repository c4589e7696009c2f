"""The reader's fast path: libyaml (C) for front matter, PyYAML's pure-Python loader otherwise.

The fast loader must give exactly what the pure one gives (values and the line of every
key), and input that could nest deeply must never reach libyaml, which recurses in C and
crashes the whole process (a segmentation fault, not an exception) some 20,000 levels down.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import frontmatter
import pytest
import yaml
from fixtures import REPO_ROOT

from generator import reader

TRICKY = [
    "title: Plain\ndate: 2026-05-01\n",
    "title: 'Quoted: with colon'\ndate: 2026-05-01T10:00:00+02:00\nupdated: 2026-05-02\n",
    'title: "Unicode 上海 ✓ \\u00e9"\ndate: 2026-05-01\ndraft: false\n',
    "title: Anchors\nsegments: &s [berlin, remote]\ntags: *s\n",
    "title: >\n  folded\n  text\nsummary: |\n  literal\n  block\n",
    "title: Nested\nmember:\n  name: Ada\n  photo: images/a.svg\nsalary: {min: 1, max: 2}\n",
    "title: Lists\nlocations:\n  - berlin\n  -   shanghai\n  - [remote, x]\n",
    "title: 12\nslug: 2026-01-01\ncount: 0x1f\nratio: 1e3\nempty:\nnothing: ~\n",
]


# A YAML comment with far more nesting marks ('[') than the reader lets libyaml see (a few
# hundred): front matter carrying it goes through PyYAML's pure-Python loader. The same
# front matter with and without it must read the same, through the public read_entry.
PURE_PATH = "\n# " + "[" * 5_000


def loaded(front: str, folder: Path, *, pure: bool = False) -> tuple[Any, dict]:
    """What ``read_entry`` gives of ``front`` (the text after the opening '---'): the values
    and the line of every key; ``pure`` takes the pure-Python loader's path."""
    path = folder / ("pure.md" if pure else "fast.md")
    text = "---" + front.rstrip("\n") + (PURE_PATH if pure else "") + "\n---\nBody\n"
    path.write_text(text, encoding="utf-8")
    raw, problems = reader.read_entry(path, path.name, path.name, "news")
    assert raw is not None, problems
    return raw.data, raw.lines


def fronts() -> list[str]:
    found = [f"\n{text}" for text in TRICKY]  # as handler.split gives it: after '---'
    handler = frontmatter.YAMLHandler()
    for path in sorted((REPO_ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if handler.detect(text):
            found.append(handler.split(text)[0])
    return found


@pytest.mark.parametrize("front", fronts())
def test_fast_loader_gives_what_the_pure_loader_gives(front: str, tmp_path: Path) -> None:
    assert loaded(front, tmp_path) == loaded(front, tmp_path, pure=True)


def test_fast_loader_agrees_on_the_benchmark_corpus(tmp_path: Path) -> None:
    subprocess.run([sys.executable, REPO_ROOT / "bench" / "corpus.py", "200", "community",
                    tmp_path], check=True, capture_output=True)
    handler = frontmatter.YAMLHandler()
    for path in sorted((tmp_path / "news").glob("*.md")):
        front = handler.split(path.read_text(encoding="utf-8"))[0]
        assert loaded(front, tmp_path) == loaded(front, tmp_path, pure=True), path.name


def test_fast_loader_keeps_dates_as_text(tmp_path: Path) -> None:
    data, _ = loaded("\ndate: 2026-05-01\nupdated: 2026-05-01T10:00:00Z\n", tmp_path)
    assert data == {"date": "2026-05-01", "updated": "2026-05-01T10:00:00Z"}


def test_syntax_errors_keep_the_pure_loaders_words(tmp_path: Path) -> None:
    path = tmp_path / "news" / "broken.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: fine\ndate: 2026-05-01\ntags: [a, b\n---\nBody\n",
                    encoding="utf-8")
    entry, problems = reader.read_entry(path, "news/broken.md", "content/news/broken.md",
                                        "news")
    with pytest.raises(yaml.MarkedYAMLError) as pure:  # PyYAML's own pure-Python words
        yaml.load("title: fine\ndate: 2026-05-01\ntags: [a, b\n", Loader=yaml.SafeLoader)
    assert entry is None and len(problems) == 1
    assert pure.value.problem is not None
    assert pure.value.problem.strip() in problems[0].message


DEEP = {
    "flow lists": "tags: " + "[" * 40_000 + "]" * 40_000,
    "flow mappings": "member: " + "{a: " * 30_000 + "1" + "}" * 30_000,
    "block lists": "tags:\n  " + "- " * 60_000 + "x",
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, name: str) -> None:
    """In a child process: libyaml would kill it with SIGSEGV instead of raising."""
    path = tmp_path / "deep.md"
    path.write_text(f"---\ntitle: Deep\ndate: 2026-05-01\n{DEEP[name]}\n---\nBody\n",
                    encoding="utf-8")
    code = textwrap.dedent(f"""
        from pathlib import Path
        from generator.reader import read_entry
        entry, problems = read_entry(Path({str(path)!r}), "news/deep.md", "news/deep.md",
                                     "news")
        assert entry is None, entry
        print(problems[0])
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert proc.stdout.startswith("news/deep.md:"), proc.stdout
    assert "front matter" in proc.stdout
