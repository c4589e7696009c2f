"""Where members come from: attribution values, sourcing links and their QR codes.

A signup carries ``source``, ``campaign`` and ``referrer`` (from the link's ``source``,
``campaign`` and ``ref`` parameters). The same rules apply wherever those values are made or
read, so they live here once: ``community link`` builds links with them, the referral page's
builder and the forms script (``data-cm-attribution``) apply them in the browser, and the
report (report.py) reads submissions with them.

- ``source`` must be declared under ``attribution.sources`` in mkdocs.yml; any other value
  becomes ``other`` (a link typed on a poster still counts, under a visible bucket);
- ``campaign`` and ``ref`` match ``[a-z0-9-]{1,40}``, else they are dropped (never stored
  half-cleaned: a mistyped referrer must not be credited to someone else);
- ``segments`` is a comma-separated list of declared segment ids: the form pre-ticks them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from urllib.parse import urlencode

OTHER = "other"
TOKEN_PATTERN = "^[a-z0-9-]{1,40}$"
_TOKEN = re.compile(TOKEN_PATTERN)
LANDING_FOLDER = "join"  # content/join/<name>.md becomes /join/<name>/
RESERVED_LANDING_NAMES = ("thanks", "index", "README")  # /join/ and /join/thanks/ are ours
QR_KINDS = (".svg", ".png")


def is_token(value: str) -> bool:
    """A campaign, referrer or source id as a link may carry it: ``[a-z0-9-]{1,40}``."""
    return bool(_TOKEN.match(value))


def clean_source(value: str, declared: Collection[str]) -> str:
    """The declared source id, ``other`` for anything else given, ``""`` for nothing."""
    value = value.strip()
    if not value:
        return ""
    return value if value in declared else OTHER


def clean_token(value: str) -> str:
    """A campaign or referrer, or ``""`` when it breaks the rule (dropped, not repaired)."""
    value = value.strip()
    return value if is_token(value) else ""


def join_path(landing: str | None = None) -> str:
    """The signup page's path from the site root: ``join/`` or ``join/<landing>/``."""
    return f"{LANDING_FOLDER}/{landing}/" if landing else f"{LANDING_FOLDER}/"


def link_query(source: str | None = None, campaign: str | None = None, ref: str | None = None,
               segments: Sequence[str] = ()) -> str:
    """``?source=..&campaign=..&ref=..&segments=a,b`` (only the given ones), or ``""``."""
    params = [(name, value) for name, value in (("source", source), ("campaign", campaign),
                                                ("ref", ref)) if value]
    if segments:
        params.append(("segments", ",".join(segments)))
    return "?" + urlencode(params, safe=",") if params else ""


def sourcing_link(site_url: str, *, source: str | None = None, campaign: str | None = None,
                  ref: str | None = None, segments: Sequence[str] = (),
                  landing: str | None = None) -> str:
    """The absolute link to the join page (or a landing page) carrying the attribution."""
    return site_url + join_path(landing) + link_query(source, campaign, ref, segments)


def is_landing_source(src_path: str) -> bool:
    """``join/<name>.md``: one level deep, not a name the generator uses itself."""
    folder, _, file = src_path.partition("/")
    return (folder == LANDING_FOLDER and "/" not in file and file.endswith(".md")
            and file.removesuffix(".md") not in RESERVED_LANDING_NAMES)


def landing_names(docs_dir: Path) -> list[str]:
    """The landing pages' names: ``content/join/<name>.md`` files."""
    folder = docs_dir / LANDING_FOLDER
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.md")
                  if is_landing_source(f"{LANDING_FOLDER}/{path.name}"))


def link_problems(*, sources: Iterable[str], segment_ids: Iterable[str],
                  landings: Iterable[str], source: str, campaign: str | None,
                  ref: str | None, segments: Sequence[str],
                  landing: str | None) -> list[str]:
    """Every reason the asked link would not be counted as asked, each as one sentence."""
    declared, segment_set, landing_set = list(sources), set(segment_ids), list(landings)
    problems = []
    if source not in declared:
        shown = ", ".join(declared) or "none yet"
        problems.append(f"--source '{source}' is not a declared source (declared in mkdocs.yml "
                        f"under attribution.sources: {shown}); the form would post 'other'")
    for option, value in (("--campaign", campaign), ("--ref", ref)):
        if value is not None and not is_token(value):
            problems.append(f"{option} '{value}' must be 1-40 lowercase letters, digits or '-' "
                            "(the form drops any other value)")
    for segment in segments:
        if segment not in segment_set:
            problems.append(f"--segment '{segment}' is not a declared segment (declared in "
                            f"mkdocs.yml: {', '.join(sorted(segment_set))})")
    if landing is not None and landing not in landing_set:
        shown = ", ".join(landing_set) or "none yet"
        problems.append(f"--landing '{landing}' is not a landing page: no content/"
                        f"{LANDING_FOLDER}/{landing}.md (landing pages: {shown})")
    return problems


def write_qr(url: str, path: Path) -> int:
    """Write ``url`` as a QR code to ``path`` (.svg or .png); return its width in modules.

    Error correction level M (15 %) survives a scuffed poster corner; the border is the
    standard's quiet zone of 4 modules, painted white so the code also reads on a dark
    poster (a scanner needs the light margin). A PNG is scaled so one module is 10 pixels: sharp
    when printed at 300 dpi up to about 10 cm wide.
    """
    import segno  # only this command needs it

    code = segno.make(url, error="m", micro=False, boost_error=False)
    if path.suffix.lower() == ".svg":
        code.save(str(path), kind="svg", scale=10, border=4, light="#fff", title=url)
    else:
        code.save(str(path), kind="png", scale=10, border=4, light="#fff")
    return code.symbol_size(scale=1, border=0)[0]
