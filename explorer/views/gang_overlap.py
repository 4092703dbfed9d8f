"""Gang overlap, for Trident liaison: gang nominals against CSE and HSB records, as a table and a graph."""

import streamlit as st

from explorer import graph_panel, tables
from explorer.data import person_cards, run_list
from explorer.session import require_purpose, scope
from explorer.ties_among import graph_of
from graph_loader.models.vocab import LONDON_BOROUGHS

st.title("Gang overlap")
st.caption(
    "Children at risk and suspects in CSE and HSB records who are gang nominals, or close to one. "
    "A nominal who is also harmed is shown as both: being on the matrix never cancels being a victim."
)
require_purpose()
if "matrix" not in scope().sources:  # the queries are scoped; without the matrix this page has nothing to compare
    st.info(
        "This view compares the gangs matrix with CSE and HSB records, and the gangs matrix is outside your "
        "information-sharing agreement. Ask your administrator if you need it."
    )
    st.stop()

left, right = st.columns(2)
hops = left.radio(
    "Counts as close",
    [0, 1, 2],
    index=1,
    horizontal=True,
    format_func=lambda h: {0: "is a nominal", 1: "one step", 2: "two steps"}[h],
)
borough = right.selectbox("Borough", ["All boroughs", *LONDON_BOROUGHS])
borough = None if borough == "All boroughs" else borough

overlap = run_list("gang_overlap", page="gang_overlap", hops=hops, borough=borough)
if overlap.empty:
    st.info("No overlap with these settings.")
else:
    cards = person_cards(overlap.person_id.tolist() + overlap.nearest_nominal.dropna().tolist(), page="gang_overlap")
    name = lambda pid: cards.get(pid, {}).get("name", pid) if pid else ""
    shown = overlap.assign(
        person=overlap.person_id.map(name),
        nearest_nominal=overlap.nearest_nominal.map(name),
        roles=overlap.roles.map(lambda rs: ", ".join(r.replace("_", " ") for r in rs)),
    )
    tables.show(
        shown[["person", *[c for c in shown.columns if c not in {"person", "person_id"}]]],
        hide_index=True,
        width="stretch",
        column_config={
            "roles": "Roles in CSE and HSB records",
            "nominal_of": "Nominal of gang(s)",
            "harmed_nominal": "Nominal flagged as harmed",
            "nearest_nominal": "Nearest nominal",
            "nearest_gangs": "Nearest nominal's gang(s)",
            "steps": "Steps to a nominal",
        },
    )
    people = sorted(set(overlap.person_id) | set(overlap.nearest_nominal.dropna()))
    graph_panel.show(graph_of(people[:300], page="gang_overlap"), title="Gang overlap", key="gang", page="gang_overlap")

st.subheader("Nominals believed to be harmed or exploited themselves")
tables.show(run_list("harmed_nominals", page="gang_overlap", borough=borough), hide_index=True, width="stretch")
