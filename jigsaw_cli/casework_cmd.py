"""`jigsaw casework ...`: actions, assessments and plans for children, places and peer groups;
safety mapping; every entry recorded with who, when and why."""

from __future__ import annotations

import typer
from pydantic import ValidationError
from rich.table import Table

from casework import store
from casework.models import ActionStatus, NewAction, NewAssessment, NewSafetyEntry, Subject
from jigsaw import audit, catalogue
from jigsaw.connection import driver_for

from .common import PURPOSE, console, friendly_errors, settings

app = typer.Typer(
    help="Casework: actions, assessments and plans (a place or peer group can be a case), safety mapping.",
    no_args_is_help=True,
)
action_app = typer.Typer(help="Actions agreed at MASE, with owners and due dates.", no_args_is_help=True)
app.add_typer(action_app, name="action")

PERSON = typer.Option(None, "--person", help="A child's person id.")
PLACE = typer.Option(None, "--place", help="A place_key (see `jigsaw query hotspots`).")
CONTEXT = typer.Option(None, "--context", help="A peer-group context id (from `jigsaw casework pin-group`).")


def _subject(person: str | None, place: str | None, context: str | None) -> dict:
    given = [(k, v) for k, v in (("person", person), ("place", place), ("context", context)) if v]
    if len(given) != 1:
        raise typer.BadParameter("name exactly one subject: --person, --place or --context")
    return {"kind": given[0][0], "key": given[0][1]}


def _run(kind: str, action: str, purpose: str | None, write, **details) -> str:
    """Validate-then-write with clean errors, and log the entry."""
    cfg = settings()
    try:
        with friendly_errors(), driver_for(cfg) as driver:
            result = write(driver, cfg.neo4j_database, cfg.acting_user())
    except ValidationError as err:
        first = err.errors()[0]
        console.print(f"[bold red]Not recorded:[/] {'.'.join(str(x) for x in first['loc'])}: {first['msg']}")
        raise typer.Exit(2) from None
    except (store.NotFound, ValueError) as err:
        console.print(f"[bold red]Not recorded:[/] {err}")
        raise typer.Exit(2) from None
    audit.record(
        cfg.jigsaw_home, kind, user=cfg.acting_user(), purpose=purpose, action=action, result=result, **details
    )
    return result


@action_app.command("add")
def action_add(
    kind: str = typer.Option(
        ...,
        help="disruption_visit, return_home_interview, safety_plan_review, licensing_check, "
        "information_sharing, referral, outreach or other.",
    ),
    description: str = typer.Option(..., help="What will be done. Write it without names: packs are pseudonymised."),
    owner: str = typer.Option(..., help="Who will do it (a role or team)."),
    due: str = typer.Option(..., help="Due date (YYYY-MM-DD)."),
    borough: str = typer.Option(..., help="The borough whose MASE agreed it."),
    meeting: str | None = typer.Option(None, help="The meeting it was agreed at."),
    person: str | None = PERSON,
    place: str | None = PLACE,
    context: str | None = CONTEXT,
    purpose: str = PURPOSE,
) -> None:
    """Record an action about a child, a place or a peer-group context."""
    subject = _subject(person, place, context)

    def write(driver, database, user):
        model = NewAction(
            subject=Subject(**subject),
            kind=kind,
            description=description,
            owner=owner,
            due=due,
            borough=borough,
            meeting=meeting,
        )
        return store.add_action(driver, database, model, user=user, purpose=purpose)

    action_id = _run("collection", "casework action add", purpose, write, subject=subject, action_kind=kind)
    console.print(f"Action {action_id} recorded for {subject['kind']} {subject['key']}, due {due}.")


@action_app.command("update")
def action_update(
    action_id: str = typer.Argument(...),
    status: ActionStatus = typer.Option(..., help="open, in_progress, done or cancelled."),
    note: str = typer.Option(..., help="What happened; kept in the action's history."),
    purpose: str = PURPOSE,
) -> None:
    """Change an action's status; the change is added to its history."""
    new = _run(
        "alteration",
        "casework action update",
        purpose,
        lambda driver, database, user: store.update_action(driver, database, action_id, status, user=user, note=note),
        action_id=action_id,
        status=status.value,
    )
    console.print(f"Action {action_id} is now {new}.")


@action_app.command("list")
def action_list(
    borough: str = typer.Option(..., help="The borough."),
    on: str = typer.Option(..., "--date", help="Today or the meeting date: open actions due before it are overdue."),
    purpose: str = PURPOSE,
) -> None:
    """Open actions (overdue first) and recently closed ones."""
    cfg = settings()
    with friendly_errors(), driver_for(cfg) as driver:
        result = catalogue.run(driver, cfg.neo4j_database, "mase_actions", {"borough": borough, "until": on})
    audit.record(
        cfg.jigsaw_home,
        "consultation",
        user=cfg.acting_user(),
        purpose=purpose,
        action="query",
        page="cli",
        query="mase_actions",
        params=result.params,
        rows=len(result.rows),
    )
    table = Table(
        "action", "about", "kind", "owner", "due", "status", title=f"Actions for {borough}", title_justify="left"
    )
    for a in result.rows:
        about = a["subject"] or a["subject_key"]
        table.add_row(
            a["action_id"],
            f"{a['subject_kind']}: {about}",
            a["kind"],
            a["owner"],
            str(a["due"]),
            ("[red]OVERDUE[/] " if a["overdue"] else "") + a["status"],
        )
    console.print(table)


@app.command()
def assess(
    kind: str = typer.Option("assessment", help="assessment or plan."),
    summary: str = typer.Option(..., help="What was assessed or planned."),
    owner: str = typer.Option(..., help="Who owns it."),
    borough: str = typer.Option(..., help="The borough."),
    review_on: str | None = typer.Option(None, help="When to review it (YYYY-MM-DD)."),
    person: str | None = PERSON,
    place: str | None = PLACE,
    context: str | None = CONTEXT,
    purpose: str = PURPOSE,
) -> None:
    """Record an assessment or a plan: a place or a peer group can be a case, just as a child can."""
    subject = _subject(person, place, context)

    def write(driver, database, user):
        model = NewAssessment(
            subject=Subject(**subject), kind=kind, summary=summary, owner=owner, borough=borough, review_on=review_on
        )
        return store.add_assessment(driver, database, model, user=user, purpose=purpose)

    assessment_id = _run("collection", f"casework {kind}", purpose, write, subject=subject)
    console.print(f"{kind.capitalize()} {assessment_id} recorded for {subject['kind']} {subject['key']}.")


@app.command("pin-group")
def pin_group(
    group_id: str = typer.Argument(..., help="A peer group id from `jigsaw analytics peer-groups`."),
    name: str = typer.Option(..., help="A name for the context, without children's names (e.g. 'Estate group, E8')."),
    borough: str = typer.Option(..., help="The borough."),
    purpose: str = PURPOSE,
) -> None:
    """Make a peer group a context that can be assessed and acted on (it keeps today's members)."""
    context_id, members = _run(
        "collection",
        "casework pin-group",
        purpose,
        lambda driver, database, user: store.pin_peer_group(
            driver, database, group_id, name, borough, user=user, purpose=purpose
        ),
        group_id=group_id,
    )
    console.print(f"Context {context_id} holds the {members} young people of {group_id}.")


@app.command()
def safety(
    person: str = typer.Option(..., "--person", help="The child's person id."),
    adult: str | None = typer.Option(None, help="A protective adult already in the graph (person id)."),
    adult_description: str | None = typer.Option(
        None, help="A protective adult not in the graph, in words (e.g. 'Aunt')."
    ),
    safe_place: str | None = typer.Option(None, help="A safe place (place_key)."),
    note: str | None = typer.Option(None, help="Anything the plan should say about it."),
    purpose: str = PURPOSE,
) -> None:
    """Safety mapping: a protective adult or a safe place for a child."""
    if sum(bool(x) for x in (adult, adult_description, safe_place)) != 1:
        raise typer.BadParameter("give one of --adult, --adult-description or --safe-place")
    kind = "safe_place" if safe_place else "protective_adult"

    def write(driver, database, user):
        model = NewSafetyEntry(
            person_id=person, kind=kind, target_key=adult or safe_place, description=adult_description, note=note
        )
        return store.add_safety(driver, database, model, user=user, purpose=purpose)

    entry_id = _run("collection", "casework safety", purpose, write, person=person, safety_kind=kind)
    console.print(f"Safety mapping {entry_id} recorded for {person}.")
