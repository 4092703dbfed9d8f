"""Reads that give their rows 100 to a record (`// batched:`, jigsaw/bounded_read.py).

The catalogue refuses a batched file that does not stop itself at the row past the cap (its batches
are pulled at once), a batched read gives the rows, the cap and the byte cap exactly as a plain read
of the same rows, and one that gives anything but batches of plain rows is refused, not guessed at.
Each summary read that is batched gives the live query's columns and rows (tests/test_summaries.py,
tests/test_every_borough_reads.py); here, that every batched file says so and names those columns.
"""

from __future__ import annotations

import re

import pytest

from jigsaw import bounded_read, catalogue, cypher_files
from jigsaw.bounded_read import NotBatched, ResultTooLarge

HEADER = "// name: probe\n// question: q\n// returns: a, b\n// limit: 10\n"
BATCHES = (
    "UNWIND range(1, $n) AS i WITH i ORDER BY i LIMIT $rows_read "
    "WITH collect([i, 'row ' + toString(i), [toString(i), 'x']]) AS rows "
    "UNWIND range(0, size(rows) - 1, 100) AS first RETURN rows[first..first + 100] AS batch"
)
PLAIN = "UNWIND range(1, $n) AS i RETURN i AS n, 'row ' + toString(i) AS label, [toString(i), 'x'] AS tags"
COLUMNS = ("n", "label", "tags")


def test_a_batched_file_must_stop_itself_at_the_row_past_the_cap():
    with pytest.raises(ValueError, match=r"LIMIT \$rows_read"):
        catalogue.parse("probe", HEADER + "// batched: a, b\nUNWIND [[1, 2]] AS r RETURN [r] AS batch")
    limited = "// batched: a, b\nUNWIND [[1, 2]] AS r WITH r LIMIT $rows_read RETURN [r] AS batch"
    parsed = catalogue.parse("probe", HEADER + limited)
    assert parsed.batched == ("a", "b")
    assert catalogue.parse("probe", HEADER + "RETURN 1 AS a, 2 AS b").batched == ()


@pytest.mark.parametrize("line", ["a, a", "a, B-c", "a,, b", "a; DROP"])
def test_a_batched_line_must_name_each_column_once(line):
    with pytest.raises(ValueError, match="once each"):
        catalogue.parse("probe", HEADER + f"// batched: {line}\nWITH 1 AS x LIMIT $rows_read RETURN [] AS batch")


def test_every_batched_summary_read_names_the_columns_its_header_returns():
    stems = [name for name in cypher_files.names("summary") if name.startswith("read_")]
    batched = [catalogue.parse(stem, cypher_files.read(f"summary/{stem}")) for stem in stems]
    batched = [read for read in batched if read.batched]
    assert {read.name for read in batched} >= {
        "read_cross_borough_people_unrestricted",
        "read_cross_borough_people_every_borough",
        "read_gang_overlap_unrestricted",
        "read_peer_on_peer_hsb",
        "read_harmed_nominals",
        "read_missing_rising_category",
    }
    for read in batched:
        named = re.sub(r"\s*\([^)]*\)", "", read.returns)  # "displaying (person ids), ..." names displaying
        assert tuple(c.strip() for c in named.split(",")) == read.batched, read.name
        assert re.search(r"RETURN rows\[first\.\.first \+ 100\] AS batch\s*$", read.text), read.name


def test_rows_are_measured_as_before():
    """The loop over a row or a list counts what the walk of one value at a time counted."""
    row = ["P-1", ["Barnet", "Brent"], ("x", 1), [], [["a"], 2.5, None], {"k": ["v", 3]}, True, b"ab"]
    walked = 8 + sum(bounded_read._measure(v, []) for v in row)
    assert bounded_read._measure_items(row, []) == walked == bounded_read.value_size(row)
    assert bounded_read.value_size(["ab", "cde"]) == 8 + 5
    assert bounded_read.value_size(["ab", 3]) == 8 + 2 + 8


@pytest.mark.neo4j
@pytest.mark.parametrize(("n", "cap"), [(0, 10), (7, 10), (10, 10), (11, 10), (250, 1000), (1001, 1000), (2500, 1000)])
def test_a_batched_read_gives_what_a_plain_read_of_the_same_rows_gives(driver, db, n, cap):
    params = {"n": n, "rows_read": cap + 1}
    batched = bounded_read.read_capped(driver, db, BATCHES, params, cap=cap, timeout=10, batched=COLUMNS)
    plain = bounded_read.read_capped(driver, db, PLAIN, params, cap=cap, timeout=10)
    assert batched == plain
    assert len(batched[1]) == min(n, cap) and batched[2] == (n > cap)


@pytest.mark.neo4j
def test_a_batched_read_passes_the_byte_cap_as_a_plain_one_does(driver, db):
    params = {"n": 500, "rows_read": 1001}
    _, rows, _ = bounded_read.read_capped(driver, db, PLAIN, params, cap=1000, timeout=10)
    size = sum(bounded_read.value_size(list(r.values())) for r in rows)
    for text, batched in ((PLAIN, None), (BATCHES, COLUMNS)):
        read = bounded_read.read_capped(driver, db, text, params, cap=1000, timeout=10, byte_cap=size, batched=batched)
        assert len(read[1]) == 500
        with pytest.raises(ResultTooLarge, match="after 499 rows"):
            bounded_read.read_capped(driver, db, text, params, cap=1000, timeout=10, byte_cap=size - 1, batched=batched)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("RETURN [[1, 'a', ['b']]] AS rows", "one column, batch"),
        ("RETURN [[1, 'a', ['b']]] AS batch, 1 AS more", "one column, batch"),
        ("RETURN 'not a list' AS batch", "list of at most 100 rows"),
        ("RETURN [x IN range(1, 101) | [x, 'a', []]] AS batch", "list of at most 100 rows"),
        ("RETURN [[1, 'a']] AS batch", "list of 3 values"),
        ("RETURN [{n: 1}] AS batch", "list of 3 values"),
        ("MATCH (p:BatchProbe) RETURN [[1, 'a', [p]]] AS batch", "plain values"),
    ],
)
def test_a_read_that_gives_anything_but_batches_of_plain_rows_is_refused(driver, db, text, says):
    driver.execute_query("MERGE (:BatchProbe {name: 'a'})", database_=db)
    try:
        with pytest.raises(NotBatched, match=says):
            bounded_read.read_capped(driver, db, text, {}, cap=10, timeout=10, batched=COLUMNS)
    finally:
        driver.execute_query("MATCH (p:BatchProbe) DETACH DELETE p", database_=db)
