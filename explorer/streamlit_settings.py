"""Jigsaw's hardened Streamlit settings (streamlit_config.toml, shipped beside this module) as
`streamlit run` flags, and where the server script is installed.

Streamlit reads `.streamlit/config.toml` only from the working folder (and the user's home):
flags carry the settings to a server started from any folder, and outrank both.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from importlib.util import find_spec
from typing import Any

SETTINGS = files("explorer") / "streamlit_config.toml"


def settings() -> dict[str, Any]:
    """{"section.option": value} for every setting in the shipped file."""
    table = tomllib.loads(SETTINGS.read_text(encoding="utf-8"))
    return {f"{section}.{key}": value for section, options in table.items() for key, value in options.items()}


def _flag_value(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def run_flags(**chosen: Any) -> list[str]:
    """The flags for `streamlit run`; `chosen` (e.g. server_port=8501) overrides the shipped value."""
    values = settings() | {name.replace("_", ".", 1): value for name, value in chosen.items()}
    return [part for name, value in values.items() for part in (f"--{name}", _flag_value(value))]


def server_script() -> str:
    """explorer/server.py wherever the explorer package is installed (found without importing it)."""
    spec = find_spec("explorer.server")
    assert spec is not None and spec.origin, "the explorer package has no server.py"
    return spec.origin
