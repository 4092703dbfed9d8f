"""Need to know is structural: every catalogue query, run as restricted readers with parameters
drawn from the data (out-of-scope ones included), shows nothing outside the reader's scope.

The data holds three boroughs and all three sources, and shapes the demo generator never
makes: a child known only to Haringey but with casework (an action, a safety contact with a
postcode, a pinned peer group), a place named by records of two boroughs, a place known only
to Haringey that a Hackney child's safety plan names, Haringey actions about a Hackney child
and a Hackney place, a Lambeth child, and a gang nominal known only to the matrix.

What each reader may see is worked out here, from the records this file writes, not from the
code under test; every result is searched for the ids, names, descriptions and postcodes of
everything else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from casework import store
from casework.models import NewAction, NewAssessment, NewSafetyEntry, Subject
from jigsaw import catalogue, need_to_know
from jigsaw.access import ALL_SOURCES, Scope
from tests.builders import folder_with, hsb_case, load, nominal, referral

pytestmark = pytest.mark.neo4j


def place(name: str, postcode: str) -> dict:
    return {"place_name": name, "place_type": "takeaway", "postcode": postcode, "date_seen": "2024-02-10"}


@dataclass(frozen=True)
class Rec:
    """What this test wrote: a record's source, borough, id, the people it names and its places."""

    source: str
    borough: str
    rid: str
    people: tuple[str, ...]
    places: tuple[str, ...] = ()


SHARED_PLACE = ("Crossroads Chicken", "E8 1AB")  # named in Hackney and in Haringey
HARINGEY_PLACE = ("Quarrington Garage", "N17 0QQ")  # named only in Haringey
RECORDS = [
    Rec("mash", "Hackney", "REF-HACKNEY-A", ("Amelia Hackwell", "Kyle Sharrock"), (SHARED_PLACE[0],)),
    Rec(
        "mash",
        "Haringey",
        "REF-HARINGEY-B",
        ("Olivia Quarrington", "Kyle Sharrock"),
        (SHARED_PLACE[0], HARINGEY_PLACE[0]),
    ),
    Rec("mash", "Lambeth", "REF-LAMBETH-C", ("Lola Lambsworth",)),
    Rec("hsb", "Hackney", "HSB-HACKNEY-D", ("Jayden Hackett", "Amelia Hackwell")),
    Rec("hsb", "Haringey", "HSB-HARINGEY-E", ("Noah Haringworth", "Olivia Quarrington")),
    Rec("matrix", "Hackney", "NOM-HACKNEY-F", ("Dexter Matrixon",)),
    Rec("matrix", "Haringey", "NOM-HARINGEY-G", ("Kyle Sharrock",)),
]
PLACE_POSTCODES = {SHARED_PLACE[0]: SHARED_PLACE[1], HARINGEY_PLACE[0]: HARINGEY_PLACE[1]}
BOROUGHS = ("Hackney", "Haringey", "Lambeth")
READERS = {
    "Hackney, MASH and HSB": Scope(sources=("mash", "hsb"), boroughs=("Hackney",)),
    "gangs matrix only": Scope(sources=("matrix",), boroughs=None),
    "Hackney and Lambeth": Scope(sources=ALL_SOURCES, boroughs=("Hackney", "Lambeth")),
}


def load_data(graph, db, tmp_path) -> None:
    mash = [
        referral(
            "REF-HACKNEY-A", "Amelia Hackwell", "2009-03-01", suspect="Kyle Sharrock", places=[place(*SHARED_PLACE)]
        ),
        referral(
            "REF-HARINGEY-B",
            "Olivia Quarrington",
            "2008-07-07",
            suspect="Kyle Sharrock",
            borough="Haringey",
            places=[place(*SHARED_PLACE), place(*HARINGEY_PLACE)],
        ),
        referral("REF-LAMBETH-C", "Lola Lambsworth", "2010-10-10", borough="Lambeth"),
    ]
    hsb = [
        hsb_case("HSB-HACKNEY-D", "Jayden Hackett", "Amelia Hackwell"),
        hsb_case("HSB-HARINGEY-E", "Noah Haringworth", "Olivia Quarrington").model_copy(update={"borough": "Haringey"}),
    ]
    for case, harmed_dob in ((hsb[0], "2009-03-01"), (hsb[1], "2008-07-07")):
        case.children[1].dob = date.fromisoformat(harmed_dob)  # the same child as in MASH, so one person
    matrix = [
        nominal("NOM-HACKNEY-F", "Dexter Matrixon", "2004-04-04"),
        nominal("NOM-HARINGEY-G", "Kyle Sharrock", "2001-05-05").model_copy(update={"borough": "Haringey"}),
    ]
    load(graph, db, folder_with(tmp_path / "in", mash=mash, matrix=matrix, hsb=hsb), tmp_path)


def person_ids(graph, db) -> dict[str, str]:
    rows = graph.execute_query(
        "MATCH (m:Mention)-[:REFERS_TO]->(p:Person) WHERE m.name IS NOT NULL "
        "RETURN DISTINCT m.name AS name, p.person_id AS id",
        database_=db,
    ).records
    return {r["name"]: r["id"] for r in rows}


def place_keys(graph, db) -> dict[str, str]:
    rows = graph.execute_query("MATCH (pl:Place) RETURN pl.name AS name, pl.place_key AS key", database_=db).records
    return {r["name"]: r["key"] for r in rows}


@dataclass(frozen=True)
class Work:
    """A piece of casework this test wrote, with the words that would betray it."""

    borough: str | None  # None: safety mapping, which belongs to the child, not a borough
    subject_kind: str  # person | place | context
    subject: str  # a person's name, a place's name, or a context's name
    tell: str  # a word only this piece of casework holds


def add_casework(graph, db, people: dict[str, str], places: dict[str, str]) -> list[Work]:
    work: list[Work] = []

    def action(borough: str, kind: str, key: str, subject: str, tell: str) -> None:
        store.add_action(
            graph,
            db,
            NewAction(
                subject=Subject(kind=kind, key=key),
                kind="outreach",
                description=f"Outreach {tell}",
                owner="Youth team",
                due=date(2025, 6, 1),
                borough=borough,
            ),
            user="lead",
            purpose="CS-1",
        )
        work.append(Work(borough, kind, subject, tell))

    action("Haringey", "person", people["Olivia Quarrington"], "Olivia Quarrington", "Zanzibarquill")
    action(
        "Haringey", "person", people["Amelia Hackwell"], "Amelia Hackwell", "Haringeyquill"
    )  # another borough's, about our child
    action("Hackney", "person", people["Amelia Hackwell"], "Amelia Hackwell", "Hackneyquill")
    action("Haringey", "place", places[SHARED_PLACE[0]], SHARED_PLACE[0], "Sharedplacequill")
    action("Hackney", "place", places[SHARED_PLACE[0]], SHARED_PLACE[0], "Ourplacequill")
    action("Haringey", "place", places[HARINGEY_PLACE[0]], HARINGEY_PLACE[0], "Garagequill")
    action("Lambeth", "person", people["Lola Lambsworth"], "Lola Lambsworth", "Lambethquill")

    def safety(child: str, tell: str, **entry) -> None:
        store.add_safety(
            graph,
            db,
            NewSafetyEntry(person_id=people[child], note=f"note {tell}", **entry),
            user="lead",
            purpose="CS-1",
        )
        target = entry.get("target_key")
        work.append(Work(None, "person", child, tell))
        if target in places.values():
            work.append(Work(None, "place", next(n for n, k in places.items() if k == target), tell))

    safety("Olivia Quarrington", "Auntquill", kind="protective_adult", description="Aunt Zelda, N17 9ZZ")
    safety("Amelia Hackwell", "Grannyquill", kind="protective_adult", description="Grandmother in Hackney")
    safety("Amelia Hackwell", "Safegaragequill", kind="safe_place", target_key=places[HARINGEY_PLACE[0]])
    safety("Amelia Hackwell", "Safechickenquill", kind="safe_place", target_key=places[SHARED_PLACE[0]])

    # Peer groups from analytics, pinned as contexts by two boroughs.
    from analytics.peer_groups import analyse
    from analytics.projection import Scope as Projection
    from analytics.projection import project
    from analytics.write_back import write_peer_groups

    write_peer_groups(graph, db, Projection(), analyse(project(graph, db, Projection()), seed=7), "lead")
    groups = graph.execute_query(
        "MATCH (p:Person)-[:MEMBER_OF]->(g:PeerGroup) WHERE p.person_id = $olivia RETURN g.group_id AS g",
        olivia=people["Olivia Quarrington"],
        database_=db,
    ).records
    assert groups, "analytics put Olivia in no peer group"
    for borough, name, tell in (
        ("Haringey", "Tottenham group", "Contextquill"),
        ("Hackney", "Clapton group", "Ourcontextquill"),
    ):
        context, _ = store.pin_peer_group(graph, db, groups[0]["g"], name, borough, user="lead", purpose="CS-1")
        store.add_assessment(
            graph,
            db,
            NewAssessment(
                subject=Subject(kind="context", key=context),
                kind="plan",
                summary=f"Plan {tell}",
                owner="Youth service",
                borough=borough,
            ),
            user="lead",
            purpose="CS-1",
        )
        work.append(Work(borough, "context", name, tell))
    return work


def sees_record(scope: Scope, rec: Rec) -> bool:
    return rec.source in scope.sources and (scope.boroughs is None or rec.borough in scope.boroughs)


def forbidden(scope: Scope, people: dict[str, str], places: dict[str, str], work: list[Work]) -> dict[str, str]:
    """Every text that must not appear in any result for this reader, with what it betrays."""
    seen = [r for r in RECORDS if sees_record(scope, r)]
    hidden = [r for r in RECORDS if not sees_record(scope, r)]
    visible_people = {p for r in seen for p in r.people}
    visible_places = {pl for r in seen for pl in r.places}
    bad: dict[str, str] = {}
    for r in hidden:
        bad[r.rid] = f"record {r.rid}"
    for name in {p for r in hidden for p in r.people} - visible_people:
        bad[name] = f"person {name}"
        bad[people[name]] = f"person id of {name}"
    for name in {pl for r in hidden for pl in r.places} - visible_places:
        bad[name] = f"place {name}"
        bad[places[name]] = f"place key of {name}"
        bad[PLACE_POSTCODES[name]] = f"postcode of {name}"
    for w in work:
        in_borough = w.borough is None or scope.boroughs is None or w.borough in scope.boroughs
        subject_seen = {"person": w.subject in visible_people, "place": w.subject in visible_places, "context": True}[
            w.subject_kind
        ]
        if not (in_borough and subject_seen):
            bad[w.tell] = f"casework {w.tell} ({w.borough}, about {w.subject})"
    if not any(sees_record(scope, r) for r in RECORDS if "Olivia Quarrington" in r.people):
        bad["Aunt Zelda"] = "Olivia's safety contact"
        bad["N17 9ZZ"] = "Olivia's safety contact's postcode"
    return bad


WIDE = {
    "date_from": date(2000, 1, 1),
    "date_to": date(2030, 12, 31),
    "since": date(2000, 1, 1),
    "until": date(2030, 12, 31),
}


def parameter_sets(query: catalogue.CatalogueQuery, people: dict[str, str], places: dict[str, str]) -> list[dict]:
    """Parameters drawn from the data, out-of-scope ones included: every person, place, borough."""
    takes = {p.name: p for p in query.params}
    base = {k: v for k, v in WIDE.items() if k in takes}
    if "hops" in takes:
        base["hops"] = 3
    if "max_records" in takes:
        base["max_records"] = 8
    if "person_ids" in takes:
        base["person_ids"] = sorted(people.values())
    sets = [base]
    if "borough" in takes:
        sets = [s | {"borough": b} for s in sets for b in BOROUGHS + ((None,) if not takes["borough"].required else ())]
    if "person_id" in takes:
        sets = [s | {"person_id": p} for s in sets for p in sorted(people.values())]
    if "from_person" in takes:
        ids = sorted(people.values())
        sets = [s | {"from_person": a, "to_person": b} for s in sets for a in ids for b in ids if a < b]
    if "place_key" in takes:
        sets = [s | {"place_key": k} for s in sets for k in sorted(places.values())]
    if query.name == "person_search":
        rids = [r.rid for r in RECORDS]
        sets = (
            [{"text": n} for n in people]
            + [{"record_id": r} for r in rids]
            + [{"dob": date(2008, 7, 7)}, {"text": "Crossroads"}]
        )
    return sets


def test_no_catalogue_query_shows_a_restricted_reader_anything_outside_their_scope(graph, db, tmp_path):
    load_data(graph, db, tmp_path)
    people, places = person_ids(graph, db), place_keys(graph, db)
    assert {SHARED_PLACE[0], HARINGEY_PLACE[0]} <= set(places)
    work = add_casework(graph, db, people, places)

    # The data is what the test says: an unrestricted reader sees the Haringey child's casework.
    full = json.dumps(
        catalogue.run(graph, db, "person_casework", {"person_id": people["Olivia Quarrington"]}).rows, default=str
    )
    assert "Zanzibarquill" in full and "Aunt Zelda, N17 9ZZ" in full and "Tottenham group" in full

    runs, refused, leaks = 0, set(), []
    for label, scope in READERS.items():
        bad = forbidden(scope, people, places, work)
        assert bad
        for name, query in catalogue.catalogue().items():
            for params in parameter_sets(query, people, places):
                try:
                    result = catalogue.run(graph, db, name, params, scope=scope)
                except catalogue.NotPermitted:
                    refused.add(name)
                    assert not query.scoped
                    break
                runs += 1
                text = json.dumps(result.rows, default=str)
                leaks += [f"{label} | {name}({params}) shows {why}" for token, why in bad.items() if token in text]
    assert not leaks, "\n".join(leaks[:40])
    scoped = {n for n, q in catalogue.catalogue().items() if q.scoped}
    assert refused == set(catalogue.catalogue()) - scoped  # every query ran that the scope allows
    assert {"person_casework", "mase_actions", "person_search", "person_cards", "co_location"} <= scoped
    assert runs > 300


def test_a_hackney_reader_no_longer_sees_a_haringey_childs_casework(graph, db, tmp_path):
    """The attack of issue #15 item 5, through the function the Queries and Person pages call."""
    load_data(graph, db, tmp_path)
    people, places = person_ids(graph, db), place_keys(graph, db)
    add_casework(graph, db, people, places)
    reader = READERS["Hackney, MASH and HSB"]
    assert (
        catalogue.run(graph, db, "person_casework", {"person_id": people["Olivia Quarrington"]}, scope=reader).rows
        == []
    )
    own = catalogue.run(graph, db, "person_casework", {"person_id": people["Amelia Hackwell"]}, scope=reader).rows
    details = " ".join(r["detail"] for r in own)
    assert "Hackneyquill" in details and "Ourplacequill" in details and "Grandmother in Hackney" in details
    assert "Crossroads Chicken" in details  # a safe place Hackney's own records name
    for hidden in ("Haringeyquill", "Sharedplacequill", "Quarrington Garage", "Contextquill"):
        assert hidden not in details
    actions = catalogue.run(
        graph, db, "mase_actions", {"borough": "Haringey", "until": date(2030, 1, 1)}, scope=reader
    ).rows
    assert actions == []


def test_the_catalogue_refuses_a_scoped_query_that_forgets_need_to_know():
    header = "// name: leaky\n// question: q?\n// returns: x\n// scoped: yes\n"
    for body in (
        "MATCH (r:Record) RETURN r.source_id AS x",  # no filter at all
        "MATCH (r:Record) WHERE r.source IN $scope_sources RETURN r.source_id AS x",  # a hand copy
        (
            "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Referral) WHERE PERSON_IN_SCOPE(p) "
            "RETURN p.person_id AS x"
        ),
        "MATCH (r:Record) WHERE IN_SCOPE(r) RETURN r.source_id AS x UNION MATCH (r:Record) RETURN r.source_id AS x",
        "MATCH (p:Person) WHERE PERSON_IN_SCOPE(p) MATCH (p)<-[:CONCERNS]-(w) RETURN w.description AS x",
        "MATCH (p:Person) WHERE PERSON_IN_SCOPE(p) MATCH (p)<-[:INCLUDES]-(cx:Context) RETURN cx.name AS x",
        "MATCH (p:Person) WHERE PERSON_IN_SCOPE(p) MATCH (w)-[:CONCERNS]->(p) RETURN w.description AS x",
        (
            "MATCH (r:Record) WHERE IN_SCOPE(r) MATCH (p:Person {person_id: $id})-[s:PROTECTIVE_ADULT]->(t) "
            "RETURN t.description AS x"
        ),
        (
            "MATCH (scope_r:Record) WHERE IN_SCOPE(scope_r) MATCH (p:Person) WHERE PERSON_IN_SCOPE(p) "
            "RETURN p.person_id AS x"
        ),
    ):
        with pytest.raises(need_to_know.ScopeMissing):
            catalogue.parse("leaky", header + body)
    with pytest.raises(need_to_know.ScopeMissing):  # markers in a query not marked scoped
        catalogue.parse(
            "leaky", "// name: leaky\n// question: q?\n// returns: x\nMATCH (r:Record) WHERE IN_SCOPE(r) RETURN 1 AS x"
        )
    ok = catalogue.parse("leaky", header + "MATCH (r:Record) WHERE IN_SCOPE(r) RETURN r.source_id AS x")
    assert "$scope_boroughs" in ok.text and "IN_SCOPE" not in ok.text


def test_every_borough_in_scope_says_which_way_in_and_marks_no_record():
    """EVERY_BOROUGH_IN_SCOPE() takes no variable and filters nothing: a record matched beside it
    alone is refused, and it is expanded from the one definition."""
    header = "// name: ways\n// question: q?\n// returns: x\n// scoped: yes\n"
    with pytest.raises(need_to_know.ScopeMissing):
        catalogue.parse("ways", header + "MATCH (r:Record) WHERE EVERY_BOROUGH_IN_SCOPE() RETURN r.source_id AS x")
    ok = catalogue.parse(
        "ways",
        header + "WITH NOT EVERY_BOROUGH_IN_SCOPE( ) AS some MATCH (r:Record) WHERE IN_SCOPE(r) RETURN some AS x",
    )
    assert "WITH NOT ($scope_boroughs IS NULL) AS some" in ok.text and "EVERY_BOROUGH" not in ok.text


def test_the_result_guard_holds_back_what_a_forgotten_filter_lets_through(graph, db, tmp_path, monkeypatch):
    """A scoped query that slipped past the check (here put straight into the catalogue) still
    shows a restricted reader nothing outside their scope."""
    load_data(graph, db, tmp_path)
    people, places = person_ids(graph, db), place_keys(graph, db)
    add_casework(graph, db, people, places)
    leaky = catalogue.CatalogueQuery(
        name="leaky",
        question="q",
        returns="x",
        scoped=True,
        params=(catalogue.Param("place", "string", HARINGEY_PLACE[0], "a place's name"),),
        text="MATCH (p:Person) OPTIONAL MATCH (p)<-[:CONCERNS]-(w:Action) OPTIONAL MATCH (pl:Place {name: $place}) "
        "RETURN p.person_id AS person, w.action_id AS action, pl.place_key AS place_key ORDER BY person",
    )
    monkeypatch.setitem(catalogue.catalogue(), "leaky", leaky)
    everything = catalogue.run(graph, db, "leaky", {})
    assert {r["person"] for r in everything.rows} == set(people.values()) and everything.withheld == 0
    reader = READERS["Hackney, MASH and HSB"]
    guarded = catalogue.run(graph, db, "leaky", {}, scope=reader)
    assert guarded.rows == [] and guarded.withheld == len(everything.rows)  # the Haringey-only garage is on every row
    shared = catalogue.run(graph, db, "leaky", {"place": SHARED_PLACE[0]}, scope=reader)
    shown = {r["person"] for r in shared.rows}
    assert shown == {people[n] for n in ("Amelia Hackwell", "Kyle Sharrock", "Jayden Hackett")}
    assert all(r["action"] is None or r["person"] == people["Amelia Hackwell"] for r in shared.rows)
    text = json.dumps(shared.rows)
    assert people["Olivia Quarrington"] not in text and people["Dexter Matrixon"] not in text


def test_casework_writes_cannot_probe_or_reach_outside_the_readers_scope(graph, db, tmp_path):
    """The Reports page's casework forms (casework/store.py, with the reader's scope): a restricted
    reader cannot attach casework to someone outside their scope, nor learn that they exist."""
    load_data(graph, db, tmp_path)
    people, places = person_ids(graph, db), place_keys(graph, db)
    reader = READERS["Hackney, MASH and HSB"]
    haringey_action = store.add_action(
        graph,
        db,
        NewAction(
            subject=Subject(kind="person", key=people["Olivia Quarrington"]),
            kind="outreach",
            description="Outreach visit",
            owner="Youth team",
            due=date(2025, 6, 1),
            borough="Haringey",
        ),
        user="lead",
        purpose="CS-1",
    )

    def action(key: str, borough: str = "Hackney", kind: str = "person") -> NewAction:
        return NewAction(
            subject=Subject(kind=kind, key=key),
            kind="outreach",
            description="Outreach visit",
            owner="Youth team",
            due=date(2025, 6, 1),
            borough=borough,
        )

    def refusal(call) -> str:
        with pytest.raises((store.NotFound, ValueError)) as caught:
            call()
        return str(caught.value)

    hidden = refusal(
        lambda: store.add_action(
            graph, db, action(people["Olivia Quarrington"]), user="a", purpose="CS-1", scope=reader
        )
    )
    absent = refusal(
        lambda: store.add_action(graph, db, action("P-000000000000"), user="a", purpose="CS-1", scope=reader)
    )
    assert hidden.replace(people["Olivia Quarrington"], "X") == absent.replace(
        "P-000000000000", "X"
    )  # no existence oracle
    refusal(
        lambda: store.add_action(
            graph, db, action(places[HARINGEY_PLACE[0]], kind="place"), user="a", purpose="CS-1", scope=reader
        )
    )
    assert "outside" in refusal(
        lambda: store.add_action(
            graph, db, action(people["Amelia Hackwell"], borough="Haringey"), user="a", purpose="CS-1", scope=reader
        )
    )
    refusal(lambda: store.update_action(graph, db, haringey_action, "done", user="a", note="closed", scope=reader))
    refusal(
        lambda: store.add_safety(
            graph,
            db,
            NewSafetyEntry(person_id=people["Olivia Quarrington"], kind="protective_adult", description="Aunt"),
            user="a",
            purpose="CS-1",
            scope=reader,
        )
    )
    refusal(
        lambda: store.add_safety(
            graph,
            db,
            NewSafetyEntry(
                person_id=people["Amelia Hackwell"], kind="safe_place", target_key=places[HARINGEY_PLACE[0]]
            ),
            user="a",
            purpose="CS-1",
            scope=reader,
        )
    )
    refusal(lambda: store.pin_peer_group(graph, db, "PG-1", "group", "Hackney", user="a", purpose="CS-1", scope=reader))
    written = graph.execute_query(
        "MATCH (w) WHERE w:Action OR w:Assessment OR w:Context OR w:SafetyContact RETURN count(w) AS n", database_=db
    ).records[0]["n"]
    assert written == 1  # only the unrestricted lead's action
    # What the reader may see, they may still act on.
    store.add_action(graph, db, action(people["Amelia Hackwell"]), user="a", purpose="CS-1", scope=reader)
    store.add_action(graph, db, action(places[SHARED_PLACE[0]], kind="place"), user="a", purpose="CS-1", scope=reader)
    store.add_safety(
        graph,
        db,
        NewSafetyEntry(person_id=people["Amelia Hackwell"], kind="safe_place", target_key=places[SHARED_PLACE[0]]),
        user="a",
        purpose="CS-1",
        scope=reader,
    )


def test_a_sharing_package_selects_only_records_the_exporter_may_read(graph, db, tmp_path):
    """The package selection is checked and expanded from the same definition as the catalogue."""
    from jigsaw.cypher_files import load as cypher

    load_data(graph, db, tmp_path)
    people, places = person_ids(graph, db), place_keys(graph, db)
    text = need_to_know.scoped("sharing/select_records", cypher("sharing/select_records"))
    for label, scope in READERS.items():
        allowed = {f"{r.source}:{r.rid}" for r in RECORDS if sees_record(scope, r)}
        subjects = [("person", pid) for pid in people.values()] + [("place", key) for key in places.values()]
        for kind, key in subjects:
            rows = graph.execute_query(text, kind=kind, key=key, hops=2, **scope.params(), database_=db).records
            assert {r["record_key"] for r in rows} <= allowed, f"{label}: {kind} {key}"
    with pytest.raises(need_to_know.ScopeMissing):
        need_to_know.scoped("forgetful", "MATCH (r:Record) RETURN r.record_key")
