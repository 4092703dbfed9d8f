"""`jigsaw report profile|mase`: problem profiles and MASE packs as HTML, PDF or Word (.docx), logged as disclosures."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import typer
from pydantic import TypeAdapter, ValidationError

from casework.store import previous_meeting, record_meeting
from graph_loader.models.fields import Borough
from jigsaw.connection import driver_for
from reports import produce

from .common import console, friendly_errors, settings

app = typer.Typer(help="Problem profiles and MASE packs, pseudonymised unless asked otherwise.", no_args_is_help=True)

FORMAT = typer.Option("html", "--format", help="html, pdf or docx (Word, for the analyst to finish).")
OUT = typer.Option(None, "--out", help="File to write (default: JIGSAW_HOME/reports/...).")
IDENTIFIED = typer.Option(
    False, "--identified", help="Show names and dates of birth (only under an agreement that allows it)."
)
PURPOSE = typer.Option(
    ..., "--purpose", envvar="JIGSAW_PURPOSE", help="Case or meeting reference, recorded in the audit trail."
)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{what} must be a date like 2025-04-01, not {text!r}") from None


def _borough(name: str) -> str:
    """The borough as the graph spells it, or a clear error with the nearest name."""
    try:
        return TypeAdapter(Borough).validate_python(name)
    except ValidationError as err:
        raise typer.BadParameter(err.errors()[0]["msg"]) from None


def _write(report, ask, fmt: str, out: Path | None, stem: str) -> None:
    if fmt not in produce.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(produce.FORMATS)}")
    cfg = settings()
    content = produce.render(report, fmt)
    if out is None:
        folder = cfg.jigsaw_home / "reports"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        out = folder / f"{stem}{'-identified' if report.identified else ''}.{fmt}"
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # readable only by whoever made it
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    produce.log_disclosure(cfg.jigsaw_home, report, ask, content, fmt, page="cli", saved_to=str(out))
    console.print(
        f"{report.kind} written to {out} ({len(content):,} bytes; "
        f"{'identified' if report.identified else 'pseudonymised'}); "
        "logged as a disclosure."
    )


@app.command()
def profile(
    borough: str = typer.Option(..., help="The borough, e.g. Hackney."),
    date_from: str = typer.Option(..., "--from", help="First day of the period (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last day of the period (YYYY-MM-DD)."),
    fmt: str = FORMAT,
    out: Path | None = OUT,
    identified: bool = IDENTIFIED,
    purpose: str = PURPOSE,
) -> None:
    """A problem profile: referrals and trend, children at risk, suspects, hotspots, cross-borough ties, gangs, HSB, data quality."""  # noqa: E501 - the command's help, one line
    cfg = settings()
    borough, start, end = _borough(borough), _day(date_from, "--from"), _day(date_to, "--to")
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            report, ask = produce.profile(
                driver,
                cfg.neo4j_database,
                borough,
                start,
                end,
                user=cfg.acting_user(),
                purpose=purpose,
                identified=identified,
            )
    except ValueError as err:
        console.print(f"[bold red]Error:[/] {err}")
        raise typer.Exit(2) from None
    _write(report, ask, fmt, out, f"profile-{borough.replace(' ', '_')}-{start}-{end}")


@app.command()
def mase(
    borough: str = typer.Option(..., help="The borough whose MASE meets."),
    meeting: str = typer.Option(..., help="The meeting's reference, e.g. MASE-2025-04."),
    on: str = typer.Option(..., "--date", help="The meeting's date (YYYY-MM-DD)."),
    since: str | None = typer.Option(
        None, help="The last meeting's date (default: the last meeting recorded for the borough)."
    ),
    case: list[str] = typer.Option([], "--case", help="A person id the chair lists for review (repeatable)."),
    fmt: str = FORMAT,
    out: Path | None = OUT,
    identified: bool = IDENTIFIED,
    purpose: str | None = typer.Option(
        None, "--purpose", envvar="JIGSAW_PURPOSE", help="Recorded in the audit trail (default: the meeting reference)."
    ),
) -> None:
    """A MASE pack: what changed since the last meeting, cases for review, actions (overdue first)."""
    cfg = settings()
    borough, day = _borough(borough), _day(on, "--date")
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            if since is None:
                last = previous_meeting(driver, cfg.neo4j_database, borough, day)
                if last is None:
                    console.print(
                        f"[bold red]Error:[/] no earlier meeting is recorded for {borough}; give --since DATE."
                    )
                    raise typer.Exit(2)
                console.print(f"Changes since the last meeting, {last[0]} on {last[1]}.")
            start = _day(since, "--since") if since else last[1]
            report, ask = produce.mase_pack(
                driver,
                cfg.neo4j_database,
                borough,
                meeting,
                day,
                start,
                user=cfg.acting_user(),
                purpose=purpose or meeting,
                identified=identified,
                cases=case,
            )
            record_meeting(driver, cfg.neo4j_database, meeting, borough, day, user=cfg.acting_user())
    except ValueError as err:
        console.print(f"[bold red]Error:[/] {err}")
        raise typer.Exit(2) from None
    _write(report, ask, fmt, out, f"mase-{borough.replace(' ', '_')}-{meeting}")
