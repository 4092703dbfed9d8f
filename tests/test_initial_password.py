"""The first start never fails by chance: whatever the initial password begins with, the
admin tool takes it as the password (not as an option or an @-file) and the server starts
and answers with it.

Each case starts a fresh local server of its own (own folder, JIGSAW_TEST_THIRD_BOLT_PORT).
"""

from __future__ import annotations

import os

import pytest

from jigsaw.config import Settings
from jigsaw.neo4j_server import server
from tests.neo4j_servers import unavailable


def test_generated_passwords_never_start_with_an_option_or_file_sign():
    passwords = [server.new_password() for _ in range(5000)]
    assert all(p[0] not in "-@" and p.isalnum() and len(p) == 32 for p in passwords)
    assert len(set(passwords)) == len(passwords)


def test_a_leading_at_sign_is_escaped_for_the_admin_tool():
    assert server.as_admin_argument("@etc/passwd-lookalike") == "@@etc/passwd-lookalike"
    assert server.as_admin_argument("-verbose-looking") == "-verbose-looking"


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "password",
    [
        # One random password in 64 began with '-'; this one is also an option's name, with
        # quotes, a comment sign and shell characters after it.
        "--verbose 'first' \"start\" #x $HOME;`y`",
        "@/etc/hostname",  # picocli would read the password from this file instead
    ],
    ids=["leading-dash-and-quotes", "at-file"],
)
def test_the_server_starts_with_an_awkward_initial_password(password, neo4j_jars, tmp_path):
    if os.environ.get("NEO4J_URI"):
        unavailable("this test starts a local server of its own; it cannot with NEO4J_URI set")
    settings = Settings(
        neo4j_uri=None,
        neo4j_password=None,
        jigsaw_home=tmp_path,
        jigsaw_cache=neo4j_jars,
        jigsaw_bolt_port=int(os.environ.get("JIGSAW_TEST_THIRD_BOLT_PORT", "7701")),
        jigsaw_heap="512m",
        jigsaw_pagecache="64m",
    )
    server.reset(settings)  # a fresh server home: the password is set before the very first start
    server.write_secret(settings.password_file, password)
    try:
        state = server.start(settings, echo=lambda *_: None)
        assert state.version, state.error  # signed in over Bolt with exactly this password
        assert settings.password() == password
    finally:
        server.reset(settings)
