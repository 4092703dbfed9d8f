"""Jigsaw explorer: `jigsaw explore` runs this with Streamlit."""

import streamlit as st

st.set_page_config(page_title="Jigsaw", page_icon=":jigsaw:", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
]
st.navigation(pages).run()
