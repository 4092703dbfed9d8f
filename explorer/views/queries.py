"""Queries: every catalogue query, with a form generated from its header; results as a table, a graph and CSV."""

import json

import pandas as pd
import streamlit as st

from explorer import downloads, graph_panel, tables
from explorer.data import graph_driver, native, run_list
from explorer.session import log, require_purpose, scope
from explorer.ties_among import graph_of
from jigsaw import catalogue, free_cypher
from jigsaw.spreadsheet_safe import safe_csv
from jigsaw.text import plural

st.title("Queries")
st.caption("Every question Jigsaw can answer, with its parameters. Queries are read-only, capped and timed out.")
require_purpose()

queries = {q.name: q for q in catalogue.catalogue().values()}
name = st.selectbox("Question", sorted(queries), format_func=lambda n: f"{n}: {queries[n].question}")
query = queries[name]
first = f"the first {catalogue.FIRST_PAGE:,}, then " if query.limit > catalogue.FIRST_PAGE else ""
st.caption(f"Returns: {query.returns}. Shows {first}at most {query.limit:,} rows; stops after {query.timeout:g} s.")

with st.form(f"params-{name}"):
    given = {}
    for param in query.params:
        label = f"{param.name} ({param.type})" + (" *" if param.required else "")
        default = (
            "" if param.default is None else str(param.default).lower() if param.type == "bool" else str(param.default)
        )
        given[param.name] = st.text_input(label, value=default, help=param.doc, key=f"{name}-{param.name}")
    submitted = st.form_submit_button("Run", type="primary")

if submitted:
    try:
        params = query.bind(given)
    except ValueError as problem:
        st.error(str(problem))
        st.stop()
    st.session_state["query_run"] = (name, params)

if st.session_state.get("query_run", (None,))[0] == name:
    _, params = st.session_state["query_run"]
    result = run_list(name, page="queries", **params)
    st.write(f"{plural(len(result), 'row')}.")
    tables.show(result, hide_index=True, width="stretch")
    downloads.offer(
        "Download CSV",
        lambda: safe_csv(result),
        file_name=f"{name}.csv",
        mime="text/csv",
        key="query-csv",
        action="export csv",
        query=name,
        params=params,
        rows=len(result),
    )
    person_columns = [
        c for c in result.columns if c.startswith("person") or c in {"a", "b", "source_person", "target_person"}
    ]
    people = sorted(
        {v for c in person_columns for v in result[c].dropna() if isinstance(v, str) and v.startswith("P-")}
    )
    if people and st.toggle("Draw the people in these results"):
        graph_panel.show(
            graph_of(people[:500], page="queries"),
            title=f"{name}: people in the results",
            key="queries",
            page="queries",
        )

st.divider()
st.subheader("Write your own query (read-only)")
if not scope().unrestricted:
    st.info("Free queries can read every source and borough, so they are open only to readers of all of them.")
    st.stop()
st.caption(
    "Checked before it runs: only reads of this database may run; writes, schema changes, LOAD CSV, SHOW and "
    "TERMINATE commands and procedures outside the allowlist are refused. Runs once, read-only, at most "
    "1,000 rows, 16 MiB and 10 seconds. "
    "Put values in parameters, e.g. `$name`."
)
with st.form("free-cypher"):
    text = st.text_area(
        "Cypher", height=140, placeholder="MATCH (p:Place) RETURN p.name AS place, p.place_type AS type LIMIT 20"
    )
    raw_params = st.text_input("Parameters as JSON (optional)", placeholder='{"name": "Chicken Spot"}')
    go = st.form_submit_button("Check and run")
if go:
    try:
        free_params = json.loads(raw_params) if raw_params.strip() else {}
        if not isinstance(free_params, dict):
            raise ValueError("parameters must be a JSON object")
        driver, database = graph_driver()
        outcome = free_cypher.run(driver, database, text, free_params)
    except (ValueError, free_cypher.Refused) as problem:
        log("consultation", "free query refused", text=text, reason=str(problem))
        st.error(f"Not run: {problem}")
    else:
        log("consultation", "free query", text=text, params=free_params, rows=len(outcome.rows))
        st.write(plural(len(outcome.rows), "row") + (" (capped)" if outcome.truncated else "") + ".")
        tables.show(
            pd.DataFrame([native(r) for r in outcome.rows], columns=outcome.columns), hide_index=True, width="stretch"
        )
