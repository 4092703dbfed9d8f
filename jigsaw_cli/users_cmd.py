"""`jigsaw users add|list|disable|enable|reset|scope`: local accounts for the explorer (administrators)."""

from __future__ import annotations

import typer

from jigsaw import accounts, audit
from jigsaw.access import ALL_SOURCES, DEFAULT_SOURCES, ROLE_LABELS, UserRole

from .common import console, settings

app = typer.Typer(help="Explorer accounts: roles, sources and boroughs each user may read.", no_args_is_help=True)


def _log(action: str, **details) -> None:
    cfg = settings()
    audit.record(cfg.jigsaw_home, "alteration", user=cfg.acting_user(), purpose=None, action=action, **details)


@app.command()
def add(
    username: str = typer.Argument(..., help="Lower-case letters, digits, . _ -"),
    role: UserRole = typer.Option(..., help="admin, cse_analyst, gangs_liaison, mase_viewer or auditor."),
    source: list[str] = typer.Option([], help="A source this user may read (repeat); default: the role's."),
    borough: list[str] = typer.Option([], help="A borough this user may read (repeat); default: every borough."),
    email: str | None = typer.Option(None, help="Email for sign-in through the organisation's identity provider."),
) -> None:
    """Create an account and print its one-time password (changed at first sign-in)."""
    unknown = set(source) - set(ALL_SOURCES)
    if unknown:
        raise typer.BadParameter(f"unknown source(s) {', '.join(sorted(unknown))}; use {', '.join(ALL_SOURCES)}")
    try:
        password = accounts.add(
            settings().jigsaw_home, username, role, sources=source or None, boroughs=borough or None, email=email
        )
    except ValueError as err:
        console.print(f"[bold red]Error:[/] {err}")
        raise typer.Exit(2) from None
    _log(
        "account added",
        account=username,
        role=role.value,
        sources=source or list(DEFAULT_SOURCES[role]),
        boroughs=borough or None,
    )
    console.print(f"Account {username} ({ROLE_LABELS[role]}) created.")
    typer.echo(f"One-time password: {password}")


@app.command("list")
def list_() -> None:
    """Accounts with their role, scope and state (never passwords)."""
    for a in accounts.listing(settings().jigsaw_home):
        state = "disabled" if a.disabled else ("locked" if a.locked_until else "active")
        boroughs = ", ".join(a.boroughs) if a.boroughs else "every borough"
        typer.echo(f"{a.username}\t{a.role.value}\t{state}\tsources: {', '.join(a.sources) or 'none'}\t{boroughs}")


def _change(username: str, disabled: bool) -> None:
    try:
        accounts.set_disabled(settings().jigsaw_home, username, disabled)
    except KeyError as err:
        console.print(f"[bold red]Error:[/] {err.args[0]}")
        raise typer.Exit(2) from None
    _log("account disabled" if disabled else "account enabled", account=username)
    console.print(f"{username} {'disabled' if disabled else 'enabled'}.")


@app.command()
def disable(username: str) -> None:
    """Stop an account signing in (its history stays in the audit trail)."""
    _change(username, True)


@app.command()
def enable(username: str) -> None:
    """Let a disabled account sign in again."""
    _change(username, False)


@app.command()
def reset(username: str) -> None:
    """Issue a new one-time password and clear any lockout."""
    try:
        password = accounts.reset(settings().jigsaw_home, username)
    except KeyError as err:
        console.print(f"[bold red]Error:[/] {err.args[0]}")
        raise typer.Exit(2) from None
    _log("password reset", account=username)
    typer.echo(f"One-time password: {password}")


@app.command()
def scope(
    username: str,
    role: UserRole | None = typer.Option(None, help="A new role."),
    source: list[str] = typer.Option(
        [], help="The sources this user may read from now on (repeat); default: unchanged."
    ),
    borough: list[str] = typer.Option(
        [], help="The boroughs this user may read from now on (repeat); default: unchanged."
    ),
    every_borough: bool = typer.Option(False, "--every-borough", help="Lift the borough restriction."),
) -> None:
    """Change an account's role, sources or boroughs; an open explorer session follows at its next click."""
    unknown = set(source) - set(ALL_SOURCES)
    if unknown:
        raise typer.BadParameter(f"unknown source(s) {', '.join(sorted(unknown))}; use {', '.join(ALL_SOURCES)}")
    if every_borough and borough:
        raise typer.BadParameter("give --borough or --every-borough, not both")
    try:
        changed = accounts.set_scope(
            settings().jigsaw_home,
            username,
            role=role,
            sources=source or None,
            boroughs=borough or None,
            every_borough=every_borough,
        )
    except KeyError as err:
        console.print(f"[bold red]Error:[/] {err.args[0]}")
        raise typer.Exit(2) from None
    _log(
        "account scope changed",
        account=username,
        role=changed.role.value,
        sources=changed.sources,
        boroughs=changed.boroughs,
    )
    console.print(
        f"{username}: {ROLE_LABELS[changed.role]}; sources {', '.join(changed.sources) or 'none'}; "
        f"{', '.join(changed.boroughs) if changed.boroughs else 'every borough'}.",
        markup=False,
    )
