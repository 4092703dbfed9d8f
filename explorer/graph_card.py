"""The card shown when a person on the interactive network is clicked.

For analysts: names as recorded, each record with the role it gives them and its agency, the
agencies, gangs and boroughs, and the records behind each tie on screen, with a way to the
full profile. In MASE mode: pseudonym and age, roles, agencies and the agencies behind each
tie, nothing else; a chair who may see names can reveal one person's name for this meeting,
and that reveal is itself written to the audit trail.
Every query here is a catalogue query (explorer.data), scoped and audited.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jigsaw.access import may_see_names
from jigsaw.text import plain

from . import session, tables
from .data import person_cards, run_query
from .graph_workspace import Workspace

REVEALED = "mase_revealed"  # {meeting: {person id: name}}: revealed for that meeting only, kept server-side


def _roles(values) -> str:
    return ", ".join(str(r).replace("_", " ") for r in values or []) or "none recorded"


def _read(person: str, *, page: str, key: str, profile: bool) -> tuple[dict | None, pd.DataFrame | None]:
    """The card's queries run once per person clicked, not on every later click on the network."""
    held = st.session_state.get(f"{key}-card-data")
    if held and held[0] == person:
        return held[1], held[2]
    card = person_cards([person], page=page).get(person)
    records = run_query("person_profile", page=page, person_id=person) if card and profile else None
    st.session_state[f"{key}-card-data"] = (person, card, records)
    return card, records


def show(person: str, ws: Workspace, *, page: str, key: str, label) -> None:
    card, records = _read(person, page=page, key=key, profile=True)
    if not card:
        st.caption("This person is no longer in what you may see (merged, erased or outside your scope).")
        return
    with st.container(border=True):
        st.markdown(f"**{plain(label(card))}**")
        st.caption(
            "Recorded as: "
            + plain(", ".join(card["names"]))
            + ".  Agencies: "
            + plain(", ".join(card["agencies"]))
            + ".  Boroughs: "
            + plain(", ".join(card["boroughs"]) or "none")
            + "."
        )
        st.caption(
            "Groups: "
            + (
                plain("gang(s) on the matrix: " + ", ".join(card["gangs"]))
                if card["gangs"]
                else "no active gang on the matrix"
            )
            + ".  Roles in records: "
            + plain(_roles(card["roles"]))
            + "."
        )
        if records is not None and not records.empty:
            records = records.assign(role=records.role.str.replace("_", " "))[
                ["date", "agency", "record_id", "role", "claim"]
            ]
            tables.show(
                records,
                hide_index=True,
                width="stretch",
                column_config={
                    "date": "Date",
                    "agency": "Agency",
                    "record_id": "Record",
                    "role": "Role in this record",
                    "claim": "Recorded as",
                },
            )
        ties = [
            {
                "with": ws.nodes[e.target if e.source == person else e.source].label,
                "agencies": e.label,
                "records": ", ".join(e.records) or e.tooltip,
            }
            for e in ws.ties_of(person)
            if not (e.source + e.target).startswith("more:") and "more:" not in e.source + e.target
        ]
        if ties:
            st.caption("The records behind each tie on screen:")
            tables.show(
                pd.DataFrame(ties),
                hide_index=True,
                width="stretch",
                column_config={"with": "Tied to", "agencies": "Agencies", "records": "Records"},
            )
        if st.button("Open full profile", key=f"{key}-profile"):
            st.session_state["person_id"] = person
            st.switch_page("views/person.py")


def show_mase(person: str, ws: Workspace, *, meeting: str, key: str, label) -> None:
    card, _ = _read(person, page="mase", key=key, profile=False)
    if not card:
        st.caption("This young person is no longer in what you may see.")
        return
    with st.container(border=True):
        st.markdown(f"**{plain(label(card))}**")
        st.write(
            "Roles in records: "
            + plain(_roles(card["roles"]))
            + ".  Agencies: "
            + plain(", ".join(card["agencies"]))
            + "."
        )
        ties = sorted(
            {
                (ws.nodes[e.target if e.source == person else e.source].label, e.label)
                for e in ws.ties_of(person)
                if "more:" not in e.source + e.target
            }
        )
        for other, agencies in ties:
            st.write(f"Tied to {plain(other)} through {plain(agencies or 'a shared record')}")
        revealed = st.session_state.setdefault(REVEALED, {}).setdefault(meeting, {})
        if person in revealed:
            st.write("Revealed for this meeting: " + plain(revealed[person]))
            return
        signed_in = session.account()
        if signed_in is None or not may_see_names(signed_in.role):
            st.caption("Names stay hidden. Only a chair whose role may see names can reveal one for this meeting.")
            return
        with st.form(f"{key}-reveal"):
            st.text_input(
                "Why the meeting needs this name (recorded in the audit trail)", max_chars=500, key=f"{key}-reveal-why"
            )
            # A callback, so the reveal is in place before the panel draws: the name joins the drawing too.
            st.form_submit_button("Reveal for this meeting", on_click=_reveal, args=(person, ws, meeting, key))
        if st.session_state.pop(f"{key}-reveal-unsaid", False):
            st.warning("Say why the name is needed: the reveal is recorded with your reason.")


def _reveal(person: str, ws: Workspace, meeting: str, key: str) -> None:
    """The chair reveals one name for this meeting: audited with the reason, kept server-side for
    this meeting only, and drawn beside the pseudonym (graph_panel._revealed) from the next draw."""
    why = str(st.session_state.get(f"{key}-reveal-why") or "").strip()
    signed_in = session.account()
    if signed_in is None or not may_see_names(signed_in.role):
        return  # re-checked at the click: a role changed since the form was drawn reveals nothing
    if not why:
        st.session_state[f"{key}-reveal-unsaid"] = True
        return
    card = person_cards([person], page="mase").get(person)
    if not card:
        return
    session.log("disclosure", "reveal for meeting", page="mase", meeting=meeting, people=[person], reason=why)
    st.session_state.setdefault(REVEALED, {}).setdefault(meeting, {})[person] = card["name"]
    ws.relabelled()
