"""The explorer's only way to the graph: catalogue queries, run read-only and audited."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph_loader.keys import KEY_SEPARATOR
from graph_loader.models import SOURCES
from jigsaw import catalogue
from jigsaw.bounded_read import QueryTooCostly, ResultTooLarge
from jigsaw.config import get_settings
from jigsaw.connection import open_explorer_driver
from jigsaw.text import day

from . import session


# The only st.cache_* in the explorer (tests/test_explorer_sessions.py keeps it so): one
# driver shared by every session. Query results are never cached, so none crosses users.
@st.cache_resource(show_spinner=False)
def graph_driver():
    settings = get_settings()
    return open_explorer_driver(settings), settings.neo4j_database


def native(value):
    """Neo4j's temporal values as Python's, recursively: pandas, Arrow and the pages expect them."""
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else value


def _run(name: str, page: str, params: dict, rows: int | None = None) -> catalogue.QueryResult:
    driver, database = graph_driver()
    try:
        result = catalogue.run(driver, database, name, params, limit=rows, scope=session.scope())
    except catalogue.NotPermitted:
        st.info(
            "This view draws on sources or boroughs outside your information-sharing agreement, so it is not "
            "available to you. Ask your administrator if you need it."
        )
        st.stop()
    except (QueryTooCostly, ResultTooLarge) as problem:  # stopped at a cap: say so, rather than a traceback
        session.log("consultation", "query stopped", page=page, query=name, params=params, reason=str(problem))
        st.error(f"Not shown: {problem}.")
        st.stop()
    result.rows = [native(row) for row in result.rows]
    people, records = touched(result.rows)
    # Rows the scope guard held back mean a query let something through: the trail says so.
    extra = {"withheld": result.withheld} if result.withheld else {}
    session.log(
        "consultation",
        "query",
        page=page,
        query=name,
        params=params,
        rows=len(result.rows),
        people=people,
        records=records,
        **extra,
    )
    if (
        result.answered_from == "summary"
    ):  # a London-wide figure kept after each change: say when (jigsaw/summary_answers.py)
        st.caption(f"As computed at {day(result.computed_at)} UTC, after the latest change to the data.")
    elif result.note:
        st.caption(f"Computed now: {result.note}.")
    return result


TOUCHED_LIMIT = 500  # ids listed per event; the count of rows is always recorded


def touched(rows: list[dict]) -> tuple[list[str], list[str]]:
    """Person ids and record keys a result shows, for the audit trail (never names)."""
    people: set[str] = set()
    records: set[str] = set()

    def visit(value) -> None:
        if isinstance(value, str):
            if value.startswith("P-"):
                people.add(value.split(":")[0])
            elif KEY_SEPARATOR in value and value.split(KEY_SEPARATOR)[0] in SOURCES:  # a record key
                records.add(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                visit(v)

    for row in rows:
        for key, value in row.items():
            if key != "names":
                visit(value)
    return sorted(people)[:TOUCHED_LIMIT], sorted(records)[:TOUCHED_LIMIT]


def run_rows(name: str, *, page: str = "", **params) -> list[dict]:
    """Run a catalogue query; audited as a consultation with the user's purpose."""
    return _run(name, page, params).rows


def run_query(name: str, *, page: str = "", **params) -> pd.DataFrame:
    result = _run(name, page, params)
    return pd.DataFrame(result.rows, columns=result.columns)


def run_list(name: str, *, page: str, **params) -> pd.DataFrame:
    """A list a person reads: its first page (catalogue.FIRST_PAGE rows), and up to the query's own limit
    when they ask, for these parameters only (new parameters start again at the first page).

    The first page is what a click costs: a restricted reader's every row is checked by the result
    guard, so 1,000 rows take twice the time of 250 at L (docs/scaling.md, fifteenth round).
    """
    cap = catalogue.get(name).limit
    key = f"whole-list-{page}-{name}"
    asked = repr(sorted(params.items()))  # the parameters the reader asked the whole list for
    whole = cap <= catalogue.FIRST_PAGE or st.session_state.get(key) == asked
    result = _run(name, page, params, rows=None if whole else catalogue.FIRST_PAGE)
    if result.truncated and not whole:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.caption(f"The first {len(result.rows):,} rows, in the list's order; there are more.")
        if right.button(f"Show up to {cap:,} rows", key=f"{key}-more"):
            st.session_state[key] = asked
            st.rerun()
    elif result.truncated:
        st.caption(f"The first {len(result.rows):,} rows: the list stops there. Narrow it to see the rest.")
    return pd.DataFrame(result.rows, columns=result.columns)


def person_cards(person_ids: list[str], *, page: str = "") -> dict[str, dict]:
    if not person_ids:
        return {}
    return {r["person_id"]: r for r in run_rows("person_cards", page=page, person_ids=sorted(set(person_ids)))}
