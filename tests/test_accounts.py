"""Local accounts: Argon2id hashes, one-time passwords, lockout, disabling; and the sign-in page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from jigsaw import accounts, audit
from jigsaw.access import ALL_SOURCES, UserRole
from tests.paths import REPO_ROOT


def test_passwords_are_stored_only_as_argon2id_hashes(tmp_path):
    password = accounts.add(tmp_path, "amira.k", UserRole.cse_analyst)
    stored = accounts.store_path(tmp_path).read_text()
    assert password not in stored and "$argon2id$" in stored
    assert oct(accounts.store_path(tmp_path).stat().st_mode & 0o777) == "0o600"
    account = accounts.sign_in(tmp_path, "amira.k", password)
    assert (
        account.role is UserRole.cse_analyst
        and account.must_change_password
        and set(account.sources) == set(ALL_SOURCES)
    )


def test_repeated_failures_lock_the_account_for_a_while(tmp_path):
    password = accounts.add(tmp_path, "amira.k", UserRole.cse_analyst)
    now = datetime.now(UTC)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(accounts.SignInError, match="wrong username or password"):
            accounts.sign_in(tmp_path, "amira.k", "guess", now=now)
    with pytest.raises(accounts.SignInError, match="too many failed attempts"):
        accounts.sign_in(tmp_path, "amira.k", password, now=now)  # even the right password, while locked
    assert accounts.sign_in(tmp_path, "amira.k", password, now=now + accounts.LOCKOUT + timedelta(seconds=1))


def test_unknown_users_and_wrong_passwords_get_the_same_answer(tmp_path):
    accounts.add(tmp_path, "amira.k", UserRole.cse_analyst)
    messages = set()
    for name in ("amira.k", "nobody"):
        with pytest.raises(accounts.SignInError) as refused:
            accounts.sign_in(tmp_path, name, "guess")
        messages.add(str(refused.value))
    assert messages == {accounts.REFUSED}


def test_disable_reset_and_change(tmp_path):
    first = accounts.add(tmp_path, "amira.k", UserRole.cse_analyst, sources=["mash", "hsb"], boroughs=["Hackney"])
    accounts.set_disabled(tmp_path, "amira.k")
    with pytest.raises(accounts.SignInError, match="disabled"):
        accounts.sign_in(tmp_path, "amira.k", first)
    accounts.set_disabled(tmp_path, "amira.k", False)
    second = accounts.reset(tmp_path, "amira.k")
    with pytest.raises(accounts.SignInError):
        accounts.sign_in(tmp_path, "amira.k", first)
    with pytest.raises(accounts.SignInError, match="at least"):
        accounts.change_password(tmp_path, "amira.k", second, "short")
    accounts.change_password(tmp_path, "amira.k", second, "a long new passphrase")
    account = accounts.sign_in(tmp_path, "amira.k", "a long new passphrase")
    assert (
        not account.must_change_password
        and account.scope.sources == ("mash", "hsb")
        and account.scope.boroughs == ("Hackney",)
    )
    with pytest.raises(ValueError, match="already exists"):
        accounts.add(tmp_path, "amira.k", UserRole.auditor)


def test_cli_adds_lists_and_resets_accounts(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jigsaw_cli import app

    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path))
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "sam.t", "--role", "gangs_liaison", "--borough", "Lambeth"])
    assert added.exit_code == 0 and "One-time password:" in added.stdout
    password = added.stdout.split("One-time password:")[1].split()[0]
    assert accounts.sign_in(tmp_path, "sam.t", password).boroughs == ["Lambeth"]
    listed = runner.invoke(app, ["users", "list"])
    assert "sam.t\tgangs_liaison\tactive" in listed.stdout and password not in listed.stdout
    assert runner.invoke(app, ["users", "disable", "sam.t"]).exit_code == 0
    assert runner.invoke(app, ["users", "reset", "nobody"]).exit_code == 2
    assert [e["action"] for e in audit.events(tmp_path)] == ["account added", "account disabled"]


@pytest.mark.neo4j
def test_signing_in_through_the_page_with_a_one_time_password(tmp_path, monkeypatch, neo4j_server, explorer_user):
    from tests.neo4j_servers import explorer_variables

    for name, value in explorer_variables(neo4j_server).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JIGSAW_HOME", str(tmp_path))
    one_time = accounts.add(tmp_path, "amira.k", UserRole.cse_analyst)
    at = AppTest.from_file(str(REPO_ROOT / "explorer" / "app.py"), default_timeout=60).run()
    at.text_input[0].input("amira.k")
    at.text_input[1].input("not it")
    at.button[0].click().run()
    assert any("Wrong username or password" in e.value for e in at.error)
    at.text_input[1].input(one_time)
    at.button[0].click().run()
    assert at.subheader[0].value == "Choose your own password"
    at.text_input[0].input("a long new passphrase")
    at.text_input[1].input("a long new passphrase")
    at.button[0].click().run()
    assert not at.exception and at.title[0].value == "Overview"
    assert [e["action"] for e in audit.events(tmp_path) if e["kind"] == "access"] == [
        "sign-in refused",
        "password changed",
        "signed in",
    ]
