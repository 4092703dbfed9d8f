"""graph_loader/count_files.py on shapes the generator rarely makes, without a server: what each part
counts and what the merge makes of it (tests/test_first_load.py compares the imported counts with
cypher/summary/counts_build.cypher's on a real graph)."""

from __future__ import annotations

import csv

from graph_loader import count_files, import_files


def _graph(records: list[dict]) -> import_files.Graph:
    """A part's graph: each record {key, label, source, agency, agency_name?, boroughs, cse_category?,
    mentions: [(key, role, ethnicity)]}."""
    graph = import_files.Graph()
    for r in records:
        props = {"source": r["source"]} | ({"cse_category": r["cse_category"]} if "cse_category" in r else {})
        graph.merge(("Record", r["label"]), r["key"], props)
        graph.first(("Agency",), r["agency"], lambda r=r: {"name": r.get("agency_name", r["agency"])})
        graph.relate("HELD_BY", ("Record", r["key"]), ("Agency", r["agency"]), {})
        for borough in r["boroughs"]:
            graph.relate("IN_BOROUGH", ("Record", r["key"]), ("Borough", borough), {})
        for mention, role, ethnicity in r["mentions"]:
            graph.merge(("Mention",), mention, {"ethnicity": ethnicity} if ethnicity is not None else {})
            graph.relate("MENTIONS", ("Record", r["key"]), ("Mention", mention), {"role": role})
    return graph


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_counts_merge_parts_by_agency_name_and_count_only_resolved_people(tmp_path):
    first = _graph(
        [
            # Two agencies of one name are one group, as counts_build groups by name.
            {
                "key": "mash:1",
                "label": "Referral",
                "source": "mash",
                "agency": "a1",
                "agency_name": "Same",
                "boroughs": ["Camden"],
                "cse_category": "2",
                "mentions": [("m1", "child_at_risk", "")],
            },
            # Tied to no borough: in no count at all.
            {
                "key": "mash:2",
                "label": "Referral",
                "source": "mash",
                "agency": "a1",
                "agency_name": "Same",
                "boroughs": [],
                "cse_category": "3",
                "mentions": [("m2", "child_at_risk", "White")],
            },
        ]
    )
    second = _graph(
        [
            {
                "key": "mash:3",
                "label": "Referral",
                "source": "mash",
                "agency": "a2",
                "agency_name": "Same",
                "boroughs": ["Camden"],
                "mentions": [("m3", "child_at_risk", None), ("m4", "child_at_risk", "White")],
            },
        ]
    )
    merged = import_files.Graph()
    merged.take_shared(first)
    merged.take_shared(second)
    parts = [count_files.part_counts(first), count_files.part_counts(second)]
    # m1 and m3 are one child; m4 was never resolved to anyone.
    files = count_files.write(merged, parts, {"m1": "P-1", "m2": "P-2", "m3": "P-1"}, tmp_path)
    by_label = {label: _rows(path) for label, path in files.node_files}
    # One child, ethnicity not recorded (an empty value is no property once imported); m4's group has nobody.
    assert by_label["GovernanceCount"] == [
        {
            ":ID(Count)": "0",
            "source:string": "mash",
            "role:string": "child_at_risk",
            "ethnicity:string": "not recorded",
            "people:long": "1",
        }
    ]
    assert [r["records:long"] for r in by_label["BoroughCount"]] == ["2"]
    # A referral with no category is a group of its own, with no category property.
    assert sorted((r["cse_category:string"], r["referrals:long"]) for r in by_label["CategoryCount"]) == [
        ("", "1"),
        ("2", "1"),
    ]
    assert [(r["agency:string"], r["records:long"], r["people:long"]) for r in by_label["SourceCount"]] == [
        ("Same", "2", "1")
    ]
    assert [(r["agency:string"], r["records:long"], r["people:long"]) for r in by_label["SourceTotal"]] == [
        ("Same", "2", "1")
    ]
    ties = _rows(files.relationship_files[0][1])
    # Every count but SourceTotal hangs off its borough.
    assert len(ties) == files.relationships == files.nodes - 1 and {t[":END_ID(Borough)"] for t in ties} == {"Camden"}
