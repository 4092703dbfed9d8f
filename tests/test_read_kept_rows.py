"""A read that keeps some rows (one share of a first load's records, graph_loader/validate._shard_rows)
gives exactly the rows the whole read gives for that share: the same numbers, values and problems, and
the same notices for the file, whatever the rows it passes over hold."""

from __future__ import annotations

from pathlib import Path

from graph_loader.bounds import MAX_CELL_CHARS, MAX_COLUMNS
from graph_loader.read import read_csv
from graph_loader.validate import in_shard

COLUMNS = ["referral_id", "referral_date", "borough", "notes"]


def awkward_file(path: Path) -> Path:
    """Rows of every shape the reader judges, two of each (ids of both shares of two: the test checks)."""
    lines = ["referral_id,referral_date,borough,notes,notes"]  # a column named twice: the first is used
    for n in range(2):
        lines += [
            f"R-{n}1,2024-01-01,Hackney,first,second",
            "",  # a blank line
            ",,,,",  # a row of blank cells: blank too
            f"R-{n}2,2024-01-02,Hackney,café,x",  # not ASCII, but UTF-8
            f"R-{n}3,2024-01-03,Hackney," + "x" * (MAX_CELL_CHARS + 5) + ",y",  # a cell past the bound
            f"R-{n}4,2024-01-04,Hackney,a,b,c,d",  # more cells than the header
            f'R-{n}5,2024-01-05,Hackney,"a quoted, comma",z',
            f"R-{n}6" + "," * (MAX_COLUMNS + 2),  # a line of commas
            f"R-{n}7,2024-01-07,Hackney,tail,z",
        ]
    text = "\n".join(lines) + "\n"
    raw = text.encode("utf-8").replace(b"R-17,2024", b"R-17,\xff2024")  # a byte that is not UTF-8, in one row
    path.write_bytes(raw)
    return path


def shape(read) -> tuple:
    return (
        read.header,
        read.notices,
        read.missing_columns,
        [(r.file, r.row, r.data, r.raw, r.problem_field, r.problem) for r in read.rows],
    )


def test_each_share_reads_the_whole_reads_rows_for_it(tmp_path):
    path = awkward_file(tmp_path / "mash_referrals.csv")
    whole = read_csv(path, COLUMNS, {"referral_id"})
    assert any(r.problem and "UTF-8" in r.problem for r in whole.rows)
    assert len({r.row for r in whole.rows}) == len(whole.rows) > 10
    shares = []
    for k in range(2):
        kept = read_csv(path, COLUMNS, {"referral_id"}, lambda data, k=k: in_shard(data.get("referral_id"), (k, 2)))
        expected = [r for r in whole.rows if in_shard(r.data.get("referral_id"), (k, 2))]
        assert shape(kept)[:3] == shape(whole)[:3]  # the file's notices, even from rows passed over
        assert shape(kept)[3] == [(r.file, r.row, r.data, r.raw, r.problem_field, r.problem) for r in expected]
        shares.append(kept.rows)
    assert all(shares) and sorted(r.row for s in shares for r in s) == [r.row for r in whole.rows]


def test_a_row_of_blank_cells_is_passed_over_and_one_cell_of_text_keeps_a_row(tmp_path):
    """Blank means every cell blank, spaces and tabs included (the reader joins the cells to tell)."""
    path = tmp_path / "mash_referrals.csv"
    path.write_text("referral_id,referral_date,borough,notes\n , \t,,  \n,,,x\n\n \nR-1,2024-01-01,Hackney,\n")
    rows = read_csv(path, COLUMNS, {"referral_id"}).rows
    assert [(r.row, r.raw) for r in rows] == [(3, ["", "", "", "x"]), (6, ["R-1", "2024-01-01", "Hackney", ""])]
