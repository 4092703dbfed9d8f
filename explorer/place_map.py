"""A London map of places that needs no tile server: borough names as landmarks, places as
points sized by records and coloured by whether suspects were seen there. A place placed
approximately (postcode district or borough centre) is drawn hollow, and the legend says so.

Map tiles would be fetched from an outside host, which the explorer must never do.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from jigsaw.geo.boroughs import boroughs

# One legend: who was seen there, and whether the place is known or only approximately placed
# (hollow). Vega-Lite merges the colour, fill and shape legends of one field into this one.
KEYS = [
    "suspects seen",
    "children only",
    "suspects seen (placed approximately)",
    "children only (placed approximately)",
]
APPROXIMATE_LABEL = "(placed approximately)"
_COLOURS = ["#D55E00", "#0072B2", "#D55E00", "#0072B2"]


def borough_landmarks() -> pd.DataFrame:
    return pd.DataFrame(
        [{"borough": b.name, "latitude": b.latitude, "longitude": b.longitude} for b in boroughs().values()]
    )


def chart(places: pd.DataFrame) -> alt.LayerChart:
    """`places` as `explorer.geocode.with_positions` gives them (only rows with a position)."""
    seen = places.suspects.astype(int).gt(0).map({True: "suspects seen", False: "children only"})
    points = places.assign(key=seen + places.approximate.map({True: f" {APPROXIMATE_LABEL}", False: ""}))
    lon = alt.X("longitude:Q", scale=alt.Scale(domain=[-0.52, 0.34]), axis=None)
    lat = alt.Y("latitude:Q", scale=alt.Scale(domain=[51.28, 51.70]), axis=None)
    landmarks = (
        alt.Chart(borough_landmarks()).mark_text(color="#9a9a9a", fontSize=11).encode(x=lon, y=lat, text="borough:N")
    )
    title = "Who was seen there (hollow: an area's centre)"
    dots = (
        alt.Chart(points)
        .mark_point(opacity=0.85, strokeWidth=1.6)
        .encode(
            x=lon,
            y=lat,
            size=alt.Size("records:Q", title="Records", scale=alt.Scale(range=[60, 900])),
            color=alt.Color(
                "key:N",
                title=title,
                scale=alt.Scale(domain=KEYS, range=_COLOURS),
                legend=alt.Legend(labelLimit=400, titleLimit=400),
            ),
            fill=alt.Fill(
                "key:N", title=title, scale=alt.Scale(domain=KEYS, range=[*_COLOURS[:2], "transparent", "transparent"])
            ),
            shape=alt.Shape(
                "key:N", title=title, scale=alt.Scale(domain=KEYS, range=["triangle", "circle", "triangle", "circle"])
            ),
            tooltip=[
                "place:N",
                "place_type:N",
                "precision:N",
                "children_at_risk:Q",
                "suspects:Q",
                "records:Q",
                "change_in_records:Q",
            ],
        )
    )
    return (landmarks + dots).properties(height=520).configure_view(strokeWidth=0)
