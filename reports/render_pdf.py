"""A report as PDF, for the minutes: the same sections, sentences, charts (as images) and
tables as the HTML, drawn with fpdf2 in DejaVu Sans (shipped with matplotlib), so any name an
agency recorded prints as written."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF, XPos, YPos
from fpdf.fonts import FontFace

from explorer.text import plural

from . import charts
from .model import Report

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
MAX_TABLE_ROWS = 400  # a longer table is cut, and the PDF says so; the HTML carries every row


class _Pdf(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(format="A4")
        self.report = report
        self.add_font("DejaVu", "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.add_font("DejaVu", "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
        self.set_auto_page_break(True, margin=16)
        self.set_creator("Jigsaw")
        self.set_title(report.title)

    def header(self) -> None:
        self.set_font("DejaVu", "B", 7)
        self.set_text_color(150, 90, 0)
        self.cell(0, 4, "OFFICIAL-SENSITIVE. " + ("Identified." if self.report.identified else "Pseudonymised."), align="R")
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 7)
        self.cell(0, 5, f"{self.report.title}  ·  page {self.page_no()}/{{nb}}", align="C")


def _para(pdf: FPDF, height: float, text: str, **kw) -> None:
    """A paragraph the full width of the page; the next one starts on the left margin below it."""
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kw)


def render(report: Report) -> bytes:
    pdf = _Pdf(report)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    _para(pdf, 8, report.title)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_fill_color(255, 244, 229)
    _para(pdf, 5, report.handling, fill=True)
    pdf.ln(1)
    _para(pdf, 5, f"{report.kind} for {report.borough}. Produced by {report.produced_by} on "
                         f"{report.produced_at:%d/%m/%Y at %H:%M UTC} for {report.purpose}. Every figure names the Jigsaw "
                         "query that produced it.")  # fmt: skip
    for section in report.sections:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 13)
        _para(pdf, 7, section.title)
        pdf.set_font("DejaVu", "", 9.5)
        for sentence in section.sentences:
            _para(pdf, 5, sentence)
        for figure in section.figures:
            pdf.ln(1.5)
            pdf.set_font("DejaVu", "B", 9.5)
            _para(pdf, 5, figure.title)
            if figure.chart:
                pdf.image(io.BytesIO(charts.png(figure.chart)), w=170)
            if figure.rows:
                pdf.set_font("DejaVu", "", 7.5)
                cells = figure.cells[:MAX_TABLE_ROWS]
                numeric = [bool(cells) and all(isinstance(r[i], (int, float)) for r in cells) for i in range(len(figure.columns))]
                with pdf.table(headings_style=FontFace(emphasis="BOLD", fill_color=(242, 242, 242)), line_height=4,
                               text_align=tuple("RIGHT" if n else "LEFT" for n in numeric)) as table:  # fmt: skip
                    table.row(figure.headers)
                    for row in cells:
                        table.row([str(v) for v in row])
                if len(figure.rows) > MAX_TABLE_ROWS:
                    _para(pdf, 4, f"... and {plural(len(figure.rows) - MAX_TABLE_ROWS, 'more row')} (in the HTML version).")
            else:
                pdf.set_font("DejaVu", "", 8.5)
                _para(pdf, 4.5, "None in this period.")
            pdf.set_font("DejaVu", "I", 7)
            pdf.set_text_color(85, 85, 85)
            if figure.note:
                _para(pdf, 3.8, figure.note)
            _para(pdf, 3.8, f"Source: {figure.source}")
            pdf.set_text_color(0, 0, 0)
    return bytes(pdf.output())
