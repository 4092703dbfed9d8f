"""Governance: aggregate counts for the board, so disproportionality is visible. No individual is shown."""

import streamlit as st

from explorer import tables
from explorer.data import run_query

st.title("Governance")
st.caption(
    "Counts of people by agency, role, borough and ethnicity where recorded. Aggregates only: no child, "
    "record or name is shown. Ethnicity is used here and nowhere else."
)

counts = run_query("governance_counts", page="governance")
if counts.empty:
    st.info("No records loaded yet.")
    st.stop()
counts = counts.assign(role=counts.role.str.replace("_", " "))
st.subheader("People by role and agency")
tables.show(
    counts.pivot_table(index="role", columns="source", values="people", aggfunc="sum", fill_value=0), width="stretch"
)
st.subheader("People by role and ethnicity (where recorded)")
by_ethnicity = counts.pivot_table(index="ethnicity", columns="role", values="people", aggfunc="sum", fill_value=0)
tables.show(by_ethnicity, width="stretch")
shares = by_ethnicity.div(by_ethnicity.sum(axis=0), axis=1).round(3)
st.caption(
    "Share of each role's people by ethnicity: compare the columns for children at risk and suspected "
    "perpetrators with the borough's population before drawing conclusions."
)
tables.show(shares, width="stretch")
st.subheader("People by role and borough")
tables.show(
    counts.pivot_table(index="borough", columns="role", values="people", aggfunc="sum", fill_value=0), width="stretch"
)
