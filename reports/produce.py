"""Produce a report for a reader: catalogue queries run under the reader's scope, names only for
roles allowed to see them, and the finished document logged as a disclosure (who, when,
purpose, queries, the person ids it shows, and the file's SHA-256)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from jigsaw import audit, catalogue
from jigsaw.access import FULL_SCOPE, Scope
from jigsaw.config import get_settings
from jigsaw.geo.postcodes import PostcodeLookup, lookup_path
from jigsaw.pseudonyms import deployment_secret, meeting_key
from jigsaw.retention import Policy, due

from . import render_docx, render_html, render_pdf
from .mase_pack import build_mase_pack
from .model import Report
from .printable import cleaned
from .profile import build_profile

FORMATS = ("html", "pdf", "docx")
MIME = {
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class Asker:
    """Runs catalogue queries for one reader and remembers which ran, for the audit trail."""

    def __init__(self, driver: Driver, database: str, scope: Scope) -> None:
        self.driver, self.database, self.scope = driver, database, scope
        self.used: list[dict[str, Any]] = []

    def __call__(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        result = catalogue.run(self.driver, self.database, name, params, scope=self.scope)
        self.used.append({"query": name, "params": result.params, "rows": len(result.rows)})
        return result.rows

    def names(self, person_ids: list[str]) -> dict[str, str]:
        if not person_ids:
            return {}
        return {r["person_id"]: r["name"] for r in self("person_cards", {"person_ids": person_ids}) if r.get("name")}


def _quality_extras(ask: Asker, borough: str, today: date) -> dict[str, int]:
    extras = {}
    if ask.scope.unrestricted:  # load reports cover every source and borough
        rows = ask("overview_data_quality", {})
        extras["rows rejected at load (latest load of each file set, every borough)"] = next(
            (r["value"] for r in rows if r["measure"].startswith("rows rejected")), 0
        )
    past = [
        d
        for d in due(ask.driver, ask.database, Policy.load(), today)
        if d.borough == borough and d.source in ask.scope.sources
    ]
    extras["records past their review date (retention policy)"] = len(past)
    return extras


def profile(
    driver: Driver,
    database: str,
    borough: str,
    date_from: date,
    date_to: date,
    *,
    user: str,
    purpose: str,
    identified: bool = False,
    scope: Scope = FULL_SCOPE,
    home: Path | None = None,
) -> tuple[Report, Asker]:
    ask = Asker(driver, database, scope)
    lookup = PostcodeLookup(lookup_path(home or get_settings().jigsaw_home))  # the deployment's, if imported
    try:
        report = build_profile(
            ask,
            borough,
            date_from,
            date_to,
            identified=identified,
            produced_by=user,
            purpose=purpose,
            extra_quality=_quality_extras(ask, borough, date.today()),
            lookup=lookup,
        )
    finally:
        lookup.close()
    return report, ask


def mase_pack(
    driver: Driver,
    database: str,
    borough: str,
    meeting: str,
    on: date,
    since: date,
    *,
    user: str,
    purpose: str,
    identified: bool = False,
    scope: Scope = FULL_SCOPE,
    cases: list[str] = (),
    home: Path | None = None,
) -> tuple[Report, Asker]:
    """`home` holds the deployment secret the meeting's pseudonyms are keyed by (default: JIGSAW_HOME)."""
    ask = Asker(driver, database, scope)
    key = meeting_key(deployment_secret(home or get_settings().jigsaw_home), meeting)
    report = build_mase_pack(
        ask,
        borough,
        meeting,
        on,
        since,
        key=key,
        identified=identified,
        produced_by=user,
        purpose=purpose,
        cases=list(cases),
        names=ask.names,
    )
    return report, ask


def render(report: Report, fmt: str) -> bytes:
    report = cleaned(report)  # text an agency typed may hold characters no format can (reports/printable.py)
    if fmt == "html":
        return render_html.render(report).encode("utf-8")
    if fmt == "pdf":
        return render_pdf.render(report)
    if fmt == "docx":
        return render_docx.render(report)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def log_disclosure(
    home: Path, report: Report, ask: Asker, content: bytes, fmt: str, *, page: str, saved_to: str | None = None
) -> None:
    audit.record(
        home,
        "disclosure",
        user=report.produced_by,
        purpose=report.purpose,
        action=f"report {report.kind}",
        page=page,
        borough=report.borough,
        period=[str(d) for d in report.period],
        identified=report.identified,
        format=fmt,
        sha256=hashlib.sha256(content).hexdigest(),
        saved_to=saved_to,
        queries=ask.used,
        people=report.people[:500],
        people_count=len(report.people),
    )
