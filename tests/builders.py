"""Builders for small, valid synthetic records and loads, shared by the tests."""

from __future__ import annotations

import csv
import html
from collections import Counter
from pathlib import Path

from graph_loader.csv_format import write_source
from graph_loader.graph_rows import TO_ROWS
from graph_loader.load import LoadOptions, run_load, validate_paths
from graph_loader.models import HSB, MASH, MATRIX, HsbCase, MashReferral, MatrixNominal
from graph_loader.summaries import DERIVED_LABELS
from jigsaw import cypher_files


def referral(
    rid: str, child: str, dob: str, suspect: str | None = None, place: str | None = None, **extra
) -> MashReferral:
    data = {
        "referral_id": rid,
        "date_received": "2024-02-14",
        "borough": "Hackney",
        "referring_agency": "school",
        "cse_category": "1",
        "concern_types": ["cse"],
        "child_name": child,
        "child_dob": dob,
        "child_gender": "female",
        "people": [],
        "places": [],
    } | extra
    if suspect:
        data["people"].append(
            {"person_ref": "P1", "role": "suspected_perpetrator", "name": suspect, "dob": "2001-05-05"}
        )
    if place:
        data["places"].append(
            {"place_name": place, "place_type": "takeaway", "postcode": "E8 1AB", "date_seen": "2024-02-10"}
        )
    return MashReferral.model_validate(data)


def nominal(nid: str, name: str, dob: str, associates=()) -> MatrixNominal:
    return MatrixNominal.model_validate(
        {
            "nominal_id": nid,
            "name": name,
            "dob": dob,
            "borough": "Hackney",
            "gangs": ["Clapton Boys"],
            "harm_band": "amber",
            "date_added": "2023-09-05",
            "status": "active",
            "street_names": ["JJ"],
            "associate_ids": list(associates),
            "intelligence_grading": "3x5x2",
        }
    )


def hsb_case(cid: str, displaying: str, harmed: str, **extra) -> HsbCase:
    return HsbCase.model_validate(
        {
            "case_id": cid,
            "date_opened": "2024-01-10",
            "borough": "Hackney",
            "setting": "school",
            "aim_level": "medium",
            "children": [
                {
                    "child_ref": "C1",
                    "role": "displaying_hsb",
                    "name": displaying,
                    "dob": "2009-04-04",
                    "school": "Clapton Park Academy",
                },
                {
                    "child_ref": "C2",
                    "role": "harmed",
                    "name": harmed,
                    "dob": "2009-01-01",
                    "school": "Clapton Park Academy",
                },
            ],
        }
        | extra
    )


def folder_with(tmp: Path, mash=(), matrix=(), hsb=()) -> Path:
    for spec, records in ((MASH, mash), (MATRIX, matrix), (HSB, hsb)):
        if records:
            write_source(tmp, spec, records)
    return tmp


def small_network(tmp: Path) -> Path:
    """Amelia and Bella (children, R1 and R2) both name Kyle as a suspect and were seen at Chicken
    Spot; Kyle (GM-1) and Dean (GM-2) are matrix associates; Bella is harmed in HSB-1 by Jayden."""
    return folder_with(
        tmp,
        mash=[
            referral("R1", "Amelia Hughes", "2008-03-01", suspect="Kyle Johnson", place="Chicken Spot"),
            referral(
                "R2",
                "Bella Jones",
                "2009-01-01",
                suspect="Kyle Johnson",
                place="Chicken Spot",
                date_received="2024-05-01",
            ),
        ],
        matrix=[
            nominal("GM-1", "Kyle Johnson", "2001-05-05", ["GM-2"]),
            nominal("GM-2", "Dean Reid", "2002-02-02", ["GM-1"]),
        ],
        hsb=[hsb_case("HSB-1", "Jayden Smith", "Bella Jones")],
    )


def load(graph, db, path: Path, tmp: Path, source: str | None = None, **kw):
    options = LoadOptions(user="test-analyst", quarantine_root=tmp / "quarantine", **kw)
    return run_load(graph, db, source, path, options)


def graph_signature(graph, db) -> dict:
    """What a load produced, independent of load ids and timings."""
    labels = graph.execute_query(
        "MATCH (n) WHERE NOT n:Load AND NOT n:SchemaVersion AND NOT n:Migration RETURN labels(n) AS l, count(*) AS c",
        database_=db,
    ).records
    rels = graph.execute_query("MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS c", database_=db).records
    # Persons compared by which mentions they group, not by their generated ids.
    people = graph.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(m:Mention) WITH p, m ORDER BY m.mention_key "
        "RETURN collect(m.mention_key) AS group",
        database_=db,
    ).records
    return {
        "labels": sorted((tuple(sorted(r["l"])), r["c"]) for r in labels),
        "rels": sorted((r["t"], r["c"]) for r in rels),
        "people": sorted(tuple(r["group"]) for r in people),
    }


def personal_strings(records, *, record_ids: bool = False) -> set[str]:
    """Every full name, date of birth (as ISO, dd/mm/yyyy, '01 March 2008' and '1 March 2008') and
    full postcode of the data (and its record ids, when asked): what no pseudonymised output may hold."""
    out: set[str] = set()
    for source, rs in records.items():
        for record in rs:
            if record_ids:
                out.add(getattr(record, {"mash": "referral_id", "hsb": "case_id", "matrix": "nominal_id"}[source]))
            row = TO_ROWS[source](record)
            for m in row["mentions"]:
                props = m["props"]
                if props.get("name") and " " in props["name"]:
                    out.add(props["name"])
                if props.get("dob"):
                    d = props["dob"]
                    out |= {d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%d %B %Y"), f"{d.day} {d:%B %Y}"}
                if props.get("postcode"):
                    out.add(props["postcode"])
            out |= {p["props"]["postcode"] for p in row["places"] if p["props"].get("postcode")}
    return out


def leaks(text: str, strings: set[str]) -> list[str]:
    """The strings found in the text, read as a person would (HTML entities decoded, spacing folded)."""
    folded = " ".join(html.unescape(text).split()).lower()
    return sorted(s for s in strings if s.lower() in folded)


# A graph read back whole, to compare two ways of building it.
PER_LOAD = {"load_id", "loaded_at"}  # differ between any two loads; checked present, not equal
# Summaries are derived (graph_loader/summaries.py; tests/test_summaries.py checks their answers).
BOOKKEEPING = ("Load", "SchemaVersion", "Migration", *DERIVED_LABELS)


def whole_graph(driver, db, *, loaded_only: bool = True) -> tuple[Counter, Counter]:
    """Every node and relationship with every property (ends named by their key), as multisets.

    `loaded_only`: everything in the graph came from a load (no identity run since).
    """

    def plain(props: dict) -> tuple:
        assert PER_LOAD <= set(props) or not loaded_only, props  # every fact says which load wrote it
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items() if k not in PER_LOAD))

    def key(labels: list[str], props: dict) -> tuple:
        for name in ("record_key", "mention_key", "person_id", "place_key", "school_key", "gang_key"):
            if name in props:
                return (name, props[name])
        return (labels[0], props.get("name") or props.get("key"))

    nodes = Counter(
        (tuple(sorted(r["labels"])), plain(r["props"]))
        for r in driver.execute_query(
            "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=db
        ).records
        if not set(r["labels"]) & set(BOOKKEEPING)
    )
    relationships = Counter(
        (r["type"], key(r["al"], r["a"]), key(r["bl"], r["b"]), plain(r["props"]))
        for r in driver.execute_query(
            "MATCH (a)-[rel]->(b) RETURN type(rel) AS type, labels(a) AS al, properties(a) AS a, "
            "labels(b) AS bl, properties(b) AS b, properties(rel) AS props",
            database_=db,
        ).records
        if not set(r["al"] + r["bl"]) & set(BOOKKEEPING)
    )
    return nodes, relationships


# Rows of a MASH export file as an agency writes it (day-first dates, `;` lists), to spoil one field at a time.
GOOD_MASH_ROW = {
    "referral_id": "R1",
    "date_received": "14/02/2024",
    "borough": "Hackney",
    "referring_agency": "school",
    "cse_category": "1",
    "concern_types": "cse;missing",
    "child_name": "Amelia Hughes",
    "child_dob": "01/03/2008",
}


def mash_row(**changes) -> dict:
    return GOOD_MASH_ROW | changes


def write_mash_csv(
    folder: Path, rows: list[dict], header=MASH.main.columns, name="mash_referrals.csv", encoding="utf-8", newline="\n"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator=newline)
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(c, "") for c in header])
    return path


def validate_mash(folder: Path):
    [validated] = validate_paths("mash", folder)
    return validated


def run_migration(graph, db, name: str) -> None:
    """Run one migration's statements by hand, as jigsaw.schema.apply runs them (auto-commit)."""
    with graph.session(database=db) as session:
        for statement in cypher_files.statements(cypher_files.read(name)):
            session.run(statement).consume()


def run_paged_migration(graph, db, name: str) -> None:
    """run_migration, after checking that its backfill is paged (each page its own transaction)."""
    statements = cypher_files.statements(cypher_files.read(name))
    assert any("IN TRANSACTIONS OF" in s for s in statements), f"{name} is not paged"
    run_migration(graph, db, name)


def one_of_each(graph, db) -> dict:
    """Two generated people (name, date of birth, borough) to name again in other boroughs."""
    rows = graph.execute_query(
        "MATCH (r:Referral)-[said:MENTIONS {role: 'child_at_risk'}]->(m:Mention)-[:REFERS_TO]->(p:Person), "
        "(r)-[:IN_BOROUGH]->(b:Borough) "
        "WHERE m.dob IS NOT NULL AND m.name IS NOT NULL "
        "RETURN m.name AS name, toString(m.dob) AS dob, b.name AS borough, p.person_id AS id "
        "ORDER BY id LIMIT 2",
        database_=db,
    ).records
    return [r.data() for r in rows]


def distinct_names(n: int, surname: str) -> list[str]:
    """`n` (up to 1,600) full names no two alike: 16 first names beside 100 surnames, `surname` + 'aa' to 'jj'."""
    firsts = ["Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lu", "Mo", "Ned", "Oz", "Pip"]
    lasts = [f"{surname}{chr(97 + i)}{chr(97 + j)}" for i in range(10) for j in range(10)]
    names = [f"{f} {last}" for last in lasts for f in firsts]
    assert n <= len(names), n
    return names[:n]


def crowd_beside_a_nominal(tmp: Path, prefix: str, n: int) -> Path:
    """`n` children in Sutton, each in a referral (`prefix`-C<i>) naming the same nominal held in Sutton
    (`prefix`-NOM-C): more people within reach of one nominal than a capped answer keeps."""
    mash = [
        referral(
            f"{prefix}-C{i}", name, f"2010-{1 + i % 12:02d}-{1 + i % 28:02d}", suspect="Max Crowder", borough="Sutton"
        )
        for i, name in enumerate(distinct_names(n, "Crowe"))
    ]
    matrix = [nominal(f"{prefix}-NOM-C", "Max Crowder", "2001-05-05").model_copy(update={"borough": "Sutton"})]
    return folder_with(tmp / "crowd", mash=mash, matrix=matrix)


def person_in(graph, db, record_key: str, *, role: str | None = None, name: str | None = None) -> str:
    """The id of the person a record names in `role` (or as `name`)."""
    return graph.execute_query(
        "MATCH (:Record {record_key: $key})-[said:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person) "
        "WHERE ($role IS NULL OR said.role = $role) AND ($name IS NULL OR m.name = $name) "
        "RETURN p.person_id AS id",
        key=record_key,
        role=role,
        name=name,
        database_=db,
    ).records[0]["id"]


def generated_borough(graph, db, own_prefix: str) -> str:
    """The borough holding most generated records (the generator's one borough at scale M), the test's
    own records (source ids starting `own_prefix`) not counted."""
    return graph.execute_query(
        "MATCH (b:Borough)<-[:IN_BOROUGH]-(r:Record) WHERE NOT r.source_id STARTS WITH $own "
        "RETURN b.name AS b, count(r) AS n ORDER BY n DESC LIMIT 1",
        own=own_prefix,
        database_=db,
    ).records[0]["b"]
