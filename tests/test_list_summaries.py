"""All London's missing_rising_category, harmed_nominals and peer_on_peer_hsb, answered from their summaries
(graph_loader/summaries.py, migration 017), answer exactly as the live queries do for every reader of every
borough, whatever their sources, after every kind of change, and where the 500-row cap bites; and the
lists of readers of some boroughs, from the same facts.

A reader of every borough sees a list item by its sources only: a child's rising category needs MASH, a row
of peer_on_peer_hsb HSB and MASH, a harmed nominal the matrix, and the records naming the nominal as harmed
are those of the sources the reader may read (the summary keeps each such answer apart). Every non-empty
source set is compared, beside the four readers of tests/four_readers.py and three readers of two boroughs (the
rising categories of a child referred in two of a reader's boroughs are worked out from their referrals).

Generated data with a seed the summaries were not written against, plus shapes the generator never makes:
a category of 'none' and one not given, a child whose category rises in a later load, two children's
referrals joined by an identity decision, a nominal harmed in a MASH referral and an HSB case (the referral
later moved to another borough: what a reader of some boroughs may see of it is the facts' note, migration
027), an HSB case whose children attend two schools; then a crowd of 520 children each listed by all three
(the cap bites).
"""

from __future__ import annotations

from itertools import combinations

import pytest

from fixtures.generator import generate
from governance import erasure
from graph_loader import summaries
from identity import decisions
from identity.graph_run import run as identity_run
from jigsaw import catalogue
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import (
    distinct_names,
    folder_with,
    hsb_case,
    load,
    nominal,
    person_in,
    referral,
    run_paged_migration,
)
from tests.four_readers import busiest_boroughs, four_readers
from tests.summary_checks import Comparisons

pytestmark = pytest.mark.neo4j

SEED = 8675309  # not the demo's 7, nor any other summary test's
LISTS = ("missing_rising_category", "harmed_nominals", "peer_on_peer_hsb")
CROWD = 520
MIGRATION = "migrations/027_list_facts_held"


def readers(graph, db) -> dict[str, Scope]:
    """Every source set of a reader of every borough, the four readers, and two readers of two boroughs each
    holding some of what the shapes and the crowd hold (the nominals are Sutton's, the HSB cases Bexley's, the
    referrals naming them Sutton's and Hackney's): each sees records a fact keeps filtered out, and the crowd's
    children rise over two of Sutton and Hackney's referrals (a child referred in two of a reader's boroughs)."""
    every = {
        f"every borough, {'+'.join(sources)}": Scope(sources=sources, boroughs=None)
        for n in range(1, len(ALL_SOURCES) + 1)
        for sources in combinations(ALL_SOURCES, n)
    }
    some = {
        f"every source, {' and '.join(boroughs)}": Scope(sources=ALL_SOURCES, boroughs=boroughs)
        for boroughs in (("Sutton", "Bexley"), ("Bexley", "Hackney"), ("Sutton", "Hackney"))
    }
    return every | four_readers(busiest_boroughs(graph, db)) | some


def parameter_sets(name: str, borough: str) -> list[dict]:
    if name == "missing_rising_category":
        return [{}, {"min_missing": 0}, {"min_missing": 4}, {"borough": borough}]
    return [{}, {"borough": borough}]


def assert_as_live(graph, db, when: str) -> set[tuple[str, str]]:
    """Summary == live for every reader and parameter set; returns the (query, reader) cut at the cap."""
    borough = busiest_boroughs(graph, db)[0]
    answers, cut = Comparisons(graph, db, when), set()
    for label, scope in readers(graph, db).items():
        for name in LISTS:
            for params in parameter_sets(name, borough):
                if answers.compare(label, name, params, scope).truncated:  # from the summary for every reader
                    cut.add((name, label))
    answers.check(every_one_answered=LISTS)
    return cut


def rows(graph, db, name: str, params: dict | None = None) -> list[dict]:
    result = catalogue.run(graph, db, name, params or {})
    assert result.answered_from == "summary", result.note
    return result.rows


def harmed_nominal(nid: str, name: str, dob: str, **extra):
    return nominal(nid, name, dob).model_copy(update={"harmed_or_exploited": True, "borough": "Sutton"} | extra)


def case(cid: str, displaying: str, harmed: str, harmed_dob: str, schools=("Clapton Park Academy",) * 2):
    made = hsb_case(cid, displaying, harmed).model_copy(update={"borough": "Bexley"})
    made.children[1].dob = made.children[1].dob.fromisoformat(harmed_dob)
    made.children[0].school, made.children[1].school = schools
    return made


def rosas_latest(missing_episodes: int):
    """Rosa's latest referral (category 2, risen), loaded first with three missing episodes, then reloaded."""
    return referral(
        "LS-RR-3",
        "Rosa Risewell",
        "2012-03-03",
        borough="Sutton",
        date_received="2024-01-05",
        cse_category="2",
        missing_episodes=missing_episodes,
    )


def shapes(tmp_path):
    """What the generator never makes (see the module's docstring)."""
    mash = [
        # 'none', then no category at all, then 2: risen, the middle category kept as not given
        referral(
            "LS-RR-1", "Rosa Risewell", "2012-03-03", borough="Sutton", date_received="2023-01-05", cse_category="none"
        ),
        referral(
            "LS-RR-2",
            "Rosa Risewell",
            "2012-03-03",
            borough="Bexley",
            date_received="2023-06-05",
            cse_category=None,
            missing_episodes=1,
        ),
        rosas_latest(missing_episodes=3),
        # one referral only, for now
        referral(
            "LS-TU-1", "Tia Upward", "2011-02-02", borough="Camden", date_received="2023-03-03", missing_episodes=2
        ),
        # two spellings of one child: an identity question
        referral(
            "LS-LM-1", "Lena Mergeford", "2010-07-07", borough="Sutton", date_received="2023-02-02", missing_episodes=1
        ),
        referral(
            "LS-LM-2",
            "Lena Mergford",
            "2010-07-07",
            borough="Camden",
            date_received="2024-02-02",
            cse_category="3",
            missing_episodes=5,
        ),
        # a nominal at risk in a referral and harmed in an HSB case
        referral("LS-NH-1", "Nico Harmwell", "2006-06-06", borough="Sutton", date_received="2023-04-04"),
    ]
    matrix = [
        harmed_nominal("LS-NOM-1", "Nico Harmwell", "2006-06-06"),
        harmed_nominal("LS-NOM-2", "Omar Removed", "2005-05-05", status="removed"),  # not active: not listed
    ]
    hsb = [
        case("LS-HSB-1", "Dan Otherway", "Nico Harmwell", "2006-06-06"),
        # Rosa harmed at another school than the child displaying HSB: the first school by name
        case("LS-HSB-2", "Sam Twoschool", "Rosa Risewell", "2012-03-03", schools=("Zeta School", "Alpha Academy")),
    ]
    return folder_with(tmp_path / "shapes", mash=mash, matrix=matrix, hsb=hsb)


def test_the_lists_answer_as_live_for_every_source_set_after_each_change(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=600)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, shapes(tmp_path), tmp_path)
    assert_as_live(graph, db, "after the loads")
    rosa = person_in(graph, db, "mash:LS-RR-1", role="child_at_risk")
    nico = person_in(graph, db, "matrix:LS-NOM-1", role="gang_nominal")
    rising = {r["person_id"]: r for r in rows(graph, db, "missing_rising_category")}
    assert rising[rosa]["categories"] == ["none", None, "2"], rising[rosa]
    harmed = {r["nominal_id"]: r for r in rows(graph, db, "harmed_nominals")}
    assert harmed["LS-NOM-1"]["harmed_in_other_records"] == ["hsb:LS-HSB-1", "mash:LS-NH-1"], harmed["LS-NOM-1"]
    assert "LS-NOM-2" not in harmed
    peer = {r["hsb_case"]: r for r in rows(graph, db, "peer_on_peer_hsb")}
    assert peer["LS-HSB-2"]["school"] == "Alpha Academy" and peer["LS-HSB-2"]["in_mash"] == [rosa]

    # A load adding a child's referral that makes their category rise: folded in from the touched records.
    more = [
        referral(
            "LS-TU-2",
            "Tia Upward",
            "2011-02-02",
            borough="Sutton",
            date_received="2024-03-03",
            cse_category="3",
            missing_episodes=4,
        )
    ]
    load(graph, db, folder_with(tmp_path / "more", mash=more), tmp_path)
    states = {s["name"]: s for s in summaries.states(graph, db)}
    assert {states[n]["how"] for n in LISTS} == {"incremental"}, states
    tia = person_in(graph, db, "mash:LS-TU-1", role="child_at_risk")
    assert tia in {r["person_id"] for r in rows(graph, db, "missing_rising_category")}
    assert_as_live(graph, db, "after a load adding a referral")

    # A reload changing a referral's missing episodes: Rosa's latest now has one.
    changed = [rosas_latest(missing_episodes=1)]
    assert load(graph, db, folder_with(tmp_path / "changed", mash=changed), tmp_path).records_changed == 1
    assert rosa not in {r["person_id"] for r in rows(graph, db, "missing_rising_category")}
    assert rosa in {r["person_id"] for r in rows(graph, db, "missing_rising_category", {"min_missing": 1})}
    assert_as_live(graph, db, "after a reload changing a referral")

    # A reload moving the referral naming the nominal as harmed from Sutton to Camden: the facts' note of
    # the borough holding it moves too, so a reader of Sutton and Bexley no longer sees it listed.
    sutton_bexley = Scope(sources=ALL_SOURCES, boroughs=("Sutton", "Bexley"))

    def theirs() -> dict:
        result = catalogue.run(graph, db, "harmed_nominals", {}, scope=sutton_bexley)
        assert result.answered_from == "summary", result.note
        return {r["nominal_id"]: r["harmed_in_other_records"] for r in result.rows}

    assert theirs()["LS-NOM-1"] == ["hsb:LS-HSB-1", "mash:LS-NH-1"]
    nico_moved = [referral("LS-NH-1", "Nico Harmwell", "2006-06-06", borough="Camden", date_received="2023-04-04")]
    assert load(graph, db, folder_with(tmp_path / "moved", mash=nico_moved), tmp_path).records_changed == 1
    assert theirs()["LS-NOM-1"] == ["hsb:LS-HSB-1"]
    assert_as_live(graph, db, "after a reload moving a referral to another borough")

    # An identity run (full: every summary afresh), then a decision joining Lena's two referrals.
    identity_run(graph, db)
    assert_as_live(graph, db, "after an identity run")
    # Two children's referrals joined where the identity run asks (the first such question; else the first).
    questions = decisions.open_candidates(graph, db, limit=500)
    assert questions, "no identity question to decide"
    children = [q for q in questions if q["a"]["role"] == q["b"]["role"] == "child_at_risk"]
    decisions.decide(graph, db, (children or questions)[0]["pair_key"], decisions.Verdict.same_person, "lead", "MASE")
    assert_as_live(graph, db, "after an identity decision")

    # A split: Rosa's latest referral taken out of her (the first two alone did not rise).
    moved = [m["mention_key"] for m in decisions.person_mentions(graph, db, rosa) if "LS-RR-3" in m["mention_key"]]
    decisions.split(graph, db, rosa, moved, user="lead", why="two children of one name")
    assert rosa not in {r["person_id"] for r in rows(graph, db, "missing_rising_category", {"min_missing": 0})}
    assert_as_live(graph, db, "after a split")

    # Erasures: the HSB case naming the nominal as harmed, then the nominal.
    erasure.erase_records(graph, db, ["hsb:LS-HSB-1"], user="lead")
    harmed = {r["nominal_id"]: r for r in rows(graph, db, "harmed_nominals")}
    assert harmed["LS-NOM-1"]["harmed_in_other_records"] == ["mash:LS-NH-1"]
    assert_as_live(graph, db, "after erasing a record")
    erasure.erase_person(graph, db, nico, user="lead")
    assert "LS-NOM-1" not in {r["nominal_id"] for r in rows(graph, db, "harmed_nominals")}
    assert_as_live(graph, db, "after erasing a person")

    # An identity run over new mentions after a load naming a listed child again.
    again = [referral("LS-TU-3", "Tia Upward", "2011-02-02", borough="Bexley", date_received="2024-06-06")]
    load(graph, db, folder_with(tmp_path / "again", mash=again), tmp_path)
    identity_run(graph, db, new_only=True)
    assert_as_live(graph, db, "after an identity run over new mentions")

    # A rebuild of everything gives the same answers as the upkeep left.
    kept = {name: rows(graph, db, name) for name in LISTS}
    summaries.rebuild(graph, db)
    assert {name: rows(graph, db, name) for name in LISTS} == kept

    # Missing episodes not recorded (the loader writes 0; a store written otherwise may hold none): counted as 0.
    graph.execute_query(
        "MATCH (r:Referral) WHERE r.source_id IN ['LS-TU-2', 'LS-LM-1'] SET r.missing_episodes = null", database_=db
    )
    summaries.rebuild(graph, db)
    assert_as_live(graph, db, "missing episodes not recorded")


def crowd(tmp_path):
    """CROWD children, each with a rising category (missing episodes in four tied groups), harmed in an
    HSB case beside a child in no referral, and an active harmed nominal."""
    names = distinct_names(CROWD, "Capwell")
    dob = "2009-01-01"
    mash = [
        r
        for i, name in enumerate(names)
        for r in (
            referral(f"LS-CA-{i}", name, dob, borough="Sutton", date_received="2023-01-01", missing_episodes=i % 3),
            referral(
                f"LS-CB-{i}",
                name,
                dob,
                borough="Hackney",
                date_received="2024-01-01",
                cse_category="2",
                missing_episodes=2 + i % 4,
            ),
        )
    ]
    matrix = [harmed_nominal(f"LS-CN-{i}", name, dob) for i, name in enumerate(names)]
    hsb = [case(f"LS-CH-{i}", f"Vic Display{chr(97 + i % 26)}", name, dob) for i, name in enumerate(names)]
    return folder_with(tmp_path / "crowd", mash=mash, matrix=matrix, hsb=hsb)


def test_the_lists_read_in_order_equal_live_where_the_cap_bites(graph, db, tmp_path):
    generate(SEED, "S", tmp_path / "gen", rows=300)
    load(graph, db, tmp_path / "gen", tmp_path)
    load(graph, db, crowd(tmp_path), tmp_path)
    cut = assert_as_live(graph, db, "after the crowd's load")
    for name in LISTS:
        assert (name, "everyone") in cut, cut
    assert ("missing_rising_category", "every borough, mash") in cut, cut
    assert ("peer_on_peer_hsb", "every borough, mash+hsb") in cut, cut
    for sources in ("matrix", "mash+matrix", "matrix+hsb"):
        assert ("harmed_nominals", f"every borough, {sources}") in cut, cut
    # A reader of some boroughs: their lists are sorted from their boroughs' facts, cut there too; the crowd's
    # children rise only over Sutton's and Hackney's referrals together.
    assert ("harmed_nominals", "every source, Sutton and Bexley") in cut, cut
    assert ("missing_rising_category", "every source, Sutton and Hackney") in cut, cut
    assert ("missing_rising_category", "every source, Sutton and Bexley") not in cut, cut
    assert {
        ("peer_on_peer_hsb", "every source, Sutton and Bexley"),
        ("peer_on_peer_hsb", "every source, Bexley and Hackney"),
    } <= cut, cut
    sutton_bexley = Scope(sources=ALL_SOURCES, boroughs=("Sutton", "Bexley"))
    theirs = catalogue.run(graph, db, "harmed_nominals", {}, scope=sutton_bexley)
    assert theirs.answered_from == "summary" and len(theirs.rows[0]["harmed_in_other_records"]) == 2, theirs.rows[0]
    # The nominals' lists differ by what the reader may read: all four answers were compared.
    matrix_only = catalogue.run(graph, db, "harmed_nominals", {}, scope=Scope(sources=("matrix",), boroughs=None))
    assert matrix_only.answered_from == "summary" and matrix_only.rows[0]["harmed_in_other_records"] == []
    everything = rows(graph, db, "harmed_nominals")
    assert len(everything[0]["harmed_in_other_records"]) == 3, everything[0]


NOTES = {
    "HarmedNominalFact": ("named_keys", "named_sources", "named_boroughs"),
    "PeerHsbFact": ("referral_boroughs",),
}


def notes(graph, db) -> dict:
    """Each list fact's notes of the records it names (migration 027), by the fact's nominal or case."""
    found = {}
    for label, props in NOTES.items():
        rows = graph.execute_query(
            f"MATCH (f:{label}) RETURN coalesce(f.nominal_id, f.hsb_case) AS id, [p IN $props | f[p]] AS notes",
            props=list(props),
            database_=db,
        ).records
        found |= {(label, r["id"]): r["notes"] for r in rows}
    return found


def test_the_migration_notes_where_each_listed_record_is_held_on_a_store_from_before_it(graph, db, tmp_path):
    load(graph, db, shapes(tmp_path), tmp_path)
    built = notes(graph, db)
    assert built[("HarmedNominalFact", "LS-NOM-1")] == [
        ["hsb:LS-HSB-1", "mash:LS-NH-1"],
        ["hsb", "mash"],
        ["Bexley", "Sutton"],
    ], built
    assert built[("PeerHsbFact", "LS-HSB-2")] == [["Sutton", "Bexley", "Sutton"]], built
    for label, props in NOTES.items():
        graph.execute_query(f"MATCH (f:{label}) REMOVE {', '.join(f'f.{p}' for p in props)}", database_=db)
    run_paged_migration(graph, db, MIGRATION)
    assert notes(graph, db) == built
    answers = Comparisons(graph, db, "after the migration")
    for label, scope in readers(graph, db).items():
        if scope.boroughs is not None:
            for name in ("harmed_nominals", "peer_on_peer_hsb"):
                answers.compare(label, name, {}, scope)
    answers.check(every_one_answered=("harmed_nominals", "peer_on_peer_hsb"))
