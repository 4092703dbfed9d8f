"""Peer groups for a period, from the CLI to the Peer groups page: an analyst sees a group form, grow or split.

Referrals in two quarters of 2024: in the first, a group of three and a group of four; in the
second, the three joined by a fourth, the four split into two groups with newcomers, and a new
group. `jigsaw analytics peer-groups --last 3m --to ...` finds each quarter's groups; the page
shows either period and, compared with the first, what changed.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from explorer.group_changes import changes
from jigsaw_cli import app as cli
from tests.builders import folder_with, load, referral
from tests.explorer_app import app

pytestmark = pytest.mark.neo4j

DOB = {
    name: f"2008-0{1 + i % 9}-1{i % 9}"
    for i, name in enumerate("Amy Ben Cal Dan Eve Fay Hal Gus Ivy Jo Kim Lee Max".split())
}


def _named(child: str, when: str, *others: str, rid: str):
    people = [
        {"person_ref": f"P{i}", "role": "associate", "name": f"{o} Test", "dob": DOB[o]} for i, o in enumerate(others)
    ]
    return referral(rid, f"{child} Test", DOB[child], date_received=when, people=people)


def _two_quarters():
    first, second = "2024-02-10", "2024-05-10"
    ties = [
        # first quarter: Amy, Ben, Cal; Dan, Eve, Fay, Hal
        (first, "Amy", "Ben", "Cal"),
        (first, "Ben", "Cal"),
        (first, "Dan", "Eve", "Fay", "Hal"),
        (first, "Fay", "Hal", "Eve"),
        (first, "Eve", "Hal"),
        # second quarter: Amy's group grows with Gus; Dan's splits; Kim, Lee and Max form a group
        (second, "Amy", "Ben", "Cal", "Gus"),
        (second, "Gus", "Ben", "Cal"),
        (second, "Dan", "Eve", "Ivy"),
        (second, "Ivy", "Eve"),
        (second, "Fay", "Hal", "Jo"),
        (second, "Jo", "Hal"),
        (second, "Kim", "Lee", "Max"),
        (second, "Lee", "Max"),
    ]
    return [_named(child, when, *others, rid=f"R{i}") for i, (when, child, *others) in enumerate(ties)]


def test_how_groups_changed_is_worked_out_from_shared_members():
    earlier = {"E1": {"a", "b", "c"}, "E2": {"d", "e", "f", "h"}, "E3": {"x", "y", "z"}, "E4": {"p", "q", "r"}}
    later = {
        "L1": {"a", "b", "c", "g"},
        "L2": {"d", "e", "i"},
        "L3": {"f", "h", "j"},
        "L4": {"k", "l", "m"},
        "L5": {"x", "y", "z"},
        "L6": {"x", "p", "q"},  # one of E3 moved: not a split of E3
    }
    found = changes(later, earlier)
    assert found["L1"] == "grew from E1 (+1)"
    assert found["L2"] == found["L3"] == "split from E2"
    assert found["L4"] == "new: formed this period"
    assert found["L5"] == "the same as E3"
    assert found["L6"] == "shrank from E4 (-1)" or found["L6"].startswith("changed from E4")
    assert changes({"M": {"a", "b", "d", "e"}}, earlier)["M"] == "merged from E1, E2"


def test_groups_for_a_period_from_the_cli_to_the_peer_groups_page(explorer_env, graph, db, tmp_path):
    from identity.graph_run import run as resolve

    load(graph, db, folder_with(tmp_path / "in", mash=_two_quarters()), tmp_path)
    resolve(graph, db)
    runner = CliRunner()
    for args in (["--last", "3m", "--to", "2024-03-31"], ["--from", "2024-04-01", "--to", "2024-06-30"]):
        done = runner.invoke(cli, ["analytics", "peer-groups", "--seed", "7", *args])
        assert done.exit_code == 0, done.output
        assert "recorded strengths" in done.output  # weighed ties: the default
    refused = runner.invoke(cli, ["analytics", "peer-groups", "--last", "3m", "--from", "2024-01-01"])
    assert refused.exit_code != 0 and "not both" in refused.output
    for hostile in ("99999y", "6 months; DROP", "-3m", "0d"):
        assert runner.invoke(cli, ["analytics", "peer-groups", "--last", hostile]).exit_code != 0

    at = app()
    at.switch_page("views/peer_groups.py").run()
    assert not at.exception and not at.error
    labels = list(at.selectbox(key="period").options)  # as shown: each period in words
    assert len(labels) == 2 and labels[0].startswith("01/04/2024 to 30/06/2024") and "01/01/2024" in labels[1]
    table = at.dataframe[0].value
    assert sorted(table["Young people"]) == [3, 3, 3, 4]  # the second quarter: four groups
    at.selectbox(key="compare_with").select_index(1).run()  # the first quarter
    assert not at.exception
    table = at.dataframe[0].value
    change = sorted(table["Since the earlier period"])
    assert change[0].startswith("grew from PG-") and change[1] == "new: formed this period"
    assert change[2] == change[3] and change[2].startswith("split from PG-")
    at.selectbox(key="period").select_index(1).run()  # the first quarter
    assert not at.exception
    assert sorted(at.dataframe[0].value["Young people"]) == [3, 4]
