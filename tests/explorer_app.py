"""The explorer in Streamlit's AppTest: an app signed in with a purpose, the pages' helpers, and the
fixtures several explorer test files share (a pytest plugin, loaded by conftest.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from jigsaw import accounts
from jigsaw.access import ALL_SOURCES, UserRole
from jigsaw.accounts import Account
from jigsaw.config import get_settings
from jigsaw_cli import app as cli
from tests.builders import load
from tests.builders import small_network as small_network_folder
from tests.paths import REPO_ROOT

APP = str(REPO_ROOT / "explorer" / "app.py")


@pytest.fixture
def small_network(graph, db, tmp_path):
    load(graph, db, small_network_folder(tmp_path / "in"), tmp_path)


ANALYST = Account(
    username="analyst.one",
    role=UserRole.cse_analyst,
    sources=list(ALL_SOURCES),
    password_hash=None,
    must_change_password=False,
)


def app(purpose: str | None = "CASE-2024-001", account: Account | None = ANALYST, timeout: float = 60) -> AppTest:
    """The app as a signed-in user (signing in itself is tested in test_explorer_sign_in)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if account:
        register(account)
        at.session_state["account"] = account
    if purpose:
        at.session_state["purpose"] = purpose
    return at.run()


def register(account: Account) -> None:
    """Put the account in the store too: every run checks the session's copy against it."""
    path = accounts.store_path(get_settings().jigsaw_home)
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = json.loads(path.read_text()) if path.exists() else {}
    stored[account.username] = account.model_dump(mode="json")
    path.write_text(json.dumps(stored))


def open_profile(at: AppTest, text: str) -> AppTest:
    at.switch_page("views/search.py").run()
    at.text_input[0].input(text)
    at.button[0].click().run()
    next(b for b in at.button if b.label == "Open profile").click().run()
    return at.switch_page("views/person.py").run()  # AppTest keeps its own current page across st.switch_page


def hackney_reports_page(purpose: str) -> AppTest:
    """The Reports page with Hackney and June 2023 to December 2024 chosen for the problem profile."""
    at = app(purpose=purpose)
    at.switch_page("views/reports.py").run()
    assert not at.exception
    at.selectbox(key="profile_borough").set_value("Hackney")
    at.date_input[0].set_value(date(2023, 6, 1))
    at.date_input[1].set_value(date(2024, 12, 31))
    return at


def graph_page(at: AppTest) -> str:
    """What the interactive network (explorer/graph_component) is sent: its JSON."""
    drawn = at.get("component_instance")
    assert drawn, "no graph was drawn"
    return drawn[0].proto.json_args


def graph_labels(page: str) -> list[str]:
    return [n["label"] for n in json.loads(page)["graph"]["nodes"]]


PASSPHRASE = "a long new passphrase"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("JIGSAW_HOME", str(home))
    monkeypatch.setenv("JIGSAW_USER", "admin.one")
    return home


def ready_account(home: Path, username: str = "amira.k", role: UserRole = UserRole.auditor) -> str:
    """An account that has chosen its own password, so it signs straight in."""
    accounts.change_password(home, username, accounts.add(home, username, role), PASSPHRASE)
    return username


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    """The explorer's sign-in form, as anyone on the network can fill it in."""
    fields = {t.label: t for t in at.text_input}
    fields["Username"].input(username)
    fields["Password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    return at.run()


def users_command(*args: str) -> None:
    done = CliRunner().invoke(cli, ["users", *args])
    assert done.exit_code == 0, done.output


def signed_out(at: AppTest) -> bool:
    return [t.label for t in at.text_input] == ["Username", "Password"] and "account" not in at.session_state


MATRIX_ONLY = ("Dean Reid", "Clapton Boys", "Police gangs unit")  # known only from the gangs matrix


def sees_matrix(at) -> bool:
    timeline = at.dataframe[0].value
    page = graph_page(at)
    return (
        "matrix" in set(timeline["Source"])
        or "gang nominal" in set(timeline["Role"])
        or any(text in page for text in MATRIX_ONLY)
    )
