"""The Reports page offers a problem profile and a MASE pack as Word (.docx) through
explorer/downloads.offer: the production is a disclosure in the audit trail before the file
exists, the file is made only on the click, and it opens in python-docx, pseudonymised."""

from __future__ import annotations

import io

import pytest
from docx import Document

from jigsaw import audit
from tests.downloads import click
from tests.explorer_app import hackney_reports_page
from tests.report_text import docx_text

pytestmark = pytest.mark.neo4j


def test_the_reports_page_offers_word_and_logs_it_as_a_disclosure(explorer_env, small_network, deferred):
    at = hackney_reports_page("BOARD-WORD-1")
    at.radio(key="profile_format").set_value("docx")
    next(b for b in at.button if b.label == "Produce the problem profile").click().run()
    assert not at.exception and any("ready (pseudonymised)" in s.value for s in at.success)
    (event,) = [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert (
        event["details"]["format"] == "docx"
        and event["purpose"] == "BOARD-WORD-1"
        and not event["details"]["identified"]
    )
    button = next(b for b in at.download_button if b.label == "Download Problem profile (Word)")
    content = click(deferred, button)
    document = Document(io.BytesIO(content))
    assert any(p.style.name == "Heading 1" and p.text == "Referrals to the MASH" for p in document.paragraphs)
    assert "Amelia Hughes" not in docx_text(content)  # a child of the small network, pseudonymised
