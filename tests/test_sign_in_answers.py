"""The sign-in form never confirms that an account exists to someone without its password
(issue 15, item 12): a wrong password on a locked, disabled or ordinary account gets the
same answer as a name nobody has. Only the right password learns that an account is
disabled. While locked, even the right password gets the common answer: a lockout that
said "right password" would let guessing carry on through it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from jigsaw import accounts
from jigsaw.access import UserRole
from tests.explorer_app import APP, PASSPHRASE, ready_account, sign_in


def _answer(username: str, password: str) -> str:
    at = sign_in(AppTest.from_file(APP, default_timeout=60).run(), username, password)
    assert not at.exception and len(at.error) == 1
    return at.error[0].value


@pytest.fixture
def accounts_in_every_state(home):
    for name in ("amira.k", "locked.one", "gone.one"):
        ready_account(home, name, UserRole.cse_analyst)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(accounts.SignInError):
            accounts.sign_in(home, "locked.one", "guess")
    accounts.set_disabled(home, "gone.one")
    return home


def test_a_wrong_password_gets_one_answer_whatever_the_account(accounts_in_every_state):
    answers = {name: _answer(name, "a wrong guess") for name in ("amira.k", "locked.one", "gone.one", "nobody.here")}
    assert len(set(answers.values())) == 1, answers
    assert "disabled" not in answers["gone.one"]


def test_the_right_password_learns_of_a_disable_but_not_through_a_lockout(accounts_in_every_state):
    common = _answer("nobody.here", PASSPHRASE)
    assert "disabled" in _answer("gone.one", PASSPHRASE)
    assert _answer("locked.one", PASSPHRASE) == common
