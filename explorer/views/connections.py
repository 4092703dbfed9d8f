"""Connections: how two young people are connected, each step labelled with the record and agency behind it."""

import streamlit as st

from explorer import graph_panel, investigation_save, tables
from explorer.data import person_cards, run_query
from explorer.graph_model import ties_graph
from explorer.session import require_purpose
from explorer.text import plural

st.title("Connections")
st.caption("Pick two people and see every chain of records that joins them.")
require_purpose()

recent = st.session_state.get("recent_people", {})


def chooser(column, title: str, key: str) -> str | None:
    with column:
        options = list(recent)
        picked = st.selectbox(title, options, format_func=lambda k: recent.get(k, k), index=None, key=f"{key}-pick",
                              placeholder="someone you have viewed")  # fmt: skip
        typed = st.text_input("or a person id", key=f"{key}-id").strip()
        return typed or picked


left, right = st.columns(2)
first = chooser(left, "From", "from")
second = chooser(right, "To", "to")
max_records = st.slider("At most this many records in a chain", 1, 8, 4)

if not (first and second):
    st.info("Choose two people. People you open on the Person page are offered here.")
    st.stop()
if first == second:
    st.warning("Choose two different people.")
    st.stop()

steps = run_query("connection_paths", page="connections", from_person=first, to_person=second, max_records=max_records)
if steps.empty:
    st.warning(f"No chain of up to {max_records} records joins them.")
    st.stop()
cards = person_cards([first, second, *steps.from_person, *steps.to_person], page="connections")
name = lambda pid: cards.get(pid, {}).get("name", pid)  # noqa: E731
st.write(f"{plural(steps.path.nunique(), 'chain')} found, shortest first.")
shown = steps.assign(from_person=steps.from_person.map(name), to_person=steps.to_person.map(name),
                     from_role=steps.from_role.str.replace("_", " "), to_role=steps.to_role.str.replace("_", " "))  # fmt: skip
tables.show(shown, hide_index=True, width="stretch",
             column_config={"via": "Through (record or place)", "via_kind": "Kind"})  # fmt: skip
links = [
    {"a": r.from_person, "b": r.to_person, "label": f"{r.agency or r.via_kind}", "claim": r.claim,
     "tooltip": f"{r.via_kind}: {r.via}", "date": r.date, "record": r.via if r.agency else None}
    for r in steps.itertuples()
]  # fmt: skip
graph = ties_graph(links, cards, centre={first, second})
graph_panel.show(graph, title=f"How {name(first)} and {name(second)} connect", key="connections", page="connections")
investigation_save.offer(graph, page="connections", key="connections")
