"""JSON-LD for search engines: serialized so that no field can end the <script> element."""

from __future__ import annotations

import json
from typing import Any


def dump(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: '<', '>' and '&' as unicode escapes (still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
