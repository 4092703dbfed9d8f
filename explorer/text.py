"""Agency text shown through Streamlit's Markdown (headers, captions, write) must stay text."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def plain(value: object) -> str:
    """Escape every character Markdown (or Streamlit's extensions) could read as markup."""
    return _MARKDOWN.sub(r"\\\1", str(value))
