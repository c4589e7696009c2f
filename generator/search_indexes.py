"""One search index per language of a multilingual site, cut from Material's one index.

Material's search plugin writes one ``search/search_index.json`` for the whole site, and
every page of every language fetches all of it. On the two-language example that was 334 KB
on each page (Material writes JSON with ``\\uXXXX`` escapes: six bytes a Chinese character),
half of it text the reader's language never shows. After the search plugin has written it
(plugin.py's last ``on_post_build``), ``split`` leaves the default language's documents in
``search/search_index.json`` and writes each other language's to
``<code>/search/search_index.json``, with the same ``config`` (the stemmers and stop words
of every language: a page of one language quotes words of the other) and each document's
``location`` as it was (the worker resolves it against the site root, which is the same for
every page). The theme's ``search-index.js`` makes a page ask for its language's file.

A document belongs to the language whose folder its location is in (``zh/jobs/x/`` to zh,
everything else to the default, at the root): the layout the core gives every page
(ARCHITECTURE.md, "Several languages"), plain pages with a suffix included (``zh/privacy/``).
An untranslated entry shown in another language is a page there, so each language's index
finds it.

The files are written as compact UTF-8 (``ensure_ascii=False``): the browser's worker reads
them with ``JSON.parse`` like Material's own, and Chinese costs three bytes a character
instead of six. A one-language site is not touched: its index stays Material's, byte for
byte. Part of the plugin shell, used by plugin.py only; it reads the written file, so it
works the same under ``mkdocs serve`` (the page cache hands the search plugin the kept
entries: the file it writes is whole) and imports neither MkDocs nor Material.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

INDEX = "search/search_index.json"  # Material's, from the site root


def index_of(home: str) -> str:
    """The site-relative address of a language's index (its home folder: "" or "zh/")."""
    return home + INDEX


def language_home(location: str, homes: Sequence[str]) -> str:
    """The home folder of the language a document's location lies in ("" the default)."""
    return max((home for home in homes if location.startswith(home)), key=len, default="")


def split(site_dir: Path, homes: Sequence[str]) -> dict[str, int]:
    """Cut ``site_dir``'s search index by language: ``homes`` are the folders of the
    languages other than the default ("zh/"). Returns each written file's number of
    documents (nothing when there is no index: search is off)."""
    path = site_dir / INDEX
    if not homes or not path.is_file():
        return {}
    index: dict[str, Any] = json.loads(path.read_bytes())
    docs: dict[str, list[Any]] = {home: [] for home in ("", *homes)}
    for doc in index.get("docs", []):
        docs[language_home(str(doc.get("location", "")), homes)].append(doc)
    written = {}
    for home, own in docs.items():
        target = site_dir / index_of(home)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Material's own separators; default=str as Material dumps (nothing else to convert)
        target.write_bytes(json.dumps({**index, "docs": own}, ensure_ascii=False,
                                      separators=(",", ":"), default=str).encode("utf-8"))
        written[index_of(home)] = len(own)
    return written
