"""The load benchmark's offline-importer reference: property types in the importer's CSV header."""

from __future__ import annotations

from bench.offline_import import column_type


def test_value_types_become_importer_column_types():
    assert column_type(["STRING NOT NULL"]) == "string"
    assert column_type(["INTEGER NOT NULL"]) == "long"
    assert column_type(["DATE NOT NULL"]) == "date"
    assert column_type(["ZONED DATETIME NOT NULL"]) == "datetime"
    assert column_type(["LIST<STRING NOT NULL> NOT NULL"]) == "string[]"


def test_an_empty_list_takes_the_type_of_the_others_and_a_mixture_becomes_string():
    assert column_type(["LIST<NOTHING> NOT NULL", "LIST<STRING NOT NULL> NOT NULL"]) == "string[]"
    assert column_type(["INTEGER NOT NULL", "STRING NOT NULL"]) == "string"
    assert column_type(["MAP NOT NULL"]) == "string"  # no importer type: written as text
