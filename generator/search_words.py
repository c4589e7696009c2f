"""Chinese words for Material's search index, cut by jieba-rs instead of jieba: the same
words, a tenth of the time, and jieba's 80 MB dictionary never loaded.

Material's search plugin cuts every run of Han characters in each section's title and text
into words when it can import jieba (``SearchIndex._segment_chinese``), so that the search
box finds a Chinese word inside a sentence. jieba is pure Python: on the bench's bilingual
corpus at N=1000 it was a third of the whole build (70,000 runs), and loading its prefix
dictionary took 0.7 s and 80 MB of peak memory. rjieba binds jieba-rs, the Rust port of
the same algorithm (prefix dictionary DAG, the same dict.txt, the same HMM for unknown
words): 9x faster on the same runs, ~35 MB.

The words must be jieba's own, since the index must not depend on which one cut them. The
two differ only in what they treat as a block of Chinese: jieba cuts runs of U+4E00-U+9FD5
and gives every other character (an Extension A ideograph, 〇, 々 ...) as a word of its own;
jieba-rs would put those into its blocks. ``cut`` splits a run jieba's way first, so each
block rjieba sees is one jieba would cut whole (tests/test_search_words.py compares the two
on every sample). Part of the plugin shell, used by plugin.py only: it reads Material's
search index by its attributes and imports neither MkDocs nor Material.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

from backrefs import bre

# Material's own pattern for a run of Chinese text (search/plugin.py, _segment_chinese),
# compiled once instead of once per title and text.
HAN_RUN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
# What jieba cuts as one block (jieba's re_han_default, less the ASCII it also takes in,
# which a run of Han characters never holds); anything else in a run is a word by itself.
JIEBA_BLOCK = re.compile("([\u4e00-\u9fd5]+)")
SEPARATOR = "\u200b"  # between words: Material's search tokenizer splits on it


@cache
def _rjieba() -> Callable[[str], list[str]]:
    """rjieba's cut. Imported on the first block, as its dictionary loads on import (0.3 s,
    ~35 MB): a site without Chinese text never pays for it."""
    import rjieba
    return rjieba.cut


def _rjieba_cut(block: str) -> list[str]:
    return _rjieba()(block)


def cut(run: str, segmenter: Callable[[str], list[str]]) -> list[str]:
    """The words jieba's ``cut`` gives for a run of Han characters."""
    words: list[str] = []
    for number, part in enumerate(JIEBA_BLOCK.split(run)):
        if number % 2:  # a block jieba cuts with its dictionary
            words += segmenter(part)
        else:  # between blocks: one word per character, as jieba yields them
            words += part
    return words


def segment_chinese(text: str, segmenter: Callable[[str], list[str]]) -> str:
    """``text`` as Material's ``_segment_chinese`` returns it: each run of Han characters
    cut into words, with a zero-width space around and between them."""
    def replace(match: Any) -> str:
        return SEPARATOR + SEPARATOR.join(cut(match.group(0), segmenter)) + SEPARATOR
    return HAN_RUN.sub(replace, text).strip(SEPARATOR)


def use_fast_words(search_plugin: Any) -> bool:
    """Let Material's search index cut Chinese with rjieba; whether it now does.

    Left as it is where Material would not cut at all (no jieba), where the site gives jieba
    a dictionary of its own (search's ``jieba_dict`` / ``jieba_dict_user``: only jieba reads
    them), or where rjieba is missing."""
    index = getattr(search_plugin, "search_index", None)
    if index is None or not hasattr(index, "_segment_chinese"):
        return False
    options = getattr(search_plugin, "config", {})
    if options.get("jieba_dict") or options.get("jieba_dict_user"):
        return False
    material = sys.modules.get(type(search_plugin).__module__)
    if getattr(material, "jieba", None) is None or importlib.util.find_spec("rjieba") is None:
        return False
    index._segment_chinese = lambda text: segment_chinese(text, _rjieba_cut)
    return True
