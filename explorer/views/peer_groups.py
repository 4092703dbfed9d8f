"""Peer groups: the groups found for a period, their brokers, how they changed since an earlier period,
and groups that span boroughs or gangs."""

import streamlit as st

from explorer import graph_panel, group_changes, tables
from explorer.data import person_cards, run_query
from explorer.session import require_purpose
from explorer.ties_among import graph_of
from jigsaw.text import day, plain


def _period(run) -> str:
    """A run's period in words: its dates and borough (each scope has one current run)."""
    start = day(run.date_from) or "the first record"
    end = day(run.date_to) or "the latest"
    return f"{start} to {end}, {run.borough or 'all London'} ({run.groups} groups)"


st.title("Peer groups")
st.caption(
    "Groups of young people tied by records and shared places (map equation community detection). "
    "A broker is a young person through whom their group reaches another: the score is their share of "
    "the group's ties to the groups it reaches (shown from 0.3; see docs/analytics.md)."
)
require_purpose()

runs = run_query("peer_group_runs", page="peer_groups")
if runs.empty:
    st.info(
        "No peer groups yet. Run `jigsaw analytics peer-groups` after loading; for a period, "
        "`--last 6m` or `--from` and `--to`."
    )
    st.stop()
periods = {_period(row): row.scope for row in runs.itertuples()}  # each period in words -> its scope
if len(periods) < len(runs):  # two scopes put in the same words (a borough written oddly): tell them apart
    periods = {f"{_period(row)} [{row.scope}]": row.scope for row in runs.itertuples()}
chosen_period = st.selectbox(
    "Period", list(periods), key="period", help="Each run of `jigsaw analytics peer-groups` for a period."
)
scope = periods[chosen_period]
NO_COMPARISON = "(no comparison)"
earlier_period = st.selectbox(
    "Compare with an earlier period",
    [NO_COMPARISON, *(p for p in periods if p != chosen_period)],
    key="compare_with",
    help="See which groups formed, grew, shrank, split or merged since then.",
)
earlier = periods.get(earlier_period)
spanning = st.toggle("Only groups that span boroughs or gangs")
groups = run_query("peer_groups", page="peer_groups", spanning_only=spanning, scope=scope)
if groups.empty:
    st.info("No group in this period spans boroughs or gangs." if spanning else "No peer groups in this period.")
    st.stop()
run = runs[runs.scope == scope].iloc[0]
st.caption(f"Run {run.run_id}: {run.algorithm}, seed {groups.iloc[0].seed}; ties weighed by {run.tie_weights}.")
shown = groups.assign(
    brokers=groups.brokers.map(len),
    boroughs=groups.boroughs.map(", ".join),
    gangs=groups.gangs.map(", ".join),
)
column_config = {
    "group_id": "Group",
    "size": "Young people",
    "boroughs": "Boroughs",
    "gangs": "Gangs",
    "brokers": "Brokers",
    "spans_boroughs": "Spans boroughs",
    "spans_gangs": "Spans gangs",
}
if earlier:
    before = run_query("peer_groups", page="peer_groups", scope=earlier)
    changed = group_changes.changes(
        {row.group_id: set(row.members) for row in groups.itertuples()},
        {row.group_id: set(row.members) for row in before.itertuples()},
    )
    shown = shown.assign(change=shown.group_id.map(changed))
    column_config["change"] = "Since the earlier period"
# The period is in the picker above, so each row's dates (empty for an all-time run) would only repeat it.
tables.show(
    shown.drop(columns=["members", "run_id", "algorithm", "seed", "broker_scores", "date_from", "date_to"]),
    hide_index=True,
    width="stretch",
    column_config=column_config,
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
