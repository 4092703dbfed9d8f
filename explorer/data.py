"""The explorer's only way to the graph: catalogue queries, run read-only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jigsaw import catalogue
from jigsaw.config import get_settings
from jigsaw.connection import open_driver


@st.cache_resource(show_spinner=False)
def _driver():
    settings = get_settings()
    return open_driver(settings), settings.neo4j_database


def run_query(name: str, **params) -> pd.DataFrame:
    driver, database = _driver()
    result = catalogue.run(driver, database, name, params)
    return pd.DataFrame(result.rows, columns=result.columns)
