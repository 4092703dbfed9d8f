"""Settings, read from the environment and an optional `.env` file.

When `NEO4J_URI` is set Jigsaw talks to that server (docker compose, Aura, a
cluster) and never starts its own. Otherwise it manages a local Neo4j
Community server under `JIGSAW_HOME` bound to 127.0.0.1. Nothing here assumes a checkout:
the defaults for JIGSAW_HOME and JIGSAW_CACHE come from jigsaw/state_dirs.py, and the shipped
policies from the package (jigsaw/policies/), each overridable by a setting below.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from .state_dirs import default_cache, default_home

DEFAULT_EXPLORER_USER = "jigsaw_explorer"
log = logging.getLogger(__name__)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(default=None, description="Bolt URI of an external server.")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    # The explorer's own database user, distinct from the loader/admin one above. On the
    # local server `jigsaw db init` creates it with a random password kept in a file.
    jigsaw_explorer_user: str | None = None
    jigsaw_explorer_password: SecretStr | None = None

    # The locally managed server (used only when NEO4J_URI is unset).
    jigsaw_home: Path = Field(default_factory=default_home, description="Runtime state folder.")
    jigsaw_cache: Path = Field(default_factory=default_cache, description="Provisioned jars.")
    jigsaw_bolt_port: int = 7687
    jigsaw_heap: str = "1g"
    jigsaw_pagecache: str = "512m"
    # How long the driver retries a transaction through a lost connection before giving up.
    jigsaw_retry_seconds: float = 30.0
    # Who is acting, for provenance on loads (and audit, later). Defaults to the OS user.
    jigsaw_user: str | None = None
    # An operator's own copies of the shipped policies (jigsaw/policies/); unset: the shipped ones.
    jigsaw_retention_policy: Path | None = None
    jigsaw_tie_weights: Path | None = None

    @property
    def managed(self) -> bool:
        """True when Jigsaw runs its own local server."""
        return not self.neo4j_uri

    @cached_property
    def server_dir(self) -> Path:
        return self.jigsaw_home / "neo4j"

    @property
    def password_file(self) -> Path:
        return self.server_dir / "password"

    @property
    def explorer_password_file(self) -> Path:
        return self.server_dir / "explorer-password"

    @property
    def explorer_user(self) -> str | None:
        """The explorer's database user, or None on a remote server where none was given."""
        if self.jigsaw_explorer_user:
            return self.jigsaw_explorer_user
        return DEFAULT_EXPLORER_USER if self.managed else None

    def explorer_auth(self) -> tuple[str, str]:
        """(user, password) for the explorer's driver; the loader and CLI keep `neo4j_user`.

        A remote server with no explorer credentials falls back to the main ones, with a
        warning: nothing else would let an existing deployment keep working.
        """
        user = self.explorer_user
        if user is None:
            log.warning(
                "JIGSAW_EXPLORER_USER is not set for the remote Neo4j server: the explorer uses the "
                "loader's credentials. Set JIGSAW_EXPLORER_USER and JIGSAW_EXPLORER_PASSWORD."
            )
            return self.neo4j_user, self.password()
        return user, self.explorer_password()

    def explorer_password(self) -> str:
        return self._secret(
            self.jigsaw_explorer_password,
            self.explorer_password_file,
            "No password for the explorer's database user: run `jigsaw db init` (local server), "
            "or set JIGSAW_EXPLORER_PASSWORD.",
        )

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.jigsaw_bolt_port}"

    def password(self) -> str:
        """The password to present: explicit setting first, then the local server's file."""
        return self._secret(
            self.neo4j_password,
            self.password_file,
            "No Neo4j password: set NEO4J_PASSWORD, or run `jigsaw db start` to create the local server.",
        )

    def _secret(self, setting: SecretStr | None, local_file: Path, missing: str) -> str:
        """A setting if given, else (local server only) the owner-only file beside it."""
        if setting is not None:
            return setting.get_secret_value()
        if self.managed and local_file.exists():
            return local_file.read_text(encoding="utf-8").strip()
        raise RuntimeError(missing)

    def acting_user(self) -> str:
        if self.jigsaw_user:
            return self.jigsaw_user
        import getpass

        return getpass.getuser()


def get_settings() -> Settings:
    return Settings()
