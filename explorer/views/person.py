"""Person: everything each agency holds on one young person, as a timeline, and who is around them."""

from datetime import date

import streamlit as st

from explorer import graph_panel, investigation_save, tables
from explorer.data import person_cards, run_query, run_rows
from explorer.graph_model import ego_graph
from explorer.session import require_purpose
from graph_loader.models.vocab import LONDON_BOROUGHS, Role
from jigsaw.text import plain

st.title("Person")
require_purpose()

person_id = st.session_state.get("person_id")  # never in the URL: no personal data in links or logs
if not person_id:
    st.info("Find someone on the Search page first.")
    if st.button("Go to Search"):
        st.switch_page("views/search.py")
    st.stop()

card = person_cards([person_id], page="person").get(person_id)
if not card:
    st.error("No such person. They may have been merged with another record or erased.")
    st.stop()

st.header(plain(card["name"]))
facts = st.columns(4)
facts[0].metric("Records", card["records"])
facts[1].metric("Agencies", len(card["agencies"]))
facts[2].metric("Date of birth", card["dob"].strftime("%d/%m/%Y") if card["dob"] else "not recorded")
facts[3].metric("Boroughs", len(card["boroughs"]))
st.caption(
    "Recorded as: " + plain(", ".join(card["names"])) + ".  Agencies: " + plain(", ".join(card["agencies"])) + "."
)
st.caption(
    "Roles come from each record and are shown per record below: a child can be harmed in one record and named "
    "in another; neither cancels the other."
)

st.subheader("Timeline across agencies")
timeline = run_query("person_profile", page="person", person_id=person_id)
if not timeline.empty:
    timeline = timeline.assign(
        role=timeline.role.str.replace("_", " "),
        places=timeline.places.map(", ".join),
        others=timeline.others.map(len).astype(str) + " people",
        doubts=timeline.doubts.map("; ".join),
    )
tables.show(
    timeline,
    hide_index=True,
    width="stretch",
    column_config={
        "name_as_recorded": "Name as recorded",
        "dob_as_recorded": "Date of birth as recorded",
        "record_id": "Record",
        "others": "Others named",
        "doubts": st.column_config.TextColumn(
            "Doubtful as recorded",
            help="Values kept as the agency recorded them but not trusted "
            "(left out of matching and ages), with the reason.",
        ),
    },
)

st.subheader("Safeguarding work and safety mapping")
casework = run_query("person_casework", page="person", person_id=person_id)
if casework.empty:
    st.caption(
        "No actions, assessments or plans touch this child, their places or their peer groups yet, and no "
        "protective adults or safe places are recorded. Record them on the Reports and actions page."
    )
else:
    tables.show(
        casework,
        hide_index=True,
        width="stretch",
        column_config={"via": "Through", "item": "What", "detail": "Detail", "recorded_by": "Recorded by"},
    )

st.subheader("Who is around them")
controls = st.columns([1, 2, 2, 2])
hops = controls[0].radio("Steps out", [1, 2, 3], index=1, horizontal=True)
roles = controls[1].multiselect(
    "Only links between", [r.value for r in Role], format_func=lambda r: r.replace("_", " "), placeholder="any role"
)
window = controls[2].date_input("Records dated", value=(), format="DD/MM/YYYY", help="Pick a start and an end date.")
borough = controls[3].selectbox("Borough", ["All boroughs", *LONDON_BOROUGHS])
date_from, date_to = (window[0], window[1]) if isinstance(window, tuple) and len(window) == 2 else (None, None)

filters = {  # the drawing's and every expansion's (graph_panel applies them to person_links)
    "roles": roles or None,
    "date_from": date_from,
    "date_to": date_to,
    "borough": None if borough == "All boroughs" else borough,
}
rows = run_rows("ego_network", page="person", person_id=person_id, hops=hops, **filters)
people = sorted({r["source_person"] for r in rows} | {r["target_person"] for r in rows} | {person_id})
cards = person_cards(people, page="person")
graph = ego_graph(person_id, rows, cards)
graph_panel.show(graph, title=f"Network around {card['name']}", key="person", page="person", filters=filters)
investigation_save.offer(graph, page="person", key="person")

neighbours = {n.id: n.label for n in graph.nodes if n.id != person_id and n.category != "more"}


def _recentre() -> None:
    st.session_state["person_id"] = st.session_state["recentre_on"]  # read at click time, never a stale copy


if neighbours:
    left, right = st.columns([3, 1])
    left.selectbox(
        "Re-centre on",
        sorted(neighbours, key=neighbours.get),
        format_func=lambda k: neighbours.get(k, k),
        key="recentre_on",
    )
    right.button("Re-centre", width="stretch", on_click=_recentre)
st.session_state.setdefault("recent_people", {})[person_id] = card["name"]
st.caption(
    f"Viewed {date.today():%d/%m/%Y}. Dashed lines are allegations or intelligence; solid lines are recorded facts."
)
