"""PNG copies of the content's SVG pictures, for what is read in a mail client.

Gmail, Outlook and the RSS-to-email services (Buttondown automations, Mailchimp RSS
campaigns) show no SVG, so the digest and the feeds point at a PNG instead: each SVG inside
``content/`` that an entry shows there (its ``image``, an ``<img>`` in its text) is rendered
once per build with resvg (a wheel, no system library) at ``RENDER_WIDTH`` pixels, twice the
560 px it takes in a 600 px e-mail, and written to ``email-images/<its path without .svg>.png``.
Pictures given as https URLs are left as they are: the site cannot render what it does not
have. The feeds' RSS channel image is the logo rendered the same way (``png_from_svg``), 144
pixels wide: RSS 2.0 shows GIF, JPEG or PNG only.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import resvg_py

from .content import Entry
from .markup import absolute

RASTER_DIR = "email-images"
RENDER_WIDTH = 1120
_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=)(["\'])(.*?)\2', re.S)
_rendered: dict[tuple[str, int, int, int], bytes] = {}  # (path, mtime, size, width): serve
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def raster_path(ref: str) -> str | None:
    """``images/x.svg`` -> ``email-images/images/x.png``; None for anything else."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path.lower().endswith(".svg"):
        return None
    return f"{RASTER_DIR}/{parts.path.lstrip('/')[:-4]}.png"


def email_image(ref: str, site_url: str) -> str:
    """The absolute URL a mail client can show for the picture ``ref``."""
    path = raster_path(ref)
    return site_url + path if path else absolute(ref, site_url)


def entry_pictures(entry: Entry) -> list[str]:
    """The picture an entry leads with in feeds and digests (portraits are not shown there:
    rendering them would only cost build time)."""
    return [entry.fields.image] if entry.fields.image else []


def raster_html(fragment: str, site_url: str, docs_dir: Path) -> str:
    """Point every ``<img>`` of the site's own SVGs in an absolute fragment at its PNG
    (those whose file exists: the build writes a PNG only for them)."""

    def swap(match: re.Match[str]) -> str:
        src = match.group(3)
        ref = src[len(site_url):] if src.startswith(site_url) else ""
        path = raster_path(ref) if ref and _source(ref, docs_dir).is_file() else None
        return f"{match.group(1)}{match.group(2)}{site_url + path if path else src}" \
               f"{match.group(2)}"

    return _IMG_SRC.sub(swap, fragment)


def svg_sources(fragment: str, site_url: str) -> list[str]:
    """The site's own SVGs shown by ``<img>`` in an absolute fragment, as content paths."""
    return [src[len(site_url):] for _, _, src in _IMG_SRC.findall(fragment)
            if src.startswith(site_url) and raster_path(src[len(site_url):])]


def _source(ref: str, docs_dir: Path) -> Path:
    return docs_dir / urlsplit(ref).path.lstrip("/")


def png(ref: str, docs_dir: Path) -> bytes | None:
    """The PNG of the content SVG ``ref`` (rendered once per file version), else None."""
    source = _source(ref, docs_dir)
    if raster_path(ref) is None or not source.is_file():
        return None
    return png_from_svg(source, RENDER_WIDTH)


def png_from_svg(source: Path, width: int) -> bytes:
    """``source`` rendered ``width`` pixels wide (its height keeps the aspect ratio), once per
    version of the file: ``mkdocs serve`` reuses it across rebuilds."""
    stat = source.stat()
    key = (str(source), stat.st_mtime_ns, stat.st_size, width)
    if key not in _rendered:
        # No system fonts: the same bytes on every machine (text in an SVG picture would
        # need its font embedded anyway to look the same in every browser).
        _rendered[key] = bytes(resvg_py.svg_to_bytes(
            svg_path=str(source), width=width, skip_system_fonts=True))
    return _rendered[key]


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, which the format puts first; None if the
    bytes are not a PNG."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def raster_files(refs: Iterable[str], docs_dir: Path) -> dict[str, bytes]:
    """``email-images/...png`` -> PNG bytes for every SVG of ``refs`` that exists."""
    files: dict[str, bytes] = {}
    for ref in sorted(set(refs)):
        path, data = raster_path(ref), png(ref, docs_dir)
        if path is not None and data is not None:
            files[path] = data
    return files


# The favicon's PNG copies, for browsers without SVG icons and for home screens (iOS).
ICON_SIZES = {"assets/favicon-32.png": 32, "assets/apple-touch-icon.png": 180}


def svg_png(source: Path, width: int, height: int | None = None) -> bytes:
    """An SVG file drawn as a PNG ``width`` pixels wide, without system fonts (the same
    bytes on every machine)."""
    return bytes(resvg_py.svg_to_bytes(svg_path=str(source), width=width,
                                       height=height or width, skip_system_fonts=True))


def icon_files(favicon: str, docs_dir: Path) -> dict[str, bytes]:
    """``ICON_SIZES`` drawn from the site's SVG favicon; nothing for another kind of icon."""
    source = docs_dir / favicon.lstrip("/")
    if not favicon.lower().endswith(".svg") or not source.is_file():
        return {}
    return {path: svg_png(source, size) for path, size in ICON_SIZES.items()}
