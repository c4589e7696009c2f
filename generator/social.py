"""Social cards: the 1200x630 PNG a link preview shows (LinkedIn, X, Slack, chat apps) for
every entry and listing page, with its title, its type, the company's logo and colours.

Drawn with Pillow at build time. Each card is cached by what it shows (a hash of the text,
colours, logo bytes, font and this module's ``VERSION``) in ``.cache/community/social/``
beside mkdocs.yml: a build with unchanged content reads every card back and draws none; an
edited title draws that one card again. ``social_cards: false`` in the settings turns them
off: no drawing, no files, and pages fall back to a text-only preview (``summary``).

Text is drawn with DejaVu Sans Bold, shipped in ``generator/fonts/`` (the same pixels on every
machine; Latin, Greek and Cyrillic with their accents, typographic dashes). ``social_cards.font``
names a TrueType/OpenType file in the project for other scripts; a title with characters the
font cannot draw (Chinese without such a font) is left off the card rather than drawn as
boxes: the card then shows the type and the site, never a garbled title.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

from .brand import mix, rgb
from .raster import svg_png

VERSION = "2"  # bump when the drawing changes: every cached card is then redrawn
WIDTH, HEIGHT = 1200, 630
CARD_DIR = "assets/social"
CARD_CACHE = ".cache/community/social"  # beside mkdocs.yml (gitignored)
DEFAULT_PRIMARY = "#3f51b5"  # Material's indigo, when the settings give no brand colour
MARGIN = 80
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
_MISSING = "\ue000"  # a private-use character no font draws: its box is the "missing" glyph
LOGO_SIZE = 96

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def card_path(url: str) -> str:
    """``news/x/`` -> ``assets/social/news/x.png``; the home page -> ``.../index.png``."""
    return f"{CARD_DIR}/{url.rstrip('/') or 'index'}.png"


@dataclass(frozen=True)
class CardText:
    title: str
    kicker: str  # the type or listing kind: "Jobs", "Event", "Topic"
    footer: str  # the site's name


class SocialCards:
    """Draws (or reads back) the card of each page; counts both for the build log."""

    def __init__(self, site_name: str, primary: str | None, accent: str | None,
                 logo: Path | None, cache_dir: Path | None, font: Path | None = None) -> None:
        self.site_name = site_name
        self.primary = primary or DEFAULT_PRIMARY
        self.accent = accent or mix(self.primary, "#ffffff", 0.5)
        self.logo = logo if logo is not None and logo.is_file() else None
        self.cache_dir = cache_dir
        self.font_path = font or FONT
        self.drawn = 0
        self.reused = 0
        self._fonts: dict[int, Font] = {}
        self._logo_image: Image.Image | None = None
        self._identity = self._fingerprint()

    def _fingerprint(self) -> str:
        """What every card shares: drawing version, colours, logo and font bytes."""
        parts = [VERSION, self.primary, self.accent, self.site_name]
        for path in (self.logo, self.font_path):
            parts.append(hashlib.sha256(path.read_bytes()).hexdigest() if path else "")
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()

    def card(self, text: CardText) -> bytes:
        key = hashlib.sha256(json.dumps(
            [self._identity, text.title, text.kicker, text.footer]).encode()).hexdigest()
        cached = self.cache_dir / f"{key}.png" if self.cache_dir else None
        if cached is not None and cached.is_file():
            self.reused += 1
            return cached.read_bytes()
        data = self._draw(text)
        self.drawn += 1
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".tmp")
            temporary.write_bytes(data)
            temporary.replace(cached)  # a half-written card is never read back
        return data

    # -- drawing ---------------------------------------------------------------------
    def _font(self, size: int) -> Font:
        if size not in self._fonts:
            self._fonts[size] = ImageFont.truetype(str(self.font_path), size)
        return self._fonts[size]

    def drawable(self, text: str) -> bool:
        """Whether the font has a glyph for every character (else it would draw boxes)."""
        font = self._font(30)
        missing = bytes(font.getmask(_MISSING))
        return all(char.isspace() or bytes(font.getmask(char)) != missing
                   for char in set(text))

    def _logo(self) -> Image.Image | None:
        if self.logo is None:
            return None
        if self._logo_image is None:
            if self.logo.suffix.lower() == ".svg":
                data = svg_png(self.logo, LOGO_SIZE * 3, None)
                image = Image.open(io.BytesIO(data)).convert("RGBA")
            else:
                image = Image.open(self.logo).convert("RGBA")
            # Text in an SVG logo is not drawn (no system fonts): keep what was drawn.
            image = image.crop(image.getbbox() or (0, 0, image.width, image.height))
            image.thumbnail((LOGO_SIZE * 3, LOGO_SIZE), Image.Resampling.LANCZOS)
            self._logo_image = image
        return self._logo_image

    def _draw(self, text: CardText) -> bytes:
        image = Image.new("RGB", (WIDTH, HEIGHT), rgb(self.primary))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=rgb(self.accent))
        top = MARGIN
        logo = self._logo()
        if logo is not None:
            # A white plate: a company logo is made for light grounds.
            plate = (MARGIN - 16, top - 16, MARGIN + logo.width + 16, top + logo.height + 16)
            draw.rounded_rectangle(plate, radius=16, fill=(255, 255, 255))
            image.paste(logo, (MARGIN, top), logo)
            top += logo.height + 56
        else:
            top += 24
        kicker = text.kicker.upper() if self.drawable(text.kicker) else ""
        draw.text((MARGIN, top), kicker, font=self._font(30),
                  fill=rgb(mix("#ffffff", self.primary, 0.8)))
        top += 56
        title = text.title if self.drawable(text.title) else ""
        size, lines = self._fit(draw, title, HEIGHT - top - 120) if title else (0, [])
        for line in lines:
            draw.text((MARGIN, top), line, font=self._font(size), fill=(255, 255, 255))
            top += int(size * 1.2)
        if self.drawable(text.footer):
            draw.text((MARGIN, HEIGHT - MARGIN - 24), text.footer, font=self._font(30),
                      fill=(255, 255, 255))
        out = io.BytesIO()
        # 64 colours are plenty for flat colour and antialiased text: a third of the bytes
        # and of the time of a full-colour PNG (the encoder is most of a card's cost).
        image.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
        return out.getvalue()

    def _fit(self, draw: ImageDraw.ImageDraw, title: str, room: int) -> tuple[int, list[str]]:
        """The largest size (64 down to 36 px) at which the title fits ``room`` in at most
        four lines; at the smallest, lines past the fourth are cut with an ellipsis."""
        width = WIDTH - 2 * MARGIN
        for size in (60, 52, 46, 40, 36):
            lines = _wrap(draw, title, self._font(size), width)
            if len(lines) <= 4 and len(lines) * size * 1.2 <= room:
                return size, lines
        lines = _wrap(draw, title, self._font(36), width)
        return 36, lines[:3] + ([lines[3] + " …"] if len(lines) > 3 else [])


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Greedy line breaking at spaces; a word (or CJK run) wider than a line is split."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # one word wider than the card: break it by characters
            if draw.textlength(line + char, font=font) > width and line:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines


def logo_file(logo: str | None, docs_dir: Path) -> Path | None:
    """The organization logo as a file inside docs_dir; None for an https URL or nothing."""
    if not logo or urlsplit(logo).scheme:
        return None
    return docs_dir / logo.lstrip("/")
