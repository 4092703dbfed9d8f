"""A report as a Word document (.docx), for the analyst to finish in Word: real headings
(Title, Heading 1 for sections, Heading 2 for figures), real tables, charts as images with
their text alternative, the summary and the contents linked to the sections, and the
protective marking and page number in every page's header and footer. Drawn with
python-docx; the same figures as the PDF and HTML, pseudonymised unless the report is not."""

from __future__ import annotations

import io
from copy import deepcopy

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import charts
from .model import Figure, Report, Section
from .printable import printable

CHART_WIDTH = Mm(160)

AMBER = RGBColor(0x96, 0x5A, 0x00)
GREY = RGBColor(0x55, 0x55, 0x55)


def _x(value: object) -> str:
    """python-docx refuses characters XML cannot hold (reports/printable.py)."""
    return printable(value)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = _x(text)
        run._r.append(element)


def _bookmark(paragraph, name: str, number: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _link(paragraph, text: str, anchor: str) -> None:
    """A link inside the document, to a heading's bookmark."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "005AA0")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(colour)
    props.append(underline)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = _x(text)
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _bookmark_name(section: Section) -> str:
    return section.anchor.replace("-", "_")[:40]  # Word's bookmark names: letters, digits, underscores


def _small(paragraph, italic: bool = True) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.italic = italic
        run.font.color.rgb = GREY


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _no_split(row) -> None:
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))


def _table(doc, figure: Figure) -> None:
    table = doc.add_table(rows=1, cols=len(figure.columns))
    table.style = "Table Grid"  # its text is 8 pt (set once in render)
    for cell, name in zip(table.rows[0].cells, figure.headers):
        cell.text = _x(name)
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    _repeat_header(table.rows[0])
    _no_split(table.rows[0])
    if not figure.rows:
        return
    # One row made through python-docx, then copied for each row: adding thousands of rows one
    # by one through its API is quadratic-ish (each add works out the grid's widths again).
    template = table.add_row()
    _no_split(template)
    if len(figure.rows) <= 25:  # a table that fits on a page is kept on one: each row kept with the next
        for cell in table.rows[0].cells + template.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    model = template._tr
    table._tbl.remove(model)
    for values in figure.cells:  # blank for unknown, dd/mm/yyyy, as in the other formats
        row = deepcopy(model)
        for tc, value in zip(row.tc_lst, values):
            tc.p_lst[0].add_r().text = _x(value)
        table._tbl.append(row)


def _figure(doc, figure: Figure) -> None:
    title = doc.add_heading(_x(figure.title), level=2)
    title.paragraph_format.keep_with_next = True
    chart = figure.drawn
    if chart:
        doc.add_picture(io.BytesIO(charts.png(chart)), width=CHART_WIDTH)
        picture = doc.paragraphs[-1]
        picture.paragraph_format.keep_with_next = True
        shape = doc.inline_shapes[-1]
        shape._inline.docPr.set("descr", _x(chart.alt))  # the text alternative Word reads out
        shape._inline.docPr.set("title", _x(figure.title))
        _small(doc.add_paragraph(_x(f"In words: {chart.alt}")))
    if figure.body == "text":
        doc.add_paragraph(_x(figure.sentence))
    elif figure.body == "list":
        for item in figure.inline:
            doc.add_paragraph(_x(item), style="List Bullet")
    elif figure.body == "table":
        _table(doc, figure)
    if figure.note:
        _small(doc.add_paragraph(_x(figure.note)))
    _small(doc.add_paragraph(_x(f"Source: {figure.source}")))


def render(report: Report) -> bytes:
    doc = Document()
    doc.styles["Table Grid"].font.size = Pt(8)
    doc.core_properties.title = _x(report.title)
    doc.core_properties.author = "Jigsaw"
    doc.core_properties.comments = report.marking
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    marking = page.header.paragraphs[0]
    marking.text = report.marking
    marking.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = page.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{report.marking}  ·  page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    for paragraph in (marking, footer):
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(8), True, AMBER

    doc.add_heading(_x(report.title), level=0)
    handling = doc.add_paragraph(_x(report.handling))
    for run in handling.runs:
        run.font.bold = True
    doc.add_paragraph(
        _x(
            f"{report.kind} for {report.borough}. Produced by {report.produced_by} on "
            f"{report.produced_at:%d/%m/%Y at %H:%M UTC} for {report.purpose}. Every figure names the Jigsaw "
            "query that produced it. All figures are about children at risk of harm: a child is never "
            "responsible for their own exploitation."
        )
    )

    doc.add_heading("Summary: what changed most", level=1)
    if not report.summary:
        doc.add_paragraph("Nothing in this document changed on the previous period.")
    for item in report.summary:
        line = doc.add_paragraph(style="List Bullet")
        line.add_run(_x(f"{item.what}: {item.now}")).bold = True
        line.add_run(_x(f". {item.said} See "))
        _link(line, item.section, _bookmark_name(Section(item.section)))
    doc.add_heading("Contents", level=1)
    for section in report.sections:
        _link(doc.add_paragraph(style="List Number"), section.title, _bookmark_name(section))

    for number, section in enumerate(report.sections, start=1):
        heading = doc.add_heading(_x(section.title), level=1)
        heading.paragraph_format.page_break_before = number == 1  # the summary and contents are the first page
        heading.paragraph_format.keep_with_next = True
        _bookmark(heading, _bookmark_name(section), number)
        for sentence in section.sentences:
            doc.add_paragraph(_x(sentence)).paragraph_format.keep_with_next = True
        for figure in section.figures:
            _figure(doc, figure)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
