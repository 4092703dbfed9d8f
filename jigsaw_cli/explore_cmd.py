"""`jigsaw explore`: run the Streamlit explorer on this machine."""

from __future__ import annotations

import os
import sys

import typer

from jigsaw.config import REPO_ROOT
from .common import console


def explore(
    port: int = typer.Option(8501, help="Port for the explorer."),
    address: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
) -> None:
    """Open the explorer (Streamlit); prints the URL."""
    console.print(f"Jigsaw explorer: http://{address}:{port}  (Ctrl+C to stop)")
    os.chdir(REPO_ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    os.execv(
        sys.executable,
        # explorer/server.py wraps explorer/app.py with the frame guard and the download sweeper.
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "explorer" / "server.py"),
         "--server.port", str(port), "--server.address", address, "--client.disableDataExport", "true"],
    )  # fmt: skip
