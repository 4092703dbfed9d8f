"""Settings, read from the environment and an optional `.env` file.

When `NEO4J_URI` is set Jigsaw talks to that server (docker compose, Aura, a
cluster) and never starts its own. Otherwise it manages a local Neo4j
Community server under `JIGSAW_HOME` bound to 127.0.0.1.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(default=None, description="Bolt URI of an external server.")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"

    # The locally managed server (used only when NEO4J_URI is unset).
    jigsaw_home: Path = Field(default=REPO_ROOT / ".jigsaw", description="Runtime state folder.")
    jigsaw_cache: Path = Field(default=REPO_ROOT / ".cache", description="Provisioned jars.")
    jigsaw_bolt_port: int = 7687
    jigsaw_heap: str = "1g"
    jigsaw_pagecache: str = "512m"
    # How long the driver retries a transaction through a lost connection before giving up.
    jigsaw_retry_seconds: float = 30.0
    # Who is acting, for provenance on loads (and audit, later). Defaults to the OS user.
    jigsaw_user: str | None = None

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
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.jigsaw_bolt_port}"

    def password(self) -> str:
        """The password to present: explicit setting first, then the local server's file."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if self.managed and self.password_file.exists():
            return self.password_file.read_text(encoding="utf-8").strip()
        raise RuntimeError(
            "No Neo4j password: set NEO4J_PASSWORD, or run `jigsaw db start` to create the local server."
        )

    def acting_user(self) -> str:
        if self.jigsaw_user:
            return self.jigsaw_user
        import getpass

        return getpass.getuser()


def get_settings() -> Settings:
    return Settings()
