"""A London map of places that needs no tile server: borough names as landmarks, places as
points sized by records and coloured by whether suspects were seen there.

Map tiles would be fetched from an outside host, which the explorer must never do.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from fixtures.generator.geography import BOROUGHS


def borough_landmarks() -> pd.DataFrame:
    return pd.DataFrame([{"borough": name, "latitude": lat, "longitude": lon} for name, (_, lat, lon) in BOROUGHS.items()])


def chart(places: pd.DataFrame) -> alt.LayerChart:
    points = places.assign(seen=places.suspects.astype(int).gt(0).map({True: "suspects seen", False: "children only"}))
    lon = alt.X("longitude:Q", scale=alt.Scale(domain=[-0.52, 0.34]), axis=None)
    lat = alt.Y("latitude:Q", scale=alt.Scale(domain=[51.28, 51.70]), axis=None)
    landmarks = alt.Chart(borough_landmarks()).mark_text(color="#9a9a9a", fontSize=11).encode(x=lon, y=lat, text="borough:N")
    dots = alt.Chart(points).mark_point(filled=True, opacity=0.85, stroke="#222222", strokeWidth=0.6).encode(
        x=lon, y=lat,
        size=alt.Size("records:Q", title="Records", scale=alt.Scale(range=[60, 900])),
        color=alt.Color("seen:N", title="Who was seen there",
                        scale=alt.Scale(domain=["suspects seen", "children only"], range=["#D55E00", "#0072B2"])),
        shape=alt.Shape("seen:N", title="Who was seen there",
                        scale=alt.Scale(domain=["suspects seen", "children only"], range=["triangle", "circle"])),
        tooltip=["place:N", "place_type:N", "children_at_risk:Q", "suspects:Q", "records:Q", "change_in_records:Q"],
    )  # fmt: skip
    return (landmarks + dots).properties(height=520).configure_view(strokeWidth=0)
