"""Sharing packages between two Jigsaws, each with its own Neo4j server: a network exported by
one links to the receiving borough's existing records in the other, with its provenance."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections import Counter

import pytest

from graph_loader.csv_format import write_source
from graph_loader.load import validate_paths
from graph_loader.models import SOURCES
from identity.graph_run import run as run_identity
from jigsaw import schema
from jigsaw.connection import open_driver
from jigsaw.graph_admin import wipe_data
from sharing.exchange import export_network, import_package
from sharing.package import PackageError

from .builders import load
from .conftest import own_local_server

SEED = 5


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from fixtures.generator import generate

    folder = tmp_path_factory.mktemp("pan-london")
    generate(SEED, "S", folder)
    return folder, {v.source.key: [r.record for r in v.records] for v in validate_paths(None, folder)}


@pytest.fixture(scope="module")
def sender(driver, neo4j_server, data, tmp_path_factory):
    """The sending borough's Jigsaw (the test server), holding every record."""
    folder, _ = data
    db = neo4j_server.neo4j_database
    wipe_data(driver, db)
    load(driver, db, folder, tmp_path_factory.mktemp("q"))
    run_identity(driver, db)
    yield driver, db
    wipe_data(driver, db)


@pytest.fixture(scope="module")
def receiver_server():
    """A second Jigsaw: its own Neo4j server, home and database."""
    with own_local_server("test-receiver", "JIGSAW_TEST_SECOND_BOLT_PORT", 7699, "the sharing test starts a second local server") as settings:
        drv = open_driver(settings)
        schema.apply(drv, settings.neo4j_database)
        yield drv, settings.neo4j_database, settings
        drv.close()


def cross_borough_person(driver, db) -> tuple[str, str]:
    """A person named in records of two boroughs, and one of those boroughs."""
    row = driver.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(m:Mention)<-[:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(b:Borough) "
        "WHERE m.name IS NOT NULL AND m.dob IS NOT NULL "
        "WITH p, collect(DISTINCT b.name) AS boroughs WHERE size(boroughs) >= 2 "
        "RETURN p.person_id AS p, boroughs ORDER BY size(boroughs) DESC, p LIMIT 1", database_=db).records[0]  # fmt: skip
    return row["p"], sorted(row["boroughs"])[0]


@pytest.fixture
def receiver(receiver_server, sender, data, tmp_path):
    """The receiving borough's Jigsaw holding only its own borough's records."""
    rdrv, rdb, _ = receiver_server
    sdrv, sdb = sender
    person, borough = cross_borough_person(sdrv, sdb)
    _, records = data
    own = tmp_path / "own"
    for key, spec in SOURCES.items():
        mine = [r for r in records[key] if r.borough == borough]
        if mine:
            write_source(own, spec, mine)
    wipe_data(rdrv, rdb)
    load(rdrv, rdb, own, tmp_path)
    run_identity(rdrv, rdb)
    return rdrv, rdb, person, borough


def names_of(driver, db, person_id: str) -> set[str]:
    return {r["n"] for r in driver.execute_query("MATCH (:Person {person_id: $p})<-[:REFERS_TO]-(m:Mention) RETURN m.name AS n",
                                                 p=person_id, database_=db).records if r["n"]}  # fmt: skip


def test_an_identified_package_links_to_the_receiving_boroughs_own_records(sender, receiver, tmp_path):
    sdrv, sdb = sender
    rdrv, rdb, person, borough = receiver
    package = tmp_path / "network.zip"
    manifest, keys = export_network(sdrv, sdb, package, kind="person", key=person, hops=1, shared_by="Sending MASH",
                                    shared_with=borough, agreement="ISA-PAN-LONDON-3", purpose="STRAT-12", user="sender",
                                    identified=True)  # fmt: skip
    foreign = [k for k in keys if k not in {r["k"] for r in rdrv.execute_query("MATCH (r:Record) RETURN r.record_key AS k", database_=rdb).records}]
    assert foreign, "the network must hold records the receiver does not have"
    local_before = {r["p"] for r in rdrv.execute_query(
        "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record) RETURN DISTINCT p.person_id AS p", database_=rdb).records}  # fmt: skip

    got, report, resolved = import_package(rdrv, rdb, package, user="receiver", quarantine_root=tmp_path / "q")
    assert got.package_id == manifest.package_id and report.rows_rejected == 0 and report.records_new == len(foreign)
    # The imported records' people resolve to persons the receiver already knew from its own records.
    linked = rdrv.execute_query(
        "MATCH (r:Record {sharing_package: $pkg})-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) "
        "WHERE EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(own:Record) WHERE own.sharing_package IS NULL } "
        "RETURN DISTINCT p.person_id AS p", pkg=manifest.package_id, database_=rdb).records  # fmt: skip
    assert linked and {r["p"] for r in linked} <= local_before
    provenance = rdrv.execute_query("MATCH (r:Record {sharing_package: $pkg}) RETURN DISTINCT r.shared_by AS by, "
                                    "r.sharing_agreement AS isa, r.shared_on AS on", pkg=manifest.package_id, database_=rdb).records  # fmt: skip
    assert [(p["by"], p["isa"]) for p in provenance] == [("Sending MASH", "ISA-PAN-LONDON-3")]
    load_node = rdrv.execute_query("MATCH (l:Load {sharing_package: $pkg}) RETURN l.shared_by AS by", pkg=manifest.package_id,
                                   database_=rdb).records  # fmt: skip
    assert [l["by"] for l in load_node] == ["Sending MASH"]

    again, report2, _ = import_package(rdrv, rdb, package, user="receiver", quarantine_root=tmp_path / "q")
    assert report2.records_new == 0 and report2.records_changed == 0  # importing twice changes nothing


def test_a_pseudonymised_package_carries_no_identities_and_never_replaces_local_records(sender, receiver, data, tmp_path):
    sdrv, sdb = sender
    rdrv, rdb, person, borough = receiver
    package = tmp_path / "pseudo.zip"
    manifest, keys = export_network(sdrv, sdb, package, kind="person", key=person, hops=2, shared_by="Sending MASH",
                                    shared_with=borough, agreement="ISA-ANALYSIS-1", purpose="PROFILE", user="sender",
                                    identified=False)  # fmt: skip
    with zipfile.ZipFile(package) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist())
    _, records = data
    names = {n for rs in records.values() for r in rs for n in [getattr(r, "child_name", None), getattr(r, "name", None)] if n}
    postcodes = {r.child_postcode for r in records["mash"] if r.child_postcode}
    assert not [n for n in names if n in text] and not [p for p in postcodes if p in text]
    before = Counter(r["k"] for r in rdrv.execute_query("MATCH (r:Record) RETURN r.content_hash AS k", database_=rdb).records)
    _, report, _ = import_package(rdrv, rdb, package, user="receiver", quarantine_root=tmp_path / "q")
    assert report.rows_rejected == 0 and report.records_new == len(keys) and report.records_changed == 0
    after = Counter(r["k"] for r in rdrv.execute_query("MATCH (r:Record) WHERE r.sharing_package IS NULL RETURN r.content_hash AS k",
                                                       database_=rdb).records)  # fmt: skip
    assert after == before  # the receiver's own records are untouched


def test_an_altered_package_loads_nothing_and_a_bad_record_is_quarantined(sender, receiver, tmp_path):
    sdrv, sdb = sender
    rdrv, rdb, person, borough = receiver
    package = tmp_path / "network.zip"
    manifest, _ = export_network(sdrv, sdb, package, kind="person", key=person, hops=1, shared_by="Sending MASH",
                                 shared_with=borough, agreement="ISA-1", purpose="P", user="sender", identified=True)  # fmt: skip
    with zipfile.ZipFile(package) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    name = next(n for n in parts if n.endswith(".jsonl"))
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(altered, "w") as archive:
        for n, b in parts.items():
            archive.writestr(n, b.replace(b'"female"', b'"male"') if n == name else b)
    count = rdrv.execute_query("MATCH (r:Record) RETURN count(r) AS n", database_=rdb).records[0]["n"]
    with pytest.raises(PackageError, match="checksum"):
        import_package(rdrv, rdb, altered, user="receiver", quarantine_root=tmp_path / "q")
    assert rdrv.execute_query("MATCH (r:Record) RETURN count(r) AS n", database_=rdb).records[0]["n"] == count

    # A package whose sender's record is invalid here (checksums right): that row is quarantined, the rest load.
    lines = parts[name].decode().splitlines()
    broken = json.loads(lines[0])
    broken[next(k for k in ("date_received", "date_added", "date_opened") if k in broken)] = "31/02/2024"
    body = ("\n".join([json.dumps(broken)] + lines[1:]) + "\n").encode()
    meta = json.loads(parts["manifest.json"]) | {"files": {name: hashlib.sha256(body).hexdigest()}}
    repacked = tmp_path / "repacked.zip"
    with zipfile.ZipFile(repacked, "w") as archive:
        archive.writestr("manifest.json", json.dumps(meta))
        archive.writestr(name, body)
    _, report, _ = import_package(rdrv, rdb, repacked, user="receiver", quarantine_root=tmp_path / "q")
    assert report.rows_rejected == 1 and report.quarantine and report.rows_loaded == len(lines) - 1


def test_the_share_commands_export_and_import_and_log_both(sender, receiver, receiver_server, neo4j_server, tmp_path):
    from typer.testing import CliRunner

    from jigsaw import audit
    from jigsaw.cli import app

    _, _, person, borough = receiver
    settings = receiver_server[2]
    home = tmp_path / "home"
    common = {"JIGSAW_HOME": str(home), "JIGSAW_USER": "sharer", "NEO4J_DATABASE": neo4j_server.neo4j_database}
    package = tmp_path / "net.zip"
    out = CliRunner().invoke(app, ["share", "export", "--person", person, "--to", borough, "--agreement", "ISA-9",
                                   "--from", "Sending MASH", "--purpose", "STRAT-1", "--identified", "--out", str(package)],
                             env=common | {"NEO4J_URI": neo4j_server.bolt_uri, "NEO4J_PASSWORD": neo4j_server.password()})  # fmt: skip
    assert out.exit_code == 0, out.output
    into = CliRunner().invoke(app, ["share", "import", str(package)],
                              env=common | {"NEO4J_URI": settings.bolt_uri, "NEO4J_PASSWORD": settings.password()})  # fmt: skip
    assert into.exit_code == 0, into.output
    text = " ".join(into.output.split())
    assert "Shared by Sending MASH under ISA-9" in text and "resolved against local persons" in text
    kinds = [(e["kind"], e["action"]) for e in audit.events(home)]
    assert ("disclosure", "share export") in kinds and ("collection", "share import") in kinds
    assert ("combination", "identity run") in kinds  # resolving the received people against local ones
