"""A real Keycloak for the OpenID Connect tests: fetched from Maven Central, run in dev mode.

The distribution is unpacked once into <cache>/keycloak/<version>, in the cache outside the
checkout that tests/run_folders.py names. Each start uses an in-memory database and imports a
realm the test writes, so nothing survives a run and no secret lives in the repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

POM = Path(__file__).with_name("pom.xml")


class KeycloakError(Exception):
    """Keycloak could not be fetched or started."""


@dataclass(frozen=True)
class User:
    username: str
    email: str
    password: str
    email_verified: bool = True


@dataclass(frozen=True)
class Realm:
    """One confidential client (the explorer) and its users."""

    client_id: str
    client_secret: str
    redirect_uri: str
    users: list[User] = field(default_factory=list)
    name: str = "jigsaw"

    def representation(self) -> dict:
        return {
            "realm": self.name,
            "enabled": True,
            "sslRequired": "none",
            "clients": [
                {
                    "clientId": self.client_id,
                    "enabled": True,
                    "protocol": "openid-connect",
                    "publicClient": False,
                    "secret": self.client_secret,
                    "standardFlowEnabled": True,
                    "directAccessGrantsEnabled": False,
                    "redirectUris": [self.redirect_uri],
                    # Streamlit's st.logout ends the IdP session and comes back to the redirect URI.
                    "attributes": {"post.logout.redirect.uris": "+"},
                }
            ],
            # First and last names set so Keycloak does not stop the login to ask for them.
            "users": [
                {
                    "username": u.username,
                    "email": u.email,
                    "emailVerified": u.email_verified,
                    "enabled": True,
                    "firstName": u.username.title(),
                    "lastName": "Tester",
                    "credentials": [{"type": "password", "value": u.password, "temporary": False}],
                }
                for u in self.users
            ],
        }


def version() -> str:
    match = re.search(r"<keycloak.version>([^<]+)</keycloak.version>", POM.read_text(encoding="utf-8"))
    assert match, "tests/idp/pom.xml lost its keycloak.version property"
    return match.group(1)


def install(cache: Path) -> Path:
    """The unpacked distribution under `cache`, fetched with Maven the first time."""
    home = cache / "keycloak" / version()
    if (home / ".complete").exists():
        return home
    mvn = shutil.which("mvn")
    if not mvn:
        raise KeycloakError("Maven was not found on PATH; it fetches Keycloak from Maven Central")
    staging = home.with_name(home.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run(
        [mvn, "-B", "-q", "-f", str(POM), "dependency:unpack", f"-Dkeycloak.unpack.dir={staging}"],
        capture_output=True,
        text=True,
        check=False,
    )
    unpacked = staging / f"keycloak-{version()}"
    if result.returncode != 0 or not (unpacked / "bin" / "kc.sh").exists():
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
        raise KeycloakError(
            f"fetching Keycloak {version()} from Maven Central failed (mvn exit {result.returncode}):\n{tail}"
        )
    (unpacked / ".complete").write_text(version(), encoding="utf-8")
    shutil.rmtree(home, ignore_errors=True)
    unpacked.rename(home)
    shutil.rmtree(staging, ignore_errors=True)
    return home


@dataclass
class Server:
    base_url: str
    realm: Realm
    process: subprocess.Popen
    realm_file: Path
    log: Path
    launched: float = field(default_factory=time.monotonic)
    started_in: float | None = None

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/realms/{self.realm.name}/.well-known/openid-configuration"

    def wait(self, timeout: float = 180) -> None:
        """Return once the realm's discovery document answers (the realm is imported by then)."""
        try:
            self._wait(self.launched + timeout)
        finally:
            self.realm_file.unlink(missing_ok=True)  # it holds the passwords and the client secret
        self.started_in = time.monotonic() - self.launched

    def _wait(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-8:])
                raise KeycloakError(f"Keycloak exited with status {self.process.returncode}:\n{tail}")
            try:
                with urllib.request.urlopen(self.metadata_url, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise KeycloakError(f"Keycloak did not answer within the time allowed; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # kc.sh forwards it to the JVM
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.realm_file.unlink(missing_ok=True)


def launch(home: Path, realm: Realm, port: int, log: Path) -> Server:
    """Start Keycloak in dev mode on 127.0.0.1:`port` with `realm`; call wait() before using it."""
    imports = home / "data" / "import"
    imports.mkdir(parents=True, exist_ok=True)
    for stale in imports.glob("*.json"):  # only this run's realm is imported
        stale.unlink()
    realm_file = imports / f"{realm.name}-realm.json"  # Keycloak insists on <realm>-realm.json
    fd = os.open(realm_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(realm.representation(), handle)
    base_url = f"http://127.0.0.1:{port}"
    command = [
        "sh",
        str(home / "bin" / "kc.sh"),
        "start-dev",
        "--db",
        "dev-mem",
        "--import-realm",
        "--http-host",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--hostname",
        base_url,
    ]
    # C1 only: the JIT's second tier competes for the CPU during start-up and halves the start
    # time on a two-core machine (62 s -> 30 s); a test IdP never runs long enough to need it.
    env = dict(os.environ) | {"JAVA_OPTS_APPEND": "-XX:TieredStopAtLevel=1"}
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    return Server(base_url, realm, process, realm_file, log)
