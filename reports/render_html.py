"""A report as one self-contained HTML file: no script, no outside request (a strict
Content-Security-Policy says so to the browser), every value escaped by the template. The
summary of what changed most and the contents come first, linked to the sections; each chart
carries its text alternative; printing keeps headings with what follows and the marking on
every page."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import charts
from .model import Report
from .printable import printable


def _finalize(value: object) -> object:
    """Every value printed: our own SVG as it is, anything else printable (reports/printable.py), then escaped."""
    return value if isinstance(value, Markup) else printable(value)


_ENV = Environment(
    loader=PackageLoader("reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_finalize,
)


def render(report: Report) -> str:
    # The SVG is our own drawing with every piece of text turned into paths, so it holds no data string.
    drawn = {
        f"{s}-{f}": Markup(charts.svg(figure.drawn))  # noqa: S704 - our own drawing, no data string (above)
        for s, section in enumerate(report.sections)
        for f, figure in enumerate(section.figures)
        if figure.drawn
    }
    return _ENV.get_template("report.html.j2").render(report=report, charts=drawn)
