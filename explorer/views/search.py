"""Search: find a child or young person by name, alias, street name, date of birth or record id."""

import streamlit as st

from explorer import tables
from explorer.data import run_query
from explorer.session import require_purpose
from jigsaw.text import plural

st.title("Search")
st.caption("Find a young person across every agency's records. Spelling need not be exact.")
require_purpose()

with st.form("search"):
    text = st.text_input("Name, alias or street name", placeholder="e.g. Jaydn Smith, or JJ")
    left, right = st.columns(2)
    dob = left.date_input("Date of birth (optional)", value=None, format="DD/MM/YYYY", min_value=None)
    record_id = right.text_input("Referral, nominal or HSB case id (optional)")
    submitted = st.form_submit_button("Search", type="primary")

if submitted:
    st.session_state["search_args"] = {"text": text.strip() or None, "dob": dob, "record_id": record_id.strip() or None}

args = st.session_state.get("search_args")
if args and any(args.values()):
    results = run_query("person_search", page="search", **args)
    if results.empty:
        st.warning("No one found. Try fewer words, a date of birth, or a record id.")
    else:
        st.write(f"{plural(len(results), 'person')} found, best match first.")
        shown = results.assign(
            names=results.names.map(", ".join),
            agencies=results.agencies.map(", ".join),
            roles=results.roles.map(lambda rs: ", ".join(r.replace("_", " ") for r in rs)),
            dobs=results.dobs.map(lambda ds: ", ".join(str(d) for d in ds)),
        )
        tables.show(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                "names": "Names as recorded",
                "dobs": "Dates of birth",
                "agencies": "Agencies holding records",
                "roles": "Roles given by records",
                "person_id": "Person",
            },
        )
        options = {row.person_id: f"{row.names} ({row.agencies})" for row in shown.itertuples()}
        chosen = st.selectbox("Open the profile of", list(options), format_func=lambda k: options.get(k, k))
        if st.button("Open profile", type="primary"):
            st.session_state["person_id"] = chosen
            st.switch_page("views/person.py")
elif args is not None:
    st.info("Enter a name, a date of birth or a record id.")
