"""Sign-in through the organisation's identity provider, end to end, against a real Keycloak.

Keycloak (from Maven Central, tests/idp/keycloak.py) runs in dev mode with a realm this
module writes: one confidential client for the explorer and three users with random
passwords. The explorer runs with an [auth] secrets file pointing at it, and headless
Chromium goes through Keycloak's own login form. Under CI=true a Keycloak that cannot be
fetched or started fails the run; elsewhere it skips.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from jigsaw import accounts, audit
from jigsaw.access import UserRole
from tests.browser_explorer import CHROMIUM, free_port, wait_until_up
from tests.builders import load
from tests.idp import keycloak
from tests.paths import REPO_ROOT
from tests.run_folders import ARTIFACTS, download_cache

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

REGISTERED = "oidc.analyst"  # the Jigsaw account the first Keycloak user maps to
UNVERIFIED = "oidc.unverified"  # a Jigsaw account whose email Keycloak holds but has not verified


def _unavailable(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _user(name: str, *, verified: bool = True) -> keycloak.User:
    return keycloak.User(name, f"{name}@partnership.example", secrets.token_urlsafe(16), verified)


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    """Keycloak launched with the realm for an explorer on a port chosen here; yields (server, explorer port)."""
    if not Path(CHROMIUM).exists():
        _unavailable("Debian's chromium is not installed (scripts/test.sh installs it)")
    explorer_port = free_port()
    realm = keycloak.Realm(
        client_id="jigsaw-explorer",
        client_secret=secrets.token_urlsafe(24),
        redirect_uri=f"http://localhost:{explorer_port}/oauth2callback",
        users=[_user("alice"), _user("bob"), _user("carol", verified=False)],
    )
    log = tmp_path_factory.mktemp("keycloak") / "keycloak.log"
    try:
        server = keycloak.launch(keycloak.install(download_cache()), realm, free_port(), log)
    except keycloak.KeycloakError as err:
        _unavailable(f"Keycloak is required for this test and is not available: {err}")
    yield server, explorer_port  # still starting: the explorer's fixture loads the data meanwhile
    server.stop()


def _secrets_file(folder: Path, server: keycloak.Server) -> Path:
    """Streamlit's [auth] section for this explorer and this Keycloak (read through STREAMLIT_SECRETS_FILES)."""
    realm = server.realm
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{realm.redirect_uri}"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{realm.client_id}"\n'
        f'client_secret = "{realm.client_secret}"\n'
        f'server_metadata_url = "{server.metadata_url}"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def oidc_explorer(idp, driver, neo4j_server, tmp_path_factory):
    """The explorer with the demo data and OIDC sign-in; yields (its URL, its home, the IdP)."""
    from jigsaw.graph_admin import wipe_data

    server, port = idp
    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    work = tmp_path_factory.mktemp("oidc")
    load(driver, db, REPO_ROOT / "fixtures" / "demo", work)
    try:
        server.wait()
    except keycloak.KeycloakError as err:
        _unavailable(f"Keycloak is required for this test and is not available: {err}")
    print(f"Keycloak {keycloak.version()} answered {server.started_in:.1f}s after launch")
    home = work / "home"
    alice, _, carol = server.realm.users
    accounts.add(home, REGISTERED, UserRole.cse_analyst, email=alice.email.upper())  # matching ignores case
    accounts.add(home, UNVERIFIED, UserRole.cse_analyst, email=carol.email)
    env = dict(os.environ) | {
        "NEO4J_URI": neo4j_server.bolt_uri,
        "NEO4J_PASSWORD": neo4j_server.password(),
        "NEO4J_DATABASE": db,
        "JIGSAW_HOME": str(home),
        "STREAMLIT_SECRETS_FILES": str(_secrets_file(work, server)),
    }
    log = open(work / "explorer.log", "wb")
    app = subprocess.Popen(
        [sys.executable, "-c", "from jigsaw_cli import app; app()", "explore", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # localhost, not 127.0.0.1: the login cookie must come back to the host in the redirect URI.
    url = f"http://localhost:{port}"
    wait_until_up(app, url)
    yield url, home, server
    app.terminate()
    app.wait(timeout=20)
    log.close()
    wipe_data(driver, db)


def _keycloak_login(page, user: keycloak.User) -> None:
    """Keycloak's own login form, then back to the explorer."""
    page.get_by_role("button", name="Sign in with your organisation").click()
    page.locator("#username").wait_for(timeout=30_000)
    assert "/realms/jigsaw/" in page.url, page.url
    page.locator("#username").fill(user.username)
    page.locator("#password").fill(user.password)
    page.locator("#kc-login").click()


def _signed_in_events(home: Path) -> list[dict]:
    return [e for e in audit.events(home) if e["kind"] == "access" and e["action"] == "signed in"]


def test_a_registered_user_signs_in_at_keycloak_and_out_again(oidc_explorer, browser_page):
    url, home, server = oidc_explorer
    page, outside, errors = browser_page
    page.goto(url)
    page.get_by_role("button", name="Sign in with your organisation").wait_for(timeout=30_000)
    assert "Records by borough" not in page.inner_text("body")  # nothing before signing in
    _keycloak_login(page, server.realm.users[0])
    page.get_by_text("Latest loads").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "oidc_overview.png"))
    text = page.inner_text("body")
    assert "Records by borough" in text and f"Signed in as {REGISTERED}" in text
    assert [e["user"] for e in _signed_in_events(home)] == [REGISTERED]
    assert _signed_in_events(home)[0]["details"] == {"role": "cse_analyst"}

    # Signing out ends the Keycloak session too: the next sign-in asks for the password again.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in with your organisation").wait_for(timeout=30_000)
    assert "Records by borough" not in page.inner_text("body")
    assert any(e["action"] == "signed out" and e["user"] == REGISTERED for e in audit.events(home))
    page.get_by_role("button", name="Sign in with your organisation").click()
    page.locator("#username").wait_for(timeout=30_000)
    assert outside == [], f"the pages asked for outside hosts: {outside}"
    assert not errors, errors


@pytest.mark.parametrize("who", ["bob", "carol"], ids=["email not registered", "email not verified"])
def test_keycloak_users_without_a_verified_registered_email_are_refused(who, oidc_explorer, browser_page):
    url, home, server = oidc_explorer
    page, outside, errors = browser_page
    before = len(_signed_in_events(home))
    user = next(u for u in server.realm.users if u.username == who)
    page.goto(url)
    _keycloak_login(page, user)
    page.get_by_text("not registered").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"oidc_refused_{who}.png"))
    text = page.inner_text("body")
    assert "Records by borough" not in text and "Signed in as" not in text
    assert len(_signed_in_events(home)) == before
    refusals = [e for e in audit.events(home) if e["action"] == "sign-in refused" and e["user"] == user.email]
    assert [e["details"] for e in refusals] == [{"via": "identity provider", "email_verified": who != "carol"}]
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in with your organisation").wait_for(timeout=30_000)
    assert outside == [], f"the pages asked for outside hosts: {outside}"
    assert not errors, errors
