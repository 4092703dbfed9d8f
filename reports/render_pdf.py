"""A report as PDF, for the minutes: the same summary, sections, sentences, charts (as images,
each with its text alternative) and tables as the HTML, drawn with fpdf2 in DejaVu Sans
(shipped with matplotlib), so any name an agency recorded prints as written.

Print layout: the summary of what changed most and the contents on the first page; the
protective marking and the page number on every page; a heading never ends a page (the space
its first piece needs is measured before it is drawn); a chart, or a table that fits on a
page, is never split; a table of one to three rows is a short list."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import matplotlib
from fpdf import FPDF, XPos, YPos
from fpdf.enums import MethodReturnValue
from fpdf.fonts import FontFace

from . import charts
from .model import Chart, Figure, Report, Section

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
MAX_TABLE_ROWS = 400  # a longer table is cut, and the PDF says so; the HTML carries every row
CHART_WIDTH = 170.0  # mm
TABLE_FONT, TABLE_LINE = 7.5, 4.0
LEAD_ROWS = 4  # a table too long for one page starts where at least its heading row and these fit


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
        self.set_lang("en-GB")

    def header(self) -> None:
        self.set_font("DejaVu", "B", 7)
        self.set_text_color(150, 90, 0)
        self.cell(0, 4, self.report.marking, align="R")
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "B", 7)
        self.set_text_color(150, 90, 0)
        self.cell(0, 5, f"{self.report.marking}  ·  page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _para(pdf: FPDF, height: float, text: str, **kw) -> None:
    """A paragraph the full width of the page; the next one starts on the left margin below it."""
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kw)


def _text_height(pdf: FPDF, height: float, text: str, width: float = 0) -> float:
    return pdf.multi_cell(width, height, text, dry_run=True, output=MethodReturnValue.HEIGHT)


def _room(pdf: FPDF, needed: float) -> None:
    """Start a new page unless `needed` mm fit below (what does not fit on any page just starts)."""
    if pdf.y + needed > pdf.page_break_trigger and needed < pdf.page_break_trigger - pdf.t_margin - 8:
        pdf.add_page()


class _Drawer:
    """Draws sections and measures, before drawing, what must stay together."""

    def __init__(self, pdf: _Pdf, report: Report) -> None:
        self.pdf, self.report = pdf, report
        self.pngs: dict[int, bytes] = {}
        self.links = {s.title: pdf.add_link() for s in report.sections}

    def png(self, chart: Chart) -> bytes:
        if id(chart) not in self.pngs:
            self.pngs[id(chart)] = charts.png(chart)
        return self.pngs[id(chart)]

    def chart_height(self, chart: Chart) -> float:
        width, height = struct.unpack(">II", self.png(chart)[16:24])  # the PNG's IHDR
        return CHART_WIDTH * height / width

    # -- heights ---------------------------------------------------------------------------
    def _h(self, size: float, style: str, line: float, text: str) -> float:
        self.pdf.set_font("DejaVu", style, size)
        return _text_height(self.pdf, line, text)

    def heading_height(self, section: Section) -> float:
        return 3 + self._h(13, "B", 7, section.title) + sum(self._h(9.5, "", 5, s) for s in section.sentences)

    def rows_height(self, figure: Figure, rows: list[list]) -> float:
        self.pdf.set_font("DejaVu", "", TABLE_FONT)
        width = self.pdf.epw / max(1, len(figure.columns)) - 2  # the table's equal columns, less padding
        total = 0.0
        for row in [figure.columns, *rows]:
            lines = max(
                len(
                    self.pdf.multi_cell(
                        width, TABLE_LINE, "" if v is None else str(v), dry_run=True, output=MethodReturnValue.LINES
                    )
                )
                for v in row
            )
            total += lines * TABLE_LINE + 0.6
        return total + 2

    def lead_height(self, figure: Figure) -> float:
        """The figure's title and what must come with it on the same page."""
        h = 1.5 + self._h(9.5, "B", 5, figure.title)
        chart = figure.drawn
        if chart:
            return h + self.chart_height(chart) + self._h(7, "I", 3.8, self._alt(chart))
        if figure.body == "text":
            return h + self._h(8.5, "", 4.5, figure.sentence)
        if figure.body == "list":
            return h + sum(self._h(8.5, "", 4.5, "•  " + t) for t in figure.inline)
        return h + self.table_lead(figure)

    def table_lead(self, figure: Figure) -> float:
        """A table that fits on a page comes whole; a longer one needs its first rows."""
        rows = figure.rows[:MAX_TABLE_ROWS]
        whole = self.rows_height(figure, rows) if len(rows) <= 60 else 10_000.0
        return whole if whole < self.pdf.eph - 20 else self.rows_height(figure, rows[:LEAD_ROWS])

    @staticmethod
    def _alt(chart: Chart) -> str:
        return f"In words: {chart.alt}" if chart.alt else ""

    # -- drawing ---------------------------------------------------------------------------
    def section(self, section: Section) -> None:
        pdf = self.pdf
        first = self.lead_height(section.figures[0]) if section.figures else 0
        _room(pdf, self.heading_height(section) + first)
        pdf.ln(3)
        pdf.start_section(section.title)
        pdf.set_link(self.links[section.title], y=pdf.y, page=pdf.page)
        pdf.set_font("DejaVu", "B", 13)
        _para(pdf, 7, section.title)
        pdf.set_font("DejaVu", "", 9.5)
        for sentence in section.sentences:
            _para(pdf, 5, sentence)
        for figure in section.figures:
            self.figure(figure)

    def figure(self, figure: Figure) -> None:
        pdf = self.pdf
        _room(pdf, self.lead_height(figure))
        pdf.ln(1.5)
        pdf.set_font("DejaVu", "B", 9.5)
        _para(pdf, 5, figure.title)
        chart = figure.drawn
        if chart:
            pdf.image(io.BytesIO(self.png(chart)), w=CHART_WIDTH, alt_text=chart.alt)
            pdf.set_font("DejaVu", "I", 7)
            pdf.set_text_color(60, 60, 60)
            _para(pdf, 3.8, self._alt(chart))
            pdf.set_text_color(0, 0, 0)
        if figure.body == "text":
            pdf.set_font("DejaVu", "", 8.5)
            _para(pdf, 4.5, figure.sentence)
        elif figure.body == "list":
            pdf.set_font("DejaVu", "", 8.5)
            for item in figure.inline:
                _para(pdf, 4.5, "•  " + item)
        elif figure.body == "table":
            self.table(figure)
        pdf.set_font("DejaVu", "I", 7)
        pdf.set_text_color(85, 85, 85)
        if figure.note:
            _para(pdf, 3.8, figure.note)
        _para(pdf, 3.8, f"Source: {figure.source}")
        pdf.set_text_color(0, 0, 0)

    def table(self, figure: Figure) -> None:
        pdf = self.pdf
        _room(pdf, self.table_lead(figure))  # never split when it fits on a page
        pdf.set_font("DejaVu", "", TABLE_FONT)
        cells = figure.cells[:MAX_TABLE_ROWS]  # blank for unknown, dd/mm/yyyy, numbers kept as numbers
        numeric = [
            bool(cells) and all(isinstance(r[i], (int, float)) for r in cells) for i in range(len(figure.columns))
        ]
        with pdf.table(
            headings_style=FontFace(emphasis="BOLD", fill_color=(242, 242, 242)),
            line_height=TABLE_LINE,
            text_align=tuple("RIGHT" if n else "LEFT" for n in numeric),
            repeat_headings=1,
        ) as table:
            table.row(figure.headers)
            for row in cells:
                table.row([str(v) for v in row])
        if len(figure.rows) > MAX_TABLE_ROWS:
            _para(pdf, 4, f"... and {len(figure.rows) - MAX_TABLE_ROWS} more rows (in the HTML and Word versions).")

    def summary(self) -> None:
        pdf, report = self.pdf, self.report
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 13)
        _para(pdf, 7, "Summary: what changed most")
        if not report.summary:
            pdf.set_font("DejaVu", "", 9.5)
            _para(pdf, 5, "Nothing in this document changed on the previous period.")
        for item in report.summary:
            pdf.set_font("DejaVu", "B", 10)
            _para(pdf, 5.5, f"{item.what}: {item.now}")
            pdf.set_font("DejaVu", "", 9.5)
            _para(pdf, 5, item.said)
            pdf.set_font("DejaVu", "", 8.5)
            pdf.set_text_color(0, 90, 160)
            pdf.cell(
                0,
                4.5,
                f"See {item.section}",
                link=self.links.get(item.section, ""),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1.5)


def _contents(pdf: FPDF, outline) -> None:
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 13)
    _para(pdf, 7, "Contents")
    pdf.set_font("DejaVu", "", 9.5)
    for entry in outline:
        link = pdf.add_link(page=entry.page_number)
        pdf.cell(pdf.epw - 20, 5.5, entry.name, link=link)
        pdf.cell(20, 5.5, str(entry.page_number), align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


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
    _para(
        pdf,
        5,
        f"{report.kind} for {report.borough}. Produced by {report.produced_by} on "
        f"{report.produced_at:%d/%m/%Y at %H:%M UTC} for {report.purpose}. Every figure names the Jigsaw "
        "query that produced it. All figures are about children at risk of harm: a child is never responsible "
        "for their own exploitation.",
    )
    drawer = _Drawer(pdf, report)
    drawer.summary()
    # The contents go below the summary on the first page; the sections start on the next.
    pdf.insert_toc_placeholder(_contents, pages=1)
    for section in report.sections:
        drawer.section(section)
    return bytes(pdf.output())
