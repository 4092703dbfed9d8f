"""Peer groups: the groups the last analytics run found, their brokers, and groups that span boroughs or gangs."""

import streamlit as st

from explorer import graph_panel, tables
from explorer.data import person_cards, run_query
from explorer.session import require_purpose
from explorer.ties_among import graph_of
from jigsaw.text import plain

st.title("Peer groups")
st.caption(
    "Groups of young people tied by records and shared places (map equation community detection). "
    "A broker is a young person through whom their group reaches another: the score is their share of "
    "the group's ties to the groups it reaches (shown from 0.3; see docs/analytics.md)."
)
require_purpose()

spanning = st.toggle("Only groups that span boroughs or gangs")
groups = run_query("peer_groups", page="peer_groups", spanning_only=spanning)
if groups.empty:
    st.info("No peer groups yet. Run `jigsaw analytics peer-groups` after loading.")
    st.stop()
run = groups.iloc[0]
st.caption(f"Run {run.run_id}: {run.algorithm}, seed {run.seed}.")
tables.show(
    groups.assign(
        members=groups.members.map(len),
        brokers=groups.brokers.map(len),
        boroughs=groups.boroughs.map(", ".join),
        gangs=groups.gangs.map(", ".join),
    ).drop(columns=["run_id", "algorithm", "seed", "broker_scores"]),
    hide_index=True,
    width="stretch",
    column_config={
        "members": "Members",
        "brokers": "Brokers",
        "spans_boroughs": "Spans boroughs",
        "spans_gangs": "Spans gangs",
    },
)
chosen = st.selectbox("Show group", groups.group_id.tolist())
group = groups[groups.group_id == chosen].iloc[0]
cards = person_cards(list(group.members), page="peer_groups")
named = [
    f"{cards.get(b, {}).get('name', b)} (score {score:.2f})" for b, score in zip(group.brokers, group.broker_scores)
]
st.write("Brokers: " + (plain(", ".join(named)) or "none: no one carries this group's ties to other groups"))
graph_panel.show(
    graph_of(list(group.members), page="peer_groups", highlight=set(group.brokers)),
    title=f"Peer group {chosen}",
    key="group",
    page="peer_groups",
)
