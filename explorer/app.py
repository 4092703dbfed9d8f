"""Jigsaw explorer: `jigsaw explore` runs this with Streamlit.

Nobody sees a page with data before signing in; each role sees only its own pages.
The pages live in `views/`, not `pages/`: Streamlit would serve a `pages/` folder's scripts
directly, without this one, until a session first called `st.navigation`.
"""

import streamlit as st

from explorer import session_keeper
from explorer.auth import enforce_timeouts, keep_account_current, resume_session, sign_in_page, sign_out
from explorer.session import account, purpose_sidebar
from jigsaw.access import ROLE_PAGES

st.set_page_config(page_title="Jigsaw", page_icon=":jigsaw:", layout="wide")

PAGES = {
    "overview": ("Overview", ":material/dashboard:", "Explore"),
    "search": ("Search", ":material/search:", "Explore"),
    "person": ("Person", ":material/person:", "Explore"),
    "connections": ("Connections", ":material/share:", "Explore"),
    "places": ("Places", ":material/place:", "Explore"),
    "gang_overlap": ("Gang overlap", ":material/group_work:", "Partnership views"),
    "peer_groups": ("Peer groups", ":material/diversity_3:", "Partnership views"),
    "identity_review": ("Identity review", ":material/fact_check:", "Partnership views"),
    "queries": ("Queries", ":material/manage_search:", "Partnership views"),
    "mase": ("MASE presentation", ":material/co_present:", "Partnership views"),
    "reports": ("Reports and actions", ":material/summarize:", "Partnership views"),
    "investigations": ("Investigations", ":material/folder_shared:", "Explore"),
    "governance": ("Governance", ":material/balance:", "Oversight"),
    "audit": ("Audit trail", ":material/policy:", "Oversight"),
    "load_data": ("Load data", ":material/upload_file:", "Oversight"),
}

resume_session()  # a reload, a second tab or a direct link with a live session cookie
enforce_timeouts()
keep_account_current()  # a disabled, reset or re-scoped account takes effect now
signed_in = account()
if signed_in is None:
    st.navigation([st.Page(sign_in_page, title="Sign in", icon=":material/login:")], position="hidden").run()
    st.stop()

allowed = ROLE_PAGES[signed_in.role]
sections: dict[str, list] = {}
for stem in allowed:
    title, icon, section = PAGES[stem]
    sections.setdefault(section, []).append(
        st.Page(f"views/{stem}.py", title=title, icon=icon, default=stem == allowed[0])
    )
page = st.navigation(sections)
purpose_sidebar()
session_keeper.keep()  # activity and the case reference kept with the server-side session
st.sidebar.button("Sign out", on_click=sign_out)
page.run()
