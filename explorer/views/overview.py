"""Overview: what the graph holds, by agency, borough and CSE category, and what needs attention.

Aggregate counts only: no child is named on this page.
"""

import streamlit as st

from explorer import tables
from explorer.data import run_query
from jigsaw.text import plural
from reports.labels import word

st.title("Overview")
st.caption("Counts across the agencies' records. No individual child is shown on this page.")

by_source = run_query("overview_by_source")
columns = st.columns(max(len(by_source), 1))
for column, row in zip(columns, by_source.itertuples()):
    column.metric(row.agency, plural(row.records, "record"))
    column.caption(f"naming {plural(row.people, 'person')}")
if by_source.empty:
    st.info("No records loaded yet. Load data with `jigsaw load --folder DIR`.")

left, right = st.columns(2)
with left:
    st.subheader("Records by borough")
    tables.show(run_query("overview_by_borough"), hide_index=True, width="stretch")
with right:
    st.subheader("Referrals by CSE category")
    categories = run_query("overview_cse_categories")
    if not categories.empty:
        # Words, not codes, on the axis: "category 1 (targeted or groomed)", "no CSE category".
        categories = categories.assign(category=categories.cse_category.map(lambda c: word(c, "cse_category")))
        st.bar_chart(categories, x="category", y="referrals", x_label="CSE category", y_label="Referrals")
    st.caption("Category 1: a child targeted or groomed. 2: opportunistic abuse. 3: habitual exploitation.")

st.subheader("Data quality")
tables.show(run_query("overview_data_quality"), hide_index=True, width="stretch")

st.subheader("Latest loads")
tables.show(run_query("overview_loads", limit=10), hide_index=True, width="stretch")
