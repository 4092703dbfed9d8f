"""Problem profiles and MASE packs as a board reads them (issue #21), in every format (HTML, PDF,
Word), from a data set generated with a seed the code was not written against, and from shapes
the generator never makes (a borough and a period with no data at all):

* no chart without data; no raw code of the dataset's vocabulary in the text;
* no heading is the last text on a PDF page (from the PDF's text positions);
* the summary of what changed most comes first, with links to its sections;
* the .docx opens with python-docx, has real headings, tables and images, and the same figures
  as the PDF;
* no name, date of birth, full postcode or record id in any pseudonymised output;
* the first two pages of each PDF are saved as PNG screenshots in the test artifacts folder
  (tests/run_folders.py), and of each .docx as converted to HTML by mammoth and printed by
  Chromium (its content, not Word's pagination).
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from collections import Counter
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from casework import store
from casework.models import NewAction, Subject
from graph_loader.load import validate_paths
from graph_loader.models.vocab import LONDON_BOROUGHS
from identity.graph_run import run as run_identity
from jigsaw import audit, catalogue
from jigsaw.graph_admin import wipe_data
from reports import produce
from reports.labels import raw_codes, vocabulary, word
from tests.report_text import docx_text
from tests.run_folders import ARTIFACTS

from .builders import leaks, load, personal_strings

SEED = 31  # neither the demo's seed nor test_reports.py's: data the code was not written against
FORMATS = ("html", "pdf", "docx")


@pytest.fixture(scope="module")
def generated(driver, neo4j_server, tmp_path_factory):
    from fixtures.generator import generate

    folder = tmp_path_factory.mktemp("seed-31")
    generate(SEED, "S", folder)
    records = {v.source.key: [r.record for r in v.records] for v in validate_paths(None, folder)}
    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    assert load(driver, db, folder, tmp_path_factory.mktemp("q")).rows_rejected == 0
    run_identity(driver, db)
    yield driver, db, records
    wipe_data(driver, db)


def _busiest(records) -> tuple[str, date]:
    borough = Counter(r.borough for r in records["mash"]).most_common(1)[0][0]
    return borough, max(r.date_received for r in records["mash"] if r.borough == borough)


@pytest.fixture(scope="module")
def documents(generated, tmp_path_factory):
    """A pseudonymised profile (last two years of the busiest borough) and a MASE pack, each in
    every format, with an open action and an overdue one so the pack has actions to show."""
    driver, db, records = generated
    borough, latest = _busiest(records)
    profile, _ = produce.profile(driver, db, borough, latest - timedelta(days=729), latest, user="t", purpose="PP-21")
    hotspot = catalogue.run(driver, db, "hotspots", {"borough": borough}).rows[0]["place_key"]
    since = latest - timedelta(days=90)
    store.add_action(
        driver,
        db,
        NewAction(
            subject=Subject(kind="place", key=hotspot),
            kind="disruption_visit",
            description="Licensing visit to the premises",
            owner="Licensing team",
            due=since + timedelta(days=5),
            borough=borough,
            meeting="MASE-20",
        ),
        user="chair",
        purpose="MASE-20",
    )
    pack, _ = produce.mase_pack(
        driver,
        db,
        borough,
        "MASE-21",
        latest,
        since,
        user="chair",
        purpose="MASE-21",
        home=tmp_path_factory.mktemp("home"),
    )  # its deployment secret, not the checkout's
    out = {}
    for name, report in (("profile", profile), ("mase", pack)):
        out[name] = (report, {fmt: produce.render(report, fmt) for fmt in FORMATS})
        _screenshots(name, out[name][1]["pdf"])
    return out


def _screenshots(name: str, content: bytes) -> None:
    """The first two pages as PNG (PDFium, through pypdfium2), for a person to look at."""
    import pypdfium2

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(content)
    pages = len(document) if os.environ.get("JIGSAW_REPORT_PAGES") == "all" else 2  # all: to review the whole layout
    for i in range(min(pages, len(document))):
        document[i].render(scale=1.5).to_pil().save(ARTIFACTS / f"report-{name}-page-{i + 1}.png")
    document.close()


# -- reading each format back ---------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def html_text(content: bytes) -> str:
    """What a reader sees: the markup's text, without the style sheet, tags or entities."""
    text = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", content.decode(), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def docx_paragraph_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def text_of(fmt: str, content: bytes) -> str:
    return {"html": html_text, "pdf": pdf_text, "docx": docx_paragraph_text}[fmt](content)


def raw_code_hits(text: str) -> list[str]:
    """Codes of the dataset's vocabulary printed as they are (case-sensitive: "HSB" is a word, "hsb" a code)."""
    return sorted(c for c in raw_codes() if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text))


# -- the tests ------------------------------------------------------------------------------


def test_every_code_of_the_vocabulary_has_readable_words():
    for kind, codes in vocabulary().items():
        for code in codes:
            assert word(code) and "_" not in word(code), (kind, code)
    assert word("nfa") == "no further action" and word("hotel_or_bnb") == "hotel or B&B"
    assert (
        word("none", "missing episodes") == "no missing episodes" and word("no", "looked after") == "not looked after"
    )
    assert {"nfa", "hotel_or_bnb", "none", "not_known"} <= raw_codes()


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["profile", "mase"])
def test_no_chart_without_data_in_any_format(documents, name):
    report, rendered = documents[name]
    for section in report.sections:
        for figure in section.figures:
            if figure.chart is not None and figure.drawn is None:
                assert figure.text or figure.rows, figure.title  # what is not drawn is said
            if figure.drawn is not None and figure.drawn.kind in ("bars", "share"):
                assert sum(1 for v in figure.drawn.values if v) >= 2, figure.title  # one bar is a sentence
            if figure.drawn is not None:
                assert figure.drawn.alt, figure.title  # every chart has its text alternative
    drawn = len(report.charts)
    assert rendered["html"].decode().count("<svg") == drawn
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(rendered["pdf"])).pages) == drawn
    assert len(Document(io.BytesIO(rendered["docx"])).inline_shapes) == drawn


@pytest.mark.neo4j
def test_the_referral_trend_is_a_line_with_the_previous_period_shaded(documents):
    report, _ = documents["profile"]
    referrals = report.sections[0].figures[0]
    assert referrals.drawn.kind == "line" and referrals.drawn.previous and "per month" in referrals.drawn.alt
    assert len(referrals.rows) <= 4  # the categories against the previous period, not a row per month


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["profile", "mase"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_raw_code_from_the_vocabulary_in_the_text(documents, name, fmt):
    _report, rendered = documents[name]
    text = text_of(fmt, rendered[fmt])
    assert raw_code_hits(text) == []
    assert "up from none" not in text and not re.search(r"\b0 (boroughs|places|other)\b", text)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["profile", "mase"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_dates_a_reader_sees_are_dd_mm_yyyy(documents, name, fmt):
    """One date format in what a board reads; only a figure's query citation keeps the
    parameters exactly as the query was run with them, so it can be run again."""
    _report, rendered = documents[name]
    read = re.sub(r"query\s+[a-z_,\s]+\([^)]*\)", "", text_of(fmt, rendered[fmt]))  # lines may break inside it
    assert re.findall(r".{0,40}\b\d{4}-\d{2}-\d{2}\b", read) == []


@pytest.mark.neo4j
def test_an_empty_borough_draws_nothing_and_says_so(generated):
    """A shape the generator never makes: a borough and period with no records at all."""
    driver, db, records = generated
    empty = next(b for b in LONDON_BOROUGHS if b not in {r.borough for rs in records.values() for r in rs})
    report, _ = produce.profile(driver, db, empty, date(2001, 1, 1), date(2001, 12, 31), user="t", purpose="PP-21")
    assert report.charts == [] and report.summary == []
    sentences = " ".join(s for sec in report.sections for s in sec.sentences)
    assert "no data loaded for the previous period" in sentences and "up from" not in sentences
    assert not re.search(r"\b0 (other )?boroughs?\b", sentences) and "No places are named" in sentences
    for fmt in FORMATS:
        text = text_of(fmt, produce.render(report, fmt))
        assert raw_code_hits(text) == [] and "Nothing in this document changed" in text, fmt


@pytest.mark.neo4j
def test_the_summary_comes_first_with_five_changes_each_compared_and_linked(documents):
    report, rendered = documents["profile"]
    assert 1 <= len(report.summary) <= 5
    titles = {s.title for s in report.sections}
    for item in report.summary:
        assert item.section in titles
        assert re.search(
            r"(up|down) \d+% on the previous period|the same as|up from \d+ in the previous period|no data loaded",
            item.comparison,
        )
    page_one = PdfReader(io.BytesIO(rendered["pdf"])).pages[0].extract_text()
    assert "Summary: what changed most" in page_one and "Contents" in page_one
    assert all(f"{item.what}: {item.now}" in page_one for item in report.summary)
    markup = rendered["html"].decode()
    assert markup.index("Summary: what changed most") < markup.index(f'id="{report.sections[0].anchor}"')
    assert all(f'href="#{item.anchor}"' in markup for item in report.summary)


def _lines_by_page(content: bytes) -> list[list[tuple[float, str]]]:
    """Each page's lines of text with their height on the page (y from the bottom), top first."""
    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        found: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                found.append((round(tm[5] * cm[3] + cm[5], 1) if cm[3] else round(tm[5], 1), text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(sorted(found, key=lambda t: -t[0]))
    return pages


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["profile", "mase"])
def test_no_heading_is_the_last_text_on_a_pdf_page(documents, name):
    report, rendered = documents[name]
    headings = {s.title for s in report.sections} | {f.title for s in report.sections for f in s.figures}
    pages = _lines_by_page(rendered["pdf"])
    assert len(pages) >= 2
    for number, lines in enumerate(pages, start=1):
        body = [text for y, text in lines if 40 < y < 800]  # the marking above, the page number below
        assert lines[0][1].startswith("OFFICIAL-SENSITIVE") and f"page {number} of {len(pages)}" in lines[-1][1]
        assert body and body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"


@pytest.mark.neo4j
def test_a_table_that_fits_on_a_page_is_never_split(documents):
    checked = 0
    for report, rendered in documents.values():
        pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(rendered["pdf"])).pages]
        small = [f for s in report.sections for f in s.figures if f.body == "table" and len(f.rows) <= 12]
        checked += len(small)
        for figure in small:
            _on_one_page(figure, pages)
    assert checked


def _on_one_page(figure, pages: list[str]) -> None:
    """The table's heading row, first row and last row on one page, in that order."""
    header = " ".join(figure.headers)  # as printed: the explorer's labels, dd/mm/yyyy, blank for unknown
    first, last = (" ".join(str(v) for v in row if v != "").split()[0] for row in (figure.cells[0], figure.cells[-1]))
    assert any(header in page and first in page and page.index(header) < page.rindex(last) for page in pages), (
        figure.title
    )


@pytest.mark.neo4j
def test_the_docx_opens_with_real_headings_tables_and_images_and_the_pdfs_figures(documents):
    for name in ("profile", "mase"):
        report, rendered = documents[name]
        document = Document(io.BytesIO(rendered["docx"]))
        styles = {p.text: p.style.name for p in document.paragraphs}
        assert styles[report.title] == "Title"
        for section in report.sections:
            assert styles[section.title] == "Heading 1", section.title
            for figure in section.figures:
                assert styles[figure.title] == "Heading 2", figure.title
        gridded = [f for s in report.sections for f in s.figures if f.body == "table"]
        assert len(document.tables) == len(gridded)
        assert (
            "PAGE" in document.sections[0].footer._element.xml
            and report.marking in document.sections[0].header.paragraphs[0].text
        )
        # The same figures as the PDF: every title, sentence, summary figure and chart's words in both.
        pdf = " ".join(pdf_text(rendered["pdf"]).split())
        words = " ".join(docx_paragraph_text(rendered["docx"]).split())
        said = [s for sec in report.sections for s in sec.sentences] + [f"{h.what}: {h.now}" for h in report.summary]
        said += [f.title for sec in report.sections for f in sec.figures] + [c.alt for c in report.charts]
        for text in said:
            assert " ".join(text.split()) in pdf and " ".join(text.split()) in words, text
        cells = [c.text for t in document.tables for row in t.rows[1:2] for c in row.cells[:1]]
        assert all(c in pdf for c in cells)  # each table's first row


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["profile", "mase"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_pseudonymised_outputs_hold_no_name_date_of_birth_postcode_or_record_id(generated, documents, name, fmt):
    _, _, records = generated
    report, rendered = documents[name]
    assert not report.identified
    text = {"html": lambda c: html.unescape(c.decode()), "pdf": pdf_text, "docx": docx_text}[fmt](rendered[fmt])
    assert leaks(text, personal_strings(records, record_ids=True)) == []


@pytest.mark.neo4j
def test_word_from_the_cli_is_written_owner_only_and_logged_as_a_disclosure(
    generated, explorer_env, tmp_path, monkeypatch
):
    from typer.testing import CliRunner

    from jigsaw_cli import app

    _, _, records = generated
    borough, latest = _busiest(records)
    monkeypatch.setenv("JIGSAW_USER", "analyst-21")
    out = tmp_path / "profile.docx"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "profile",
            "--borough",
            borough,
            "--from",
            str(latest - timedelta(days=364)),
            "--to",
            str(latest),
            "--format",
            "docx",
            "--out",
            str(out),
            "--purpose",
            "BOARD-21",
        ],
    )
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(out) and (out.stat().st_mode & 0o077) == 0
    Document(str(out))  # opens
    (event,) = [e for e in audit.events(explorer_env) if e["kind"] == "disclosure"]
    assert event["user"] == "analyst-21" and event["details"]["format"] == "docx" and not event["details"]["identified"]
    import hashlib

    assert event["details"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    bad = CliRunner().invoke(
        app,
        [
            "report",
            "profile",
            "--borough",
            borough,
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--format",
            "rtf",
            "--purpose",
            "X",
        ],
    )
    assert bad.exit_code == 2 and "docx" in bad.output


@pytest.mark.neo4j
@pytest.mark.browser
def test_the_html_prints_with_the_marking_and_page_numbers_and_no_heading_last(documents):
    """Chromium prints the HTML (print styles, @page margin boxes); its first two pages are saved
    as PNG beside the PDF's, and the printed pages are checked like the PDF's."""
    printed = _print_with_chromium({name: rendered["html"].decode() for name, (_, rendered) in documents.items()})
    for name, content in printed.items():
        _screenshots(f"{name}-html", content)
        report = documents[name][0]
        headings = {s.title for s in report.sections} | {f.title for s in report.sections for f in s.figures}
        pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]
        for number, text in enumerate(pages, start=1):
            assert report.marking in text and f"page {number} of {len(pages)}" in text, (name, number)
            assert not any(text.endswith(f"{h} {report.marking} · page {number} of {len(pages)}") for h in headings)


def _print_with_chromium(markup: dict[str, str]) -> dict[str, bytes]:
    """Each HTML page printed to PDF (A4) by Debian's Chromium through Playwright."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        message = "Debian's chromium is not installed (scripts/test.sh installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    printed = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for name, text in markup.items():
            page.set_content(text)
            printed[name] = page.pdf(format="A4", prefer_css_page_size=True)
        browser.close()
    return printed


# mammoth knows Word's built-in heading styles but not Title: mapped here, so any other
# "Unrecognised ... style" warning means render_docx wrote something a converter cannot read.
MAMMOTH_STYLE_MAP = "p[style-name='Title'] => h1.title:fresh"
KNOWN_MAMMOTH_MESSAGES: set[str] = set()
DOCX_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 18mm; }}
body {{ font-family: sans-serif; font-size: 10pt; }}
img {{ max-width: 100%; }}
table {{ border-collapse: collapse; font-size: 8pt; }} td, th {{ border: 1px solid #999; padding: 2px 4px; }}
</style></head><body>{}</body></html>"""


def _docx_headings(content: bytes) -> list[str]:
    """The Word document's title and headings, in order, as python-docx reads them."""
    return [
        p.text
        for p in Document(io.BytesIO(content)).paragraphs
        if p.style.name == "Title" or p.style.name.startswith("Heading")
    ]


@pytest.mark.neo4j
@pytest.mark.browser
def test_the_docx_converted_to_html_keeps_its_headings_and_prints(documents):
    """The .docx converted to HTML by mammoth (its content, not Word's own pagination: there is no
    LibreOffice here), printed by Chromium; its first two pages are saved as PNG for a person to
    look at. The conversion keeps every heading, in order, and warns about nothing unknown."""
    import mammoth

    markup = {}
    for name, (_, rendered) in documents.items():
        converted = mammoth.convert_to_html(io.BytesIO(rendered["docx"]), style_map=MAMMOTH_STYLE_MAP)
        unknown = [m.message for m in converted.messages if m.message not in KNOWN_MAMMOTH_MESSAGES]
        assert unknown == [], (name, unknown)
        found = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
            for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", converted.value, flags=re.S)
        ]
        assert found == [" ".join(h.split()) for h in _docx_headings(rendered["docx"])], name
        assert converted.value.count("<table") == len(Document(io.BytesIO(rendered["docx"])).tables), name
        markup[name] = DOCX_PAGE.format(converted.value)
    for name, content in _print_with_chromium(markup).items():
        _screenshots(f"{name}-docx", content)
        assert len(PdfReader(io.BytesIO(content)).pages) >= 2, name
        assert (ARTIFACTS / f"report-{name}-docx-page-2.png").stat().st_size > 0


def test_hostile_text_renders_in_every_format_without_a_crash_or_markup():
    """Shapes the generator never makes: control characters, lone surrogates, markup and
    formula-like text in what agencies typed; a chart of zeros; a one-bar chart."""
    from datetime import datetime

    from reports.model import Chart, Figure, Highlight, Report, Section

    hostile = "Park\x00\x0b\x1f\ud800 <script>alert(1)</script> =HYPERLINK(\"x\") & 'quoted'"
    report = Report(
        "Problem profile",
        f"Problem profile: {hostile}",
        "Hackney",
        (date(2024, 1, 1), date(2024, 12, 31)),
        "t",
        datetime.now(UTC),
        "PP-21",
        False,
    )
    section = Section(f"Section {hostile}", [f"A sentence about {hostile}."])
    section.figures = [
        Figure("Zeros", "q", {}, ["kind", "n"], [["a", 0], ["b", 0]], Chart("bars", ["a", "b"], [0, 0], alt="zeros")),
        Figure("One bar", "q", {}, ["kind", "n"], [["a", 3]], Chart("share", ["a", "b"], [3, 0], alt="one")),
        Figure(
            f"Table {hostile}",
            "q",
            {"p": hostile},
            ["place", "n"],
            [[hostile, i] for i in range(5)],
            Chart("bars", [hostile, "b"], [2, 1], alt=f"two bars {hostile}"),
        ),
    ]
    report.sections.append(section)
    report.summary = [Highlight(hostile, 3, "up from 1 in the previous period", section.title, 2.0)]
    assert len(report.charts) == 1  # neither the zeros nor the single bar is drawn
    for fmt in FORMATS:
        content = produce.render(report, fmt)
        if fmt == "docx":
            document = Document(io.BytesIO(content))
            assert len(document.inline_shapes) == 1 and "\ufffd" in document.paragraphs[0].text
        if fmt == "html":
            assert "<script>" not in content.decode()


@pytest.mark.neo4j
def test_an_identified_word_pack_names_the_children_when_asked(generated, tmp_path):
    """Pseudonymised unless asked otherwise: asked, the Word pack carries the names."""
    driver, db, records = generated
    borough, latest = _busiest(records)
    pack, _ = produce.mase_pack(
        driver,
        db,
        borough,
        "MASE-22",
        latest,
        latest - timedelta(days=365),
        user="chair",
        purpose="MASE-22",
        identified=True,
        home=tmp_path,
    )
    assert pack.identified and pack.marking == "OFFICIAL-SENSITIVE. Identified."
    text = docx_text(produce.render(pack, "docx"))
    assert leaks(text, personal_strings(records, record_ids=True)) and "Identified" in text
