"""A London map of places that needs no tile server: borough names as landmarks, places as
points sized by records and coloured by whether suspects were seen there. A place placed
approximately (postcode district or borough centre) is drawn hollow, and the legend says so.

Map tiles would be fetched from an outside host, which the explorer must never do.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from jigsaw.geo.boroughs import boroughs

EXACT_LABEL = "where recorded or its postcode"
APPROXIMATE_LABEL = "approximately (area centre)"


def borough_landmarks() -> pd.DataFrame:
    return pd.DataFrame([{"borough": b.name, "latitude": b.latitude, "longitude": b.longitude} for b in boroughs().values()])


def chart(places: pd.DataFrame) -> alt.LayerChart:
    """`places` as `explorer.geocode.with_positions` gives them (only rows with a position)."""
    points = places.assign(
        seen=places.suspects.astype(int).gt(0).map({True: "suspects seen", False: "children only"}),
        placed=places.approximate.map({True: APPROXIMATE_LABEL, False: EXACT_LABEL}),
    )
    lon = alt.X("longitude:Q", scale=alt.Scale(domain=[-0.52, 0.34]), axis=None)
    lat = alt.Y("latitude:Q", scale=alt.Scale(domain=[51.28, 51.70]), axis=None)
    landmarks = alt.Chart(borough_landmarks()).mark_text(color="#9a9a9a", fontSize=11).encode(x=lon, y=lat, text="borough:N")
    dots = alt.Chart(points).mark_point(opacity=0.85, strokeWidth=1.6).encode(
        x=lon, y=lat,
        size=alt.Size("records:Q", title="Records", scale=alt.Scale(range=[60, 900])),
        color=alt.Color("seen:N", title="Who was seen there",
                        scale=alt.Scale(domain=["suspects seen", "children only"], range=["#D55E00", "#0072B2"])),
        shape=alt.Shape("seen:N", title="Who was seen there",
                        scale=alt.Scale(domain=["suspects seen", "children only"], range=["triangle", "circle"])),
        # Filled where the place is known; hollow where it is only an area's centre.
        fillOpacity=alt.FillOpacity("placed:N", title="Placed on the map",
                                    scale=alt.Scale(domain=[EXACT_LABEL, APPROXIMATE_LABEL], range=[0.85, 0.0])),
        fill=alt.Color("seen:N", legend=None,
                       scale=alt.Scale(domain=["suspects seen", "children only"], range=["#D55E00", "#0072B2"])),
        tooltip=["place:N", "place_type:N", "precision:N", "children_at_risk:Q", "suspects:Q", "records:Q", "change_in_records:Q"],
    )  # fmt: skip
    return (landmarks + dots).properties(height=520).configure_view(strokeWidth=0)
