"""Tables people read (issue 19, item 4): the helpers behind explorer/tables.show and the reports."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from explorer.tables import readable
from jigsaw.column_labels import label
from jigsaw.text import day, plural
from reports.model import Figure


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "person", "0 people"),
        (1, "person", "1 person"),
        (2, "person", "2 people"),
        (1, "child", "1 child"),
        (3, "child", "3 children"),
        (1, "record", "1 record"),
        (1204, "record", "1,204 records"),
        (2, "entry", "2 entries"),
    ],
)
def test_plural_agrees_with_the_count(count, noun, expected):
    assert plural(count, noun) == expected


def test_plural_takes_an_irregular_form_when_given():
    assert plural(1, "young person", "young people") == "1 young person"
    assert plural(4, "young person", "young people") == "4 young people"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 3, 7), "07/03/2024"),
        (datetime(2024, 3, 7, 14, 5, tzinfo=UTC), "07/03/2024 14:05"),
        (datetime(2024, 3, 7), "07/03/2024"),
        ("2024-03-07", "07/03/2024"),
        ("2024-03-07T14:05:09.123+00:00", "07/03/2024 14:05"),
        (None, ""),
        (float("nan"), ""),
        (pd.NaT, ""),
        ("None", ""),
        ("nan", ""),
        ("NaT", ""),
        ("Kyle 2024-03-07", "Kyle 2024-03-07"),
        ("07/03/2024", "07/03/2024"),
        ("9999-99-99x", "9999-99-99x"),
    ],
)
def test_one_date_format_and_blank_for_unknown(value, expected):
    assert day(value) == expected


def test_a_neo4j_date_is_shown_as_dd_mm_yyyy():
    from neo4j.time import Date, DateTime

    assert day(Date(2009, 2, 2)) == "02/02/2009"
    assert day(DateTime(2024, 11, 30, 9, 15, 0)) == "30/11/2024 09:15"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("group_id", "Group"),
        ("children_at_risk", "Children at risk"),
        ("date_from", "From"),
        ("some_new_column", "Some new column"),
        ("__odd__name__", "Odd name"),
        ("", ""),
        (3, "3"),
    ],
)
def test_every_column_gets_a_human_header(name, expected):
    assert label(name) == expected


def test_readable_frame_has_human_headers_blank_cells_and_numbers_as_numbers():
    frame = pd.DataFrame(
        {
            "group_id": ["G-1", None, "G-3"],
            "children_at_risk": [3, None, 1],
            "date_from": [date(2024, 1, 5), None, "2023-12-31"],
            "boroughs": [["Hackney", None], [], None],
            "score": ["7", 2, None],
            "mixed": [1, "a", float("nan")],
            "when": pd.to_datetime(["2024-01-05 10:00", None, "2024-02-01 00:00"]),
        }
    )
    shown, config, hide_index = readable(frame, {"score": "Score given", "mixed": {"label": None, "help": "why"}})
    assert list(shown.columns) == ["Group", "Children at risk", "From", "Boroughs", "Score given", "Mixed", "When"]
    assert hide_index and config == {"Mixed": {"label": "Mixed", "help": "why"}}
    assert shown["Group"].tolist() == ["G-1", "", "G-3"]
    assert shown["From"].tolist() == ["05/01/2024", "", "31/12/2023"]
    assert shown["Boroughs"].tolist() == ["Hackney", "", ""]
    assert shown["When"].tolist() == ["05/01/2024 10:00", "", "01/02/2024"]
    assert pd.api.types.is_numeric_dtype(shown["Children at risk"])  # right-aligned by Streamlit
    assert shown["Mixed"].tolist() == ["1", "a", ""]  # one type per column: text, and blank for unknown
    for column in shown.columns:
        assert not {"None", "nan", "NaT", "<NA>"} & {str(v) for v in shown[column] if isinstance(v, str)}


def test_a_pivot_table_keeps_its_row_labels_as_a_labelled_column():
    counts = pd.DataFrame({"role": ["child_at_risk", "suspect"], "source": ["mash", "mash"], "people": [4, 1]})
    shown, _, hide_index = readable(counts.pivot_table(index="role", columns="source", values="people", aggfunc="sum"))
    assert list(shown.columns) == ["Role", "Mash"] and hide_index


def test_two_columns_never_share_a_header():
    shown, _, _ = readable(pd.DataFrame({"person": ["P-1"], "person_id": ["P-1"]}))
    assert len(set(shown.columns)) == 2


def test_report_tables_use_the_same_headers_and_cells():
    figure = Figure(
        "t",
        "q",
        {},
        ["other_borough", "date_from", "people"],
        [["Hackney", date(2024, 1, 5), 3], [None, "2024-02-01", None], ["Camden", None, float("nan")]],
    )
    assert figure.headers == ["Other borough", "From", "People"]
    assert figure.cells == [["Hackney", "05/01/2024", 3], ["", "01/02/2024", ""], ["Camden", "", ""]]
