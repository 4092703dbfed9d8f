"""MASE presentation mode: for projecting in a meeting.

Large type, high contrast, stable pseudonyms instead of names, ages instead of dates of
birth, no free text and no addresses. The same young person keeps the same pseudonym for
the whole meeting. Pseudonyms and every id on the screen (and in its downloads) are keyed by
the deployment's secret as well as the meeting, so nobody can recompute them from a
guessable meeting name and candidate person ids.
"""

from datetime import date

import streamlit as st

from explorer import graph_panel
from explorer.data import person_cards, run_query, run_rows
from explorer.graph_model import ego_graph
from explorer.session import require_purpose
from explorer.ties_among import graph_of
from jigsaw.config import get_settings
from jigsaw.pseudonyms import deployment_secret, mase_label, meeting_key, pseudonym
from jigsaw.text import plural

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")  # the projector gets the whole screen
meeting = require_purpose()
today = date.today()
secret = deployment_secret(get_settings().jigsaw_home)
key = meeting_key(secret, meeting)
label = lambda card: mase_label(card, key, today)

st.markdown(
    """<style>
    [data-testid="stMainBlockContainer"] { font-size: 1.4rem; color: #000000; }
    [data-testid="stMainBlockContainer"] label p, [data-testid="stMainBlockContainer"] p { font-size: 1.4rem; }
    [data-testid="stMainBlockContainer"] h1 { font-size: 3rem; }
    [data-testid="stAppViewContainer"] { background: #ffffff; }
    </style>""",
    unsafe_allow_html=True,
)  # fixed CSS only: no data is ever placed in this HTML
st.title(f"MASE meeting {meeting}")
st.caption("Young people are shown by pseudonym and age only. Pseudonyms stay the same for this meeting reference.")

mode = st.radio("Show", ["A young person's network", "A peer group"], horizontal=True)
if mode == "A young person's network":
    recent = st.session_state.get("recent_people", {})
    # Hidden as typed: the projector must not show the id.
    typed = st.text_input("Person id (from the analyst's screen)", type="password").strip()
    choice = typed or st.selectbox(
        "Or someone the analyst opened",
        list(recent),
        index=None,
        format_func=lambda pid: pseudonym(pid, key),
        placeholder="choose",
    )
    if not choice:
        st.info("Choose a young person to show.")
        st.stop()
    hops = st.radio("Steps out", [1, 2], index=1, horizontal=True)
    rows = run_rows("ego_network", page="mase", person_id=choice, hops=hops)
    people = sorted({r["source_person"] for r in rows} | {r["target_person"] for r in rows} | {choice})
    graph = ego_graph(choice, rows, person_cards(people, page="mase"), label=label)
    title = f"Network around {pseudonym(choice, key)}"
else:
    groups = run_query("peer_groups", page="mase")
    if groups.empty:
        st.info("No peer groups found yet.")
        st.stop()
    # Numbered, not named by id: a group id leads to its members' ids.
    number = st.selectbox(
        "Peer group",
        range(len(groups)),
        format_func=lambda i: f"Group {i + 1} ({plural(int(groups.iloc[i]['size']), 'young person', 'young people')})",
    )
    group = groups.iloc[number]
    graph = graph_of(list(group.members), page="mase", highlight=set(group.brokers), label=label)
    title = f"Peer group {number + 1}"

# The panel turns ids into opaque ones before anything reaches the browser (graph_panel, pseudonymous_graph).
graph_panel.show(
    graph,
    title=title,
    key="mase",
    height=720,
    large_type=True,
    page="mase",
    label=label,
    mase=graph_panel.Mase(secret, meeting),
)
