"""Jigsaw explorer: `jigsaw explore` runs this with Streamlit."""

import streamlit as st

from explorer.session import purpose_sidebar

st.set_page_config(page_title="Jigsaw", page_icon=":jigsaw:", layout="wide")

pages = {
    "Explore": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/search.py", title="Search", icon=":material/search:"),
        st.Page("pages/person.py", title="Person", icon=":material/person:"),
        st.Page("pages/connections.py", title="Connections", icon=":material/share:"),
        st.Page("pages/places.py", title="Places", icon=":material/place:"),
    ],
    "Partnership views": [
        st.Page("pages/gang_overlap.py", title="Gang overlap", icon=":material/group_work:"),
        st.Page("pages/peer_groups.py", title="Peer groups", icon=":material/diversity_3:"),
        st.Page("pages/identity_review.py", title="Identity review", icon=":material/fact_check:"),
        st.Page("pages/queries.py", title="Queries", icon=":material/manage_search:"),
        st.Page("pages/mase.py", title="MASE presentation", icon=":material/co_present:"),
    ],
}
page = st.navigation(pages)
purpose_sidebar()
page.run()
