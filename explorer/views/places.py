"""Places: hotspots on a map, ranked, with the change since the period before, and who else is tied to a place."""

import pandas as pd
import streamlit as st

from explorer import tables
from explorer.data import run_query
from explorer.geocode import open_lookup, with_positions
from explorer.place_map import chart
from explorer.session import require_purpose
from graph_loader.models.vocab import LONDON_BOROUGHS
from jigsaw.text import plural

st.title("Places")
st.caption(
    "Where children at risk and suspected perpetrators are seen. Hotspots rank places by children, "
    "suspects and records."
)
require_purpose()

left, right = st.columns(2)
window = left.date_input("Period", value=(), format="DD/MM/YYYY", help="Default: the year up to the latest record.")
borough = right.selectbox("Borough", ["All boroughs", *LONDON_BOROUGHS])
date_from, date_to = (window[0], window[1]) if isinstance(window, tuple) and len(window) == 2 else (None, None)
borough = None if borough == "All boroughs" else borough
held = False
if borough:
    # Where the place is, by default; a borough's own caseload (wherever its children were seen) on request.
    reading = st.radio(
        "Which places",
        ["located in the borough", "named in records the borough holds"],
        horizontal=True,
        help="Located: every record naming a place in the borough counts, whichever borough holds it. "
        "Named in records the borough holds: the places its own records name, wherever they are, "
        "counting only those records.",
    )
    held = reading.startswith("named")

hotspots = run_query("hotspots", page="places", date_from=date_from, date_to=date_to, borough=borough, held=held)
if hotspots.empty:
    st.info("No places recorded in this period.")
    st.stop()
lookup = open_lookup()
hotspots = with_positions(hotspots, lookup)
lookup.close()
located = hotspots.dropna(subset=["latitude", "longitude"])
if not located.empty:
    st.altair_chart(chart(located), width="stretch")
approximate = int(hotspots.approximate.sum())
st.caption(
    f"{len(located)} of {plural(len(hotspots), 'place')} on the map; "
    f"{approximate} placed approximately (hollow markers: "
    "the centre of their postcode sector, district or borough, where no coordinates were recorded and the "
    "postcode lookup does not know the postcode)."
)
unplaced = hotspots[hotspots.latitude.isna()]
if not unplaced.empty:  # never silently: say which places are missing from the map, and why
    st.warning(
        f"{plural(len(unplaced), 'place')} could not be put on the map: no coordinates, a postcode the lookup does not "
        "know, and no borough. They are in the table below."
    )
tables.show(
    hotspots.drop(columns=["latitude", "longitude", "place_key", "approximate"]),
    hide_index=True,
    width="stretch",
    column_config={
        "change_in_records": st.column_config.NumberColumn("Change since the period before", format="%+d"),
        "precision": st.column_config.TextColumn("On the map"),
    },
)

st.subheader("Who else is tied to this place")
labels = {
    row.place_key: f"{row.place} ({row.place_type}, {row.postcode or 'no postcode'})" for row in hotspots.itertuples()
}
place_key = st.selectbox("Place", list(labels), format_func=lambda k: labels.get(k, k))
tied = run_query("co_location", page="places", place_key=place_key, date_from=date_from, date_to=date_to)
if tied.empty:
    st.write("No one else in this period.")
else:
    row = tied.iloc[0]
    counts = st.columns(3)
    counts[0].metric("Children at risk", len(row.children_at_risk))
    counts[1].metric("Suspected perpetrators", len(row.suspects))
    counts[2].metric("Others", len(row.others))
    people = pd.DataFrame(
        [{"person": p, "role": "child at risk"} for p in row.children_at_risk]
        + [{"person": p, "role": "suspected perpetrator"} for p in row.suspects]
        + [{"person": p, "role": "other"} for p in row.others]
    )
    tables.show(people, hide_index=True, width="stretch")
    chosen = st.selectbox("Open the profile of", people.person.tolist(), index=None, placeholder="choose a person")
    if chosen and st.button("Open profile"):
        st.session_state["person_id"] = chosen
        st.switch_page("views/person.py")
