"""`jigsaw explore`: run the Streamlit explorer on this machine."""

from __future__ import annotations

import os
import sys

import typer

from explorer.streamlit_settings import run_flags, server_script

from .common import console


def explore(
    port: int = typer.Option(8501, help="Port for the explorer."),
    address: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
) -> None:
    """Open the explorer (Streamlit); prints the URL."""
    console.print(f"Jigsaw explorer: http://{address}:{port}  (Ctrl+C to stop)")
    # explorer/server.py wraps explorer/app.py with the frame guard and the download sweeper; the
    # hardened settings go as flags, so the explorer runs the same from any working folder.
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            server_script(),
            *run_flags(server_port=port, server_address=address),
        ],
    )
