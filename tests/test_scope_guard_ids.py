"""The result guard finds every id a row shows (jigsaw/scope_guard.shown_by), whatever shape the row has.

Pure: no database. The guard's check against the graph is tested in tests/test_need_to_know.py.
"""

from __future__ import annotations

from jigsaw.scope_guard import shown_by

PERSON, OTHER = "P-0123456789ab", "P-ba9876543210"
ACTION, ASSESSMENT, CONTEXT, ENTRY = "ACT-0123ABCD", "ASM-89ABCDEF", "CX-00FF00FF", "SM-DEADBEEF"


class Text(str):
    """A string of another type (a value a caller built, not the driver)."""


def test_every_kind_of_id_is_found_inside_text_at_any_depth():
    row = {
        "summary": f"{PERSON} met {OTHER}; see {ACTION}, {ASSESSMENT} and {CONTEXT}/{ENTRY}.",
        "nested": [{"deep": (Text(f"[{PERSON}]"),)}, {"more": {"ids": {f"x {ENTRY} y"}}}],
        "count": 3,
        "when": None,
    }
    shown = shown_by(row)
    assert shown.people == {PERSON, OTHER}
    assert shown.work == {ACTION, ASSESSMENT, CONTEXT} and shown.entries == {ENTRY}


def test_ids_run_into_other_words_or_of_the_wrong_case_are_not_ids():
    row = {
        "a": f"X{PERSON}",
        "b": f"{PERSON}0",
        "c": "P-0123456789AB",  # person ids are lower case
        "d": "act-0123abcd",  # casework ids upper case
        "e": "XSM-DEADBEEF",
        "f": "ASM-DEADBEE",
    }
    shown = shown_by(row)
    assert not (shown.people or shown.work or shown.entries or shown.records)


def test_record_keys_are_whole_values_led_by_a_sources_prefix():
    row = {
        "record_a": "mash:R-1 ",
        "records": ["matrix:N-7", "hsb: X", "not mash:R-2"],
        "source": "hsb",
        "record_id": "C-9",
        "nominal_id": "N-8",
        "hsb_case": "C-10",
        "place_key": "pc:E81AA",
    }
    shown = shown_by(row)
    assert shown.records == {"mash:R-1", "matrix:N-7", "hsb:C-9", "matrix:N-8", "hsb:C-10"}
    assert shown.places == {"pc:E81AA"}


def test_the_texts_of_a_row_are_searched_as_one_yet_each_bounds_its_own_ids():
    # shown_by searches a row's texts joined by line breaks: an id must still end where its text ends,
    # and two texts must never make an id between them.
    row = {
        "ends": [f"seen with {PERSON}", "ab"],  # the id ends with its text; the next one is not its tail
        "starts": [f"{OTHER[:6]}", f"{OTHER[6:]}"],  # halves of an id in two texts: no id
        "run_on": [f"{ACTION}X", ENTRY],  # runs on inside its own text: not an id
        "lines": f"first line\n{ASSESSMENT}\nlast line",  # a text's own line breaks bound ids as before
    }
    shown = shown_by(row)
    assert shown.people == {PERSON}
    assert shown.work == {ASSESSMENT} and shown.entries == {ENTRY}
