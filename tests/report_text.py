"""The text of a produced report (PDF, Word), for tests that look for what it says or must not say."""

from __future__ import annotations

import html
import io
import re
import zipfile

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The text of every page, in order."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    """Every piece of text the package holds: body, tables, headers, footers, properties, alt text."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        parts = [package.read(n).decode("utf-8", "replace") for n in package.namelist() if n.endswith(".xml")]
    alt = " ".join(re.findall(r'descr="([^"]*)"', " ".join(parts)))
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)) + " " + alt)
