"""The ONE list of Nu HTML Checker messages the quality gate ignores, each with its reason.

Only errors produced by mkdocs-material's own templates (``material/templates/``) belong
here, matched by their exact message text AND by a piece of Material's markup in the
highlighted source: the same message raised by the generator's own templates or theme
(``generator/templates/``, ``generator/theme/``) is still an error. Never add whole files,
patterns or anything that ``generator/`` writes: fix those instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MaterialMessage:
    """A vnu message that Material's templates emit and we cannot change without forking them."""

    message: str
    """The message text, exactly as vnu prints it."""
    markup: str
    """Text that must occur in the highlighted source: Material's element, not ours."""
    reason: str


AUTOCOMPLETE_ON_CHECKBOX = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
    "“search”, “tel”, “text”, “time”, “url”, or “week”."
)
LABEL_FOR_HIDDEN_CONTROL = (
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden "
    "form control."
)

MATERIAL_MESSAGES: tuple[MaterialMessage, ...] = (
    MaterialMessage(
        AUTOCOMPLETE_ON_CHECKBOX,
        'data-md-toggle="drawer"',
        "material/templates/base.html writes the navigation drawer's CSS-only toggle as "
        '<input type="checkbox" autocomplete="off">: the attribute stops Firefox restoring '
        "the checked state on reload; the toggle is hidden and has no effect on validity "
        "for users. It sits in base.html outside any block we could override.",
    ),
    MaterialMessage(
        AUTOCOMPLETE_ON_CHECKBOX,
        'data-md-toggle="search"',
        "The same pattern for the search overlay's CSS-only toggle in "
        "material/templates/base.html.",
    ),
    MaterialMessage(
        LABEL_FOR_HIDDEN_CONTROL,
        'for="__toc"',
        'material/templates/partials/toc.html labels the table of contents with for="__toc", '
        "the hidden checkbox that opens the integrated table of contents on small screens "
        "(partials/nav-item.html); the checkbox is display:none by design of Material's "
        "CSS-only drawer.",
    ),
)


def highlighted(message: Mapping[str, Any]) -> str:
    """The part of vnu's ``extract`` that the message is about (the whole extract if unset)."""
    extract = str(message.get("extract", ""))
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if isinstance(start, int) and isinstance(length, int):
        return extract[start : start + length]
    return extract


def is_material_message(message: Mapping[str, Any]) -> bool:
    """True when ``message`` (one item of vnu's JSON output) is listed above."""
    source = highlighted(message)
    return any(
        message.get("message") == known.message and known.markup in source
        for known in MATERIAL_MESSAGES
    )
