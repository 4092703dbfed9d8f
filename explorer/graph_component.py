"""The interactive network as a Streamlit component: vis-network in a frame that talks back.

Streamlit's v1 components (`declare_component` with a static path) were chosen over v2
(`st.components.v2.component`): a v1 component is its own page in its own frame, so it
keeps the graph's strict Content-Security-Policy and keeps vis-network's half a megabyte of
script and any data out of the explorer's own page; a v2 component mounts in Streamlit's
page, where no policy of ours applies. Measured (bench/component_route.py, figures in
docs/investigations.md): the click round trip is the same either way; only v1 keeps the policy.

The page (graph_component.html) is built once per process into a private folder, with the
vis-network script and stylesheet that pyvis ships inlined: nothing is fetched from another
host. Data reaches it only as the JSON of Streamlit's render message. What it sends back is
one event, {"event", "nodes", "seq", "positions"?}, which graph_panel checks before use.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import streamlit.components.v1 as components

from .graph_html import CSP, _vis_assets

TEMPLATE = files("explorer") / "graph_component.html"  # package data, in a checkout and in the wheel
EVENTS = frozenset({"card", "expand", "more", "hide", "pin", "path", "undo", "moved"})


def page_html() -> str:
    script, css = _vis_assets()
    # A </script> or </style> inside the vendored files would end the element early.
    assert "</script" not in script.lower() and "</style" not in css.lower()
    text = TEMPLATE.read_text(encoding="utf-8")
    return text.replace("__CSP__", CSP).replace("__VIS_CSS__", css).replace("__VIS_JS__", script)


@lru_cache(maxsize=1)
def _component():
    folder = Path(tempfile.mkdtemp(prefix="jigsaw-network-"))  # owner-only (mkdtemp makes it 0700)
    (folder / "index.html").write_text(page_html(), encoding="utf-8")
    os.chmod(folder / "index.html", 0o600)
    return components.declare_component("jigsaw_network", path=str(folder))


def network(args: dict, *, key: str):
    """Draw (or update) the network; returns the last event the analyst sent, or None."""
    return _component()(**args, key=key, default=None)


def clean_event(value) -> dict | None:
    """An event from the browser, as hostile input: known kinds only, a few short string ids."""
    if not isinstance(value, dict) or value.get("event") not in EVENTS:
        return None
    people = value.get("nodes")
    if not isinstance(people, list):
        return None
    people = [p for p in people[:50] if isinstance(p, str) and 0 < len(p) <= 200]
    seq = value.get("seq")
    if not isinstance(seq, str) or len(seq) > 60:
        return None
    positions = value.get("positions") if isinstance(value.get("positions"), dict) else {}
    return {"event": value["event"], "nodes": people, "seq": seq, "positions": positions}
