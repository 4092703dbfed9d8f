"""An administrator's change to an account reaches its open explorer sessions at their next
interaction, not at the 12-hour limit (issue 15, item 10): disable and reset sign the
session out; a narrower scope or another role takes effect at once. Each test signs in
through the form, makes the change through the CLI an administrator uses, and clicks once.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from jigsaw import accounts, audit
from jigsaw.access import UserRole
from tests.explorer_app import (
    APP,
    PASSPHRASE,
    graph_labels,
    graph_page,
    open_profile,
    sees_matrix,
    sign_in,
    signed_out,
    users_command,
)

pytestmark = pytest.mark.neo4j


def _signed_in(home, role: UserRole = UserRole.cse_analyst) -> AppTest:
    accounts.change_password(home, "amira.k", accounts.add(home, "amira.k", role), PASSPHRASE)
    at = AppTest.from_file(APP, default_timeout=60).run()
    sign_in(at, "amira.k", PASSPHRASE)
    assert not at.exception and "Username" not in [t.label for t in at.text_input]
    at.session_state["purpose"] = "CASE-2024-001"
    return at


@pytest.mark.parametrize(
    ("change", "reason", "words"),
    [
        (("disable", "amira.k"), "disabled", "your account has been disabled"),
        (("reset", "amira.k"), "reset", "your password was reset"),
    ],
)
def test_disable_and_reset_end_an_open_session_at_its_next_click(explorer_env, small_network, change, reason, words):
    at = open_profile(_signed_in(explorer_env), "Kyle Johnson")
    assert at.header[0].value == "Kyle Johnson"
    users_command(*change)
    at.run()  # the next interaction
    assert not at.exception and signed_out(at)
    assert any(words in i.value for i in at.info)
    assert "Kyle Johnson" not in " ".join(str(m.value) for m in at.markdown) + " ".join(h.value for h in at.header)
    ended = [e for e in audit.events(explorer_env) if e["action"] == "session ended"]
    assert [(e["user"], e["details"]["reason"]) for e in ended] == [("amira.k", reason)]


def test_a_narrowed_scope_takes_effect_at_the_next_click(explorer_env, small_network):
    at = open_profile(_signed_in(explorer_env), "Kyle Johnson")
    assert sees_matrix(at) and "Dean Reid" in graph_labels(graph_page(at))
    users_command("scope", "amira.k", "--source", "mash", "--source", "hsb")
    at.run()
    assert not at.exception and at.header[0].value == "Kyle Johnson"
    assert not sees_matrix(at)
    changed = [e for e in audit.events(explorer_env) if e["action"] == "session re-scoped"]
    assert [(e["user"], e["details"]["sources"]) for e in changed] == [("amira.k", ["mash", "hsb"])]


def test_a_new_role_takes_effect_at_the_next_click(explorer_env, small_network):
    at = open_profile(_signed_in(explorer_env), "Kyle Johnson")
    users_command("scope", "amira.k", "--role", "auditor")
    at.run()
    assert not at.exception and at.title[0].value == "Audit trail"
    assert "Kyle Johnson" not in " ".join(h.value for h in at.header)
