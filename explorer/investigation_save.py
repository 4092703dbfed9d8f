"""'Save as investigation': the network on screen kept as a named investigation.

The interactive graph publishes what is drawn in st.session_state["network_view"] ({people,
positions, hidden, pinned, page}); until a page does, the Person and Connections pages pass
the graph they drew. Saving reads a snapshot through the catalogue under the saver's scope
(audited by data.run_rows) and records the save in the audit trail.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from investigations.models import MAX_NAME_CHARS, MAX_PEOPLE, Drawing
from investigations.workspace import save_new

from . import session
from .data import graph_driver, run_rows
from .graph_model import DrawnGraph

NETWORK_VIEW = "network_view"


def runner(page: str):
    """The investigations' catalogue reads, through the explorer's audited runner and the reader's scope."""
    return lambda name, params: run_rows(name, page=page, **params)


def drawing_of(graph: DrawnGraph | None, page: str) -> Drawing | None:
    """The drawing to save: the interactive graph's published view of this page if there is one, else `graph`."""
    view = st.session_state.get(NETWORK_VIEW)
    if isinstance(view, dict) and view.get("page") == page and isinstance(view.get("people"), list):
        data = {k: view.get(k) or ([] if k != "positions" else {}) for k in ("people", "positions", "hidden", "pinned")}
    elif graph is not None:
        data = {
            "people": [n.id for n in graph.nodes if n.category != "more"],
            "positions": {k: list(v) for k, v in graph.positions.items()},
            "hidden": [],
            "pinned": [],
        }
    else:
        return None
    if len(data["people"]) > MAX_PEOPLE:
        st.warning(f"An investigation keeps at most {MAX_PEOPLE:,} people; narrow the network to save it.")
        return None
    try:
        return Drawing.model_validate(data)
    except ValidationError:
        st.error("This network cannot be saved as it is (an id or a position is not valid).")
        return None


def offer(graph: DrawnGraph | None, *, page: str, key: str) -> None:
    """A small form under a network: name it and save it as an investigation. `graph` None: the
    interactive graph's published view of `page` only."""
    if graph is not None and not any(n.category != "more" for n in graph.nodes):
        return
    with st.expander("Save as investigation"):
        with st.form(f"{key}-save-investigation", clear_on_submit=True):
            name = st.text_input(
                "Investigation name", max_chars=MAX_NAME_CHARS, placeholder="e.g. School-gate group, spring 2025"
            )
            submitted = st.form_submit_button("Save investigation")
        if not submitted:
            return
        reference = session.require_purpose()
        if not name.strip():
            st.error("Give the investigation a name.")
            return
        drawing = drawing_of(graph, page)
        if drawing is None:
            return
        driver, database = graph_driver()
        inv = save_new(
            driver,
            database,
            runner(page),
            name=name,
            case_ref=reference,
            owner=session.user(),
            purpose=reference,
            drawing=drawing,
        )
        session.log(
            "collection", "investigation saved", page=page, investigation=inv.investigation_id, people=drawing.people
        )
        st.success(f"Saved as investigation {inv.investigation_id}. Open it from the Investigations page.")
