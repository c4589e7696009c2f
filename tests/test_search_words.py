"""Chinese words in the search index are jieba's, whoever cuts them (search_words.py).

The plugin lets Material's search index cut Chinese text with rjieba (jieba-rs) instead of
jieba. The index must not change: each sample text below is cut by Material's own
``_segment_chinese`` (jieba) and by the plugin's, and the two strings must be equal. The
samples hold dictionary words, random ideographs (the HMM's unknown words), characters of
the Han script outside jieba's block range (Extension A and B, compatibility ideographs,
〇 and 々, which jieba gives one by one), Latin words, punctuation and digits between them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from fixtures import EPOCH
from fixtures.project import make_project
from material.plugins.search.plugin import SearchIndex, SearchPlugin

from generator.search_words import segment_chinese, use_fast_words

WORDS = ("招聘", "数据工程师", "上海", "办公室", "搬迁", "我们", "团队文化", "远程", "混合办公",
         "面试", "薪资", "职业发展", "学习笔记", "安全", "前端", "后端", "的", "了", "和")
RARE = ("㐀", "㑊", "䶵", "〇", "々", "豈", "𠀀", "𪚥", "鿕", "鿖", "龥")  # outside or at the edges
OTHER = ("Python", " ", "，", "。", "2026", "！", "(", "K8s", "\n", "·", "—")


def samples(count: int, seed: int = 20) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 14)):
            roll = rng.random()
            if roll < 0.45:
                parts.append(rng.choice(WORDS))
            elif roll < 0.7:  # unknown words: random ideographs of jieba's block range
                parts.append("".join(chr(rng.randint(0x4E00, 0x9FD5))
                                     for _ in range(rng.randint(1, 5))))
            elif roll < 0.8:
                parts.append(rng.choice(RARE))
            else:
                parts.append(rng.choice(OTHER))
        texts.append("".join(parts))
    return [*texts, "", "no Chinese at all", "上海", "〇", "㐀上海", "上海々", " 上海 "]


@pytest.fixture(scope="module")
def material_index() -> SearchIndex:
    jieba.setLogLevel(60)
    return SearchIndex()


def test_rjieba_cuts_every_sample_as_jieba_does(material_index: SearchIndex) -> None:
    import rjieba
    texts = samples(3000)
    ours = [segment_chinese(text, rjieba.cut) for text in texts]
    theirs = [material_index._segment_chinese(text) for text in texts]
    differing = [(text, a, b) for text, a, b in zip(texts, ours, theirs, strict=True) if a != b]
    assert not differing, differing[:5]
    assert sum("\u200b" in text for text in ours) > 2500  # the samples did get cut


def search_plugin(options: dict[str, object]) -> SearchPlugin:
    plugin = SearchPlugin()
    plugin.load_config(options)
    plugin.search_index = SearchIndex(**plugin.config)
    return plugin


def test_the_plugin_swaps_the_cutter_unless_the_site_gives_jieba_a_dictionary(
        tmp_path: Path) -> None:
    plugin = search_plugin({})
    assert use_fast_words(plugin)
    assert "_segment_chinese" in vars(plugin.search_index)  # this index only, not the class
    assert plugin.search_index._segment_chinese("我们在上海招聘") == \
        SearchIndex()._segment_chinese("我们在上海招聘")
    words = tmp_path / "words.txt"
    words.write_text("上海招聘 10\n", encoding="utf-8")
    own = search_plugin({"jieba_dict_user": str(words)})
    assert not use_fast_words(own)  # only jieba reads a site's dictionary
    assert "_segment_chinese" not in vars(own.search_index)
    assert not use_fast_words(object())  # no search plugin: nothing to do


BUILD_AND_REPORT = """
import json, sys
import jieba
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(json.dumps({"jieba_loaded": jieba.dt.initialized}))
"""


def test_a_real_build_indexes_jiebas_words_without_loading_jieba(tmp_path: Path) -> None:
    """A real build (in a process of its own): the index holds the Chinese text cut into
    jieba's words, and jieba's dictionary was never loaded."""
    sentence = "我们的上海办公室搬迁到了新的地址。"
    project = make_project(tmp_path / "site", {"news/office.md": (
        f"---\ntitle: 办公室搬迁\ndate: 2026-01-05\n---\n\n{sentence}\n")})
    proc = subprocess.run(
        [sys.executable, "-c", BUILD_AND_REPORT, project / "mkdocs.yml", tmp_path / "out"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1]) == {"jieba_loaded": False}
    index = json.loads((tmp_path / "out" / "search" / "search_index.json").read_text(
        encoding="utf-8"))
    text = next(doc["text"] for doc in index["docs"] if doc["location"] == "news/office/")
    cut = SearchIndex()._segment_chinese(sentence)  # jieba, loaded here in the test process
    assert cut.count("\u200b") >= 5 and cut in text
