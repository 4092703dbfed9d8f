"""Sharing packages between two Jigsaws, each with its own Neo4j server: a network exported by
one links to the receiving borough's existing records in the other, with its provenance.

The hostile half (issue #15, items 3, 4 and 9): forged, unsigned, untrusted and revoked
packages are refused; a trusted one reusing a local record id sits beside the local record
and never replaces it; zip bombs, crowded and nested packages are refused within bounded
memory; a pseudonymised package leads back to no record or person by trying candidate ids.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from collections import Counter
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from graph_loader.csv_format import write_source
from graph_loader.load import validate_paths
from graph_loader.models import SOURCES
from graph_loader.resolve_exact import person_id_for
from identity.graph_run import run as run_identity
from jigsaw import schema
from jigsaw.connection import open_driver
from jigsaw.graph_admin import wipe_data
from jigsaw.pseudonyms import pseudonym
from sharing import keyring
from sharing.archive import ArchiveError, Budget, Limits, copy_checked
from sharing.exchange import export_network, import_package
from sharing.package import Manifest, PackageError, open_package, signature_for
from tests.paths import REPO_ROOT

from .builders import load

SEED = 5


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    from fixtures.generator import generate

    folder = tmp_path_factory.mktemp("pan-london")
    generate(SEED, "S", folder)
    return folder, {v.source.key: [r.record for r in v.records] for v in validate_paths(None, folder)}


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """The sending borough's signing key, trusted by the receiving borough as 'Sending MASH'."""
    sender_home, receiver_home = tmp_path_factory.mktemp("sender-home"), tmp_path_factory.mktemp("receiver-home")
    raw = keyring.init_signing_key(sender_home)
    trusted = keyring.trust(receiver_home, raw, "Sending MASH", "receiving-admin")
    return SimpleNamespace(
        sender_home=sender_home,
        receiver_home=receiver_home,
        sender_key=keyring.signing_key(sender_home),
        namespace=trusted.namespace,
        fingerprint=trusted.fingerprint,
    )


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
def receiver_server(local_server):
    """A second Jigsaw: its own Neo4j server, home and database."""
    with local_server(
        "test-receiver", "JIGSAW_TEST_SECOND_BOLT_PORT", 7699, "the sharing test starts a second local server"
    ) as settings:
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
        "RETURN p.person_id AS p, boroughs ORDER BY size(boroughs) DESC, p LIMIT 1",
        database_=db,
    ).records[0]
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
    return {
        r["n"]
        for r in driver.execute_query(
            "MATCH (:Person {person_id: $p})<-[:REFERS_TO]-(m:Mention) RETURN m.name AS n", p=person_id, database_=db
        ).records
        if r["n"]
    }


@pytest.mark.neo4j
def test_an_identified_package_links_to_the_receiving_boroughs_own_records(sender, receiver, keys, tmp_path):
    sdrv, sdb = sender
    rdrv, rdb, person, borough = receiver
    package = tmp_path / "network.zip"
    manifest, record_keys = export_network(
        sdrv,
        sdb,
        package,
        kind="person",
        key=person,
        hops=1,
        shared_by="Sending MASH",
        shared_with=borough,
        agreement="ISA-PAN-LONDON-3",
        purpose="STRAT-12",
        user="sender",
        identified=True,
        home=keys.sender_home,
    )
    own = {r["k"] for r in rdrv.execute_query("MATCH (r:Record) RETURN r.record_key AS k", database_=rdb).records}
    assert set(record_keys) - own and set(record_keys) & own, (
        "the network must hold records the receiver has and has not"
    )
    local_before = {
        r["p"]
        for r in rdrv.execute_query(
            "MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record) RETURN DISTINCT p.person_id AS p",
            database_=rdb,
        ).records
    }

    got = import_package(rdrv, rdb, package, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q")
    report = got.report
    # Every shared record sits beside the receiver's own, even where the receiver holds its own copy.
    assert (
        got.manifest.package_id == manifest.package_id
        and report.rows_rejected == 0
        and report.records_new == len(record_keys)
    )
    assert {
        r["k"]
        for r in rdrv.execute_query(
            "MATCH (r:Record) WHERE r.sharing_package IS NULL RETURN r.record_key AS k", database_=rdb
        ).records
    } == own
    # The imported records' people resolve to persons the receiver already knew from its own records.
    linked = rdrv.execute_query(
        "MATCH (r:Record {sharing_package: $pkg})-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) "
        "WHERE EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(own:Record) WHERE own.sharing_package IS NULL } "
        "RETURN DISTINCT p.person_id AS p",
        pkg=manifest.package_id,
        database_=rdb,
    ).records
    assert linked and {r["p"] for r in linked} & local_before
    provenance = rdrv.execute_query(
        "MATCH (r:Record {sharing_package: $pkg}) RETURN DISTINCT r.shared_by AS by, "
        "r.shared_by_key AS key, r.sharing_agreement AS isa, r.shared_on AS on",
        pkg=manifest.package_id,
        database_=rdb,
    ).records
    assert [(p["by"], p["key"], p["isa"]) for p in provenance] == [
        ("Sending MASH", keys.fingerprint, "ISA-PAN-LONDON-3")
    ]
    load_node = rdrv.execute_query(
        "MATCH (l:Load {sharing_package: $pkg}) RETURN l.shared_by AS by", pkg=manifest.package_id, database_=rdb
    ).records
    assert [node["by"] for node in load_node] == ["Sending MASH"]

    again = import_package(rdrv, rdb, package, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q")
    assert again.report.records_new == 0 and again.report.records_changed == 0  # importing twice changes nothing


@pytest.mark.neo4j
def test_a_pseudonymised_package_carries_no_identities_and_never_replaces_local_records(
    sender, receiver, data, keys, tmp_path
):
    sdrv, sdb = sender
    rdrv, rdb, person, borough = receiver
    package = tmp_path / "pseudo.zip"
    _manifest, record_keys = export_network(
        sdrv,
        sdb,
        package,
        kind="person",
        key=person,
        hops=2,
        shared_by="Sending MASH",
        shared_with=borough,
        agreement="ISA-ANALYSIS-1",
        purpose="PROFILE",
        user="sender",
        identified=False,
        home=keys.sender_home,
    )
    with zipfile.ZipFile(package) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist())
    _, records = data
    names = {
        n
        for rs in records.values()
        for r in rs
        for n in [getattr(r, "child_name", None), getattr(r, "name", None)]
        if n
    }
    postcodes = {r.child_postcode for r in records["mash"] if r.child_postcode}
    assert not [n for n in names if n in text] and not [p for p in postcodes if p in text]
    before = Counter(
        r["k"] for r in rdrv.execute_query("MATCH (r:Record) RETURN r.content_hash AS k", database_=rdb).records
    )
    report = import_package(
        rdrv, rdb, package, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q"
    ).report
    assert report.rows_rejected == 0 and report.records_new == len(record_keys) and report.records_changed == 0
    after = Counter(
        r["k"]
        for r in rdrv.execute_query(
            "MATCH (r:Record) WHERE r.sharing_package IS NULL RETURN r.content_hash AS k", database_=rdb
        ).records
    )
    assert after == before  # the receiver's own records are untouched


@pytest.mark.neo4j
def test_an_altered_package_loads_nothing_and_a_bad_record_is_quarantined(sender, receiver, keys, tmp_path):
    sdrv, sdb = sender
    rdrv, rdb, person, borough = receiver
    package = tmp_path / "network.zip"
    _manifest, _ = export_network(
        sdrv,
        sdb,
        package,
        kind="person",
        key=person,
        hops=1,
        shared_by="Sending MASH",
        shared_with=borough,
        agreement="ISA-1",
        purpose="P",
        user="sender",
        identified=True,
        home=keys.sender_home,
    )
    with zipfile.ZipFile(package) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    name = next(n for n in parts if n.endswith(".jsonl"))
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(altered, "w") as archive:
        for n, b in parts.items():
            archive.writestr(n, b.replace(b'"female"', b'"male"') if n == name else b)
    count = rdrv.execute_query("MATCH (r:Record) RETURN count(r) AS n", database_=rdb).records[0]["n"]
    with pytest.raises(PackageError, match="checksum"):
        import_package(rdrv, rdb, altered, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q")
    assert rdrv.execute_query("MATCH (r:Record) RETURN count(r) AS n", database_=rdb).records[0]["n"] == count

    # A package whose sender's record is invalid here (checksums right, signed): that row is quarantined, the rest load.
    lines = parts[name].decode().splitlines()
    broken = json.loads(lines[0])
    broken[next(k for k in ("date_received", "date_added", "date_opened") if k in broken)] = "31/02/2024"
    body = ("\n".join([json.dumps(broken)] + lines[1:]) + "\n").encode()
    meta = json.loads(parts["manifest.json"]) | {"files": {name: hashlib.sha256(body).hexdigest()}}
    repacked = tmp_path / "repacked.zip"
    build_package(repacked, {name: body}, json.dumps(meta).encode(), keys.sender_key)
    report = import_package(
        rdrv, rdb, repacked, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q"
    ).report
    assert report.rows_rejected == 1 and report.quarantine and report.rows_loaded == len(lines) - 1


@pytest.mark.neo4j
def test_the_share_commands_export_and_import_and_log_both(sender, receiver, receiver_server, neo4j_server, tmp_path):
    from typer.testing import CliRunner

    from jigsaw import audit
    from jigsaw_cli import app

    _, _, person, borough = receiver
    settings = receiver_server[2]
    sender_home, receiver_home = tmp_path / "sender-home", tmp_path / "receiver-home"
    send = {
        "JIGSAW_HOME": str(sender_home),
        "JIGSAW_USER": "sharer",
        "NEO4J_DATABASE": neo4j_server.neo4j_database,
        "NEO4J_URI": neo4j_server.bolt_uri,
        "NEO4J_PASSWORD": neo4j_server.password(),
    }
    receive = {
        "JIGSAW_HOME": str(receiver_home),
        "JIGSAW_USER": "receiver",
        "NEO4J_DATABASE": neo4j_server.neo4j_database,
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_PASSWORD": settings.password(),
    }
    cli = CliRunner()
    package = tmp_path / "net.zip"
    export = [
        "share",
        "export",
        "--person",
        person,
        "--to",
        borough,
        "--agreement",
        "ISA-9",
        "--from",
        "Sending MASH",
        "--purpose",
        "STRAT-1",
        "--identified",
        "--out",
        str(package),
    ]
    out = cli.invoke(app, export, env=send)
    assert out.exit_code == 2 and "share keys init" in " ".join(out.output.split())  # no key, no package
    assert cli.invoke(app, ["share", "keys", "init"], env=send).exit_code == 0
    assert cli.invoke(app, ["share", "keys", "init"], env=send).exit_code == 2  # never replaced silently
    shown = cli.invoke(app, ["share", "keys", "show", "--out", str(tmp_path / "sender.pem")], env=send)
    fingerprint = re.search(r"Fingerprint: ((?:[0-9A-F]{4} ){4}[0-9A-F]{4})", shown.output).group(1)
    out = cli.invoke(app, export, env=send)
    assert out.exit_code == 0, out.output

    # Not trusted yet: refused, saying how to trust it.
    into = cli.invoke(app, ["share", "import", str(package)], env=receive)
    assert into.exit_code == 2 and "does not trust" in " ".join(into.output.split())
    # A fingerprint that does not match what was read out over the phone: not trusted.
    wrong = cli.invoke(
        app,
        [
            "share",
            "keys",
            "trust",
            str(tmp_path / "sender.pem"),
            "--name",
            "Sending MASH",
            "--fingerprint",
            "0000 0000 0000 0000 0000",
        ],
        env=receive,
    )
    assert wrong.exit_code == 2 and not keyring.trusted(receiver_home)
    trusted = cli.invoke(
        app,
        ["share", "keys", "trust", str(tmp_path / "sender.pem"), "--name", "Sending MASH"],
        input=fingerprint.lower() + "\n",
        env=receive,
    )
    assert trusted.exit_code == 0, trusted.output
    assert fingerprint in cli.invoke(app, ["share", "keys", "list"], env=receive).output
    folder = receiver_home / keyring.FOLDER
    assert (
        stat.S_IMODE(folder.stat().st_mode) == 0o700
        and stat.S_IMODE((folder / keyring.TRUSTED).stat().st_mode) == 0o600
    )
    assert stat.S_IMODE((sender_home / keyring.FOLDER / keyring.SIGNING_KEY).stat().st_mode) == 0o600

    into = cli.invoke(app, ["share", "import", str(package)], env=receive)
    assert into.exit_code == 0, into.output
    text = " ".join(into.output.split())
    assert (
        f"Shared by Sending MASH (key {fingerprint}) under ISA-9" in text and "resolved against local persons" in text
    )
    assert ("disclosure", "share export") in [(e["kind"], e["action"]) for e in audit.events(sender_home)]
    kinds = [(e["kind"], e["action"]) for e in audit.events(receiver_home)]
    assert ("collection", "share import") in kinds and ("alteration", "share keys trust") in kinds
    assert ("combination", "identity run") in kinds  # resolving the received people against local ones

    # Revoked: its packages are refused from then on.
    assert cli.invoke(app, ["share", "keys", "revoke", fingerprint], env=receive).exit_code == 0
    into = cli.invoke(app, ["share", "import", str(package)], env=receive)
    assert into.exit_code == 2 and "revoked" in into.output


# --- the forged package (issue #15, item 3) ------------------------------------------------


def build_package(path, files: dict[str, bytes], manifest: bytes, key: Ed25519PrivateKey | None, names=None) -> None:
    """A package as an attacker builds one by hand: any manifest bytes, any files, signed or not."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        if key is not None:
            archive.writestr("signature.json", signature_for(manifest, key))
        for name, body in files.items():
            archive.writestr(name, body)


def forged_manifest(files: dict[str, bytes], borough: str) -> bytes:
    return manifest_for({n: hashlib.sha256(b).hexdigest() for n, b in files.items()}, borough)


def manifest_for(checksums: dict[str, str], borough: str) -> bytes:
    return (
        Manifest(
            package_id="PKG-20250514-1A2B3C4D",
            shared_by="Haringey MASH",
            shared_with=borough,
            agreement="ISA-PAN-LONDON-3",
            purpose="STRAT-12",
            exported_by="j.smith",
            exported_at=datetime.now(UTC),
            identified=True,
            subject="network of person P-1, 1 hop",
            files=checksums,
            records={"mash": 1},
        )
        .model_dump_json(indent=2)
        .encode()
    )


def local_referral(rdrv, rdb, records, borough):
    """A referral the receiver holds, naming at least two other people: what the attacker rewrote."""
    own = {
        r["k"]
        for r in rdrv.execute_query(
            "MATCH (r:Record) WHERE r.sharing_package IS NULL RETURN r.record_key AS k", database_=rdb
        ).records
    }
    return next(
        r
        for r in records["mash"]
        if r.borough == borough
        and len(r.people) >= 2
        and f"mash:{r.referral_id}" in own
        and r.cse_category.value != "none"
    )


def as_it_stands(rdrv, rdb, record_key: str) -> dict:
    """Everything the receiver's record says: its properties, and each person it names with their role."""
    rows = rdrv.execute_query(
        "MATCH (r:Record {record_key: $k}) OPTIONAL MATCH (r)-[said:MENTIONS]->(m:Mention) "
        "RETURN properties(r) AS r, collect([m.mention_key, said.role, m.name, m.dob]) AS people",
        k=record_key,
        database_=rdb,
    ).records
    return {"record": rows[0]["r"], "people": sorted(rows[0]["people"])}


def tampered(referral) -> bytes:
    """The attacker's rewrite: no CSE concern, closed, one person gone and another's role changed."""
    record = referral.model_dump(mode="json", exclude_none=True)
    record |= {"cse_category": "none", "summary": "No concerns. Closed."}
    record["people"] = record["people"][1:]
    record["people"][0]["role"] = "professional" if record["people"][0]["role"] != "professional" else "family"
    return (json.dumps(record) + "\n").encode()


@pytest.mark.neo4j
def test_a_forged_package_is_refused_and_the_local_referral_is_untouched(
    receiver, receiver_server, data, keys, tmp_path
):
    from typer.testing import CliRunner

    from jigsaw_cli import app

    rdrv, rdb, _, borough = receiver
    referral = local_referral(rdrv, rdb, data[1], borough)
    key = f"mash:{referral.referral_id}"
    before = as_it_stands(rdrv, rdb, key)
    files = {"mash.jsonl": tampered(referral)}
    manifest = forged_manifest(files, borough)
    attacker = Ed25519PrivateKey.generate()

    unsigned, untrusted, resigned = tmp_path / "unsigned.zip", tmp_path / "untrusted.zip", tmp_path / "resigned.zip"
    build_package(unsigned, files, manifest, None)
    build_package(untrusted, files, manifest, attacker)  # a plausible shared_by, signed by a key nobody trusted
    # A real signature by the trusted sender, lifted from another package onto the forged manifest.
    genuine = forged_manifest({"mash.jsonl": b"{}\n"}, borough)
    with zipfile.ZipFile(resigned, "w") as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("signature.json", signature_for(genuine, keys.sender_key))
        archive.writestr("mash.jsonl", files["mash.jsonl"])
    settings = receiver_server[2]
    env = {
        "JIGSAW_HOME": str(keys.receiver_home),
        "JIGSAW_USER": "receiver",
        "NEO4J_DATABASE": rdb,
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_PASSWORD": settings.password(),
    }
    for package, why in [
        (unsigned, "not signed"),
        (untrusted, "does not trust"),
        (resigned, "signature does not match"),
    ]:
        out = CliRunner().invoke(app, ["share", "import", str(package)], env=env)
        assert out.exit_code == 2 and why in " ".join(out.output.split()), out.output
        assert "Nothing loaded" in out.output
    assert as_it_stands(rdrv, rdb, key) == before
    assert not rdrv.execute_query(
        "MATCH (r:Record) WHERE r.sharing_package IS NOT NULL RETURN r LIMIT 1", database_=rdb
    ).records


@pytest.mark.neo4j
def test_a_trusted_package_reusing_a_local_id_sits_beside_the_local_referral(receiver, data, keys, tmp_path):
    rdrv, rdb, _, borough = receiver
    referral = local_referral(rdrv, rdb, data[1], borough)
    key = f"mash:{referral.referral_id}"
    before = as_it_stands(rdrv, rdb, key)
    files = {"mash.jsonl": tampered(referral)}
    package = tmp_path / "signed.zip"
    build_package(package, files, forged_manifest(files, borough), keys.sender_key)  # the trusted sender's own key

    got = import_package(rdrv, rdb, package, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q")
    assert got.report.records_new == 1 and got.report.records_changed == 0
    assert as_it_stands(rdrv, rdb, key) == before  # category, summary, people and roles exactly as they were
    beside = as_it_stands(rdrv, rdb, f"{key}@{keys.namespace}")["record"]
    assert beside["cse_category"] == "none" and beside["summary"] == "No concerns. Closed."
    assert (beside["shared_by"], beside["shared_by_key"], beside["sharing_package"]) == (
        "Sending MASH",
        keys.fingerprint,
        "PKG-20250514-1A2B3C4D",
    )
    assert beside["shared_on"] == datetime.now(UTC).date().isoformat()
    again = import_package(rdrv, rdb, package, home=keys.receiver_home, user="receiver", quarantine_root=tmp_path / "q")
    assert (again.report.records_new, again.report.records_changed, again.report.records_unchanged) == (0, 0, 1)
    assert as_it_stands(rdrv, rdb, key) == before


# --- hostile archives (issue #15, item 4) --------------------------------------------------


def signed_zip(path, entries: list[tuple[str, bytes]], key, borough="Hackney") -> None:
    files = dict(entries)
    manifest = forged_manifest(files, borough)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("signature.json", signature_for(manifest, key))
        for name, body in entries:
            archive.writestr(name, body)


@pytest.fixture(scope="module")
def bomb(keys, tmp_path_factory):
    """1 GiB of newlines as mash.jsonl (about 1 MB on disk), its checksum right, signed by the trusted sender."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    block, digest = b"\n" * (1 << 20), hashlib.sha256()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mash.jsonl", "w") as entry:
            for _ in range(1024):
                entry.write(block)
                digest.update(block)
        manifest = manifest_for({"mash.jsonl": digest.hexdigest()}, "Hackney")
        archive.writestr("manifest.json", manifest)
        archive.writestr("signature.json", signature_for(manifest, keys.sender_key))
    assert path.stat().st_size < 4 << 20
    return path


MEASURE = """
import json, re, resource, sys
from jigsaw_cli import app
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# A guard for the machine, not the measure: 1 GiB more address space than the imports took.
size_kib = int(re.search(r"VmSize:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
resource.setrlimit(resource.RLIMIT_AS, ((size_kib + (1 << 20)) * 1024, resource.RLIM_INFINITY))
try:
    code = app(sys.argv[1:], standalone_mode=False)
except SystemExit as err:
    code = err.code
except BaseException as err:
    code = getattr(err, "exit_code", repr(err))
print(json.dumps({"code": code, "before_kib": before, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def test_a_zip_bomb_is_refused_within_bounded_memory(bomb, keys):
    """`jigsaw share import` in a process of its own: its peak memory may not grow 200 MB past what
    importing the CLI took (main peaked at 9.7 GB). No server is reachable: refused before any query."""
    env = os.environ | {
        "JIGSAW_HOME": str(keys.receiver_home),
        "NEO4J_URI": "bolt://127.0.0.1:9",
        "NEO4J_PASSWORD": "x",
        "PYTHONPATH": str(REPO_ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, "share", "import", str(bomb)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] not in (0, None), done.stderr
    assert "Nothing loaded" in done.stderr and "compression bomb" in " ".join(done.stderr.split())
    assert result["peak_kib"] - result["before_kib"] < 200 * 1024


def test_an_entry_that_inflates_past_its_directory_entry_is_stopped_while_streaming(tmp_path):
    """The directory's sizes are only claims: the copy counts what actually comes out, and stops."""
    body = b'{"a": 1}\n' * 200_000  # 1.8 MB
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mash.jsonl", body)
    with zipfile.ZipFile(path) as archive, pytest.raises(ArchiveError, match="inflates past"):
        copy_checked(
            archive,
            "mash.jsonl",
            tmp_path / "out",
            hashlib.sha256(body).hexdigest(),
            Budget(Limits(entry_bytes=1 << 20, lines=10**9)),
        )
    assert not (tmp_path / "out").exists()
    with zipfile.ZipFile(path) as archive, pytest.raises(ArchiveError, match="more than 5,000 lines"):
        copy_checked(archive, "mash.jsonl", tmp_path / "out", hashlib.sha256(body).hexdigest(), Budget())


def test_crowded_nested_and_doubled_packages_are_refused(keys, tmp_path):
    into = tmp_path / "into"
    crowded = tmp_path / "crowded.zip"
    with zipfile.ZipFile(crowded, "w") as archive:  # a million-entry zip in miniature: 20,000 entries
        for i in range(20_000):
            archive.writestr(f"e{i}", b"")
    with pytest.raises(PackageError, match="20,000 entries"):
        open_package(crowded, into, keys.receiver_home)
    for name in ["../mash.jsonl", "sub/mash.jsonl", "/mash.jsonl", "..\\mash.jsonl", "mash.jsonl/"]:
        nested = tmp_path / "nested.zip"
        signed_zip(nested, [(name, b"{}\n")], keys.sender_key)
        with pytest.raises(PackageError, match="unexpected files"):
            open_package(nested, into, keys.receiver_home)
    doubled = tmp_path / "doubled.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        signed_zip(doubled, [("mash.jsonl", b"{}\n"), ("mash.jsonl", b"{}\n")], keys.sender_key)
    with pytest.raises(PackageError, match="appears twice"):
        open_package(doubled, into, keys.receiver_home)
    assert not into.exists() or not list(into.iterdir())
    assert not (tmp_path / "mash.jsonl").exists()


# --- pseudonyms that lead back (issue #15, item 9) ---------------------------------------


@pytest.mark.neo4j
def test_a_pseudonymised_package_leads_back_to_no_record_or_person_by_trying_candidates(
    sender, receiver, data, keys, tmp_path
):
    """The attacker holds the package and the sender's data (ids are guessable): every candidate
    record id, reference and person id (stored or recomputed from record ids) is tried against
    every id, reference and pseudonym in the package, the way main's were reversed."""
    sdrv, sdb = sender
    _, _, person, borough = receiver
    package = tmp_path / "pseudo.zip"
    manifest, _ = export_network(
        sdrv,
        sdb,
        package,
        kind="person",
        key=person,
        hops=2,
        shared_by="Sending MASH",
        shared_with=borough,
        agreement="ISA-ANALYSIS-1",
        purpose="PROFILE",
        user="sender",
        identified=False,
        home=keys.sender_home,
    )
    with zipfile.ZipFile(package) as archive:
        rows = [
            json.loads(line)
            for n in archive.namelist()
            if n.endswith(".jsonl")
            for line in archive.read(n).splitlines()
        ]
        manifest_text = archive.read("manifest.json").decode()
    ids = {r[f] for r in rows for f in ("referral_id", "nominal_id", "case_id") if f in r}
    ids |= {a for r in rows for a in r.get("associate_ids", [])}
    ids |= {
        p[f]
        for r in rows
        for p in r.get("people", []) + r.get("children", [])
        for f in ("person_ref", "child_ref")
        if f in p
    }
    names = {r[f] for r in rows for f in ("child_name", "name") if f in r}
    names |= {p["name"] for r in rows for p in r.get("people", []) + r.get("children", [])}
    assert len(ids) >= 4 and len(names) >= 4

    _, records = data
    candidate_records = {getattr(r, SOURCES[s].id_field) for s, rs in records.items() for r in rs}
    candidate_refs = {p.person_ref for r in records["mash"] for p in r.people if p.person_ref}
    candidate_refs |= {c.child_ref for r in records["hsb"] for c in r.children if c.child_ref}
    graph = sdrv.execute_query(
        "MATCH (m:Mention) OPTIONAL MATCH (m)-[:REFERS_TO]->(p:Person) RETURN m.mention_key AS m, p.person_id AS p",
        database_=sdb,
    ).records
    candidate_people = (
        {r["p"] for r in graph if r["p"]} | {person_id_for(r["m"]) for r in graph} | {r["m"] for r in graph}
    )
    keys_tried = {manifest.package_id, manifest.agreement, manifest.purpose, manifest.subject, manifest.shared_by}

    leads = [i for i in ids if i in candidate_refs or i.split("/")[-1] in candidate_records]
    leads += [i for i in ids for c in candidate_records if c in i]
    leads += [p for p in candidate_people for k in keys_tried if pseudonym(p, k) in names]
    leads += [n for n in names if any(c in n for c in candidate_people | candidate_records)]
    leads += [c for c in candidate_people | candidate_records if c in manifest_text]  # e.g. the subject's person id
    assert not leads, f"{len(leads)} pseudonymised value(s) led back to a record or person, e.g. {leads[:3]}"


def test_hostile_key_files_and_sender_names_are_refused(tmp_path):
    """What `keys trust` reads is bounded and must be an Ed25519 key; a sender's name, shown on
    every record it shares, may not carry terminal escapes or bidirectional overrides."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from typer.testing import CliRunner

    from jigsaw_cli import app

    env = {"JIGSAW_HOME": str(tmp_path / "home"), "JIGSAW_USER": "admin"}
    good = tmp_path / "good.pem"
    good.write_bytes(keyring.public_pem(keyring.raw_public_key(Ed25519PrivateKey.generate())))
    big = tmp_path / "big.pem"
    big.write_bytes(b"A" * (1 << 20))
    other = tmp_path / "ec.pem"
    other.write_bytes(
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    fp = keyring.fingerprint(keyring.read_public_key_file(good))
    cases = [
        (big, "Haringey MASH", "too large"),
        (other, "Haringey MASH", "not an Ed25519"),
        (good, "Haringey\x1b[31m MASH", "printable"),
        (good, "Haringey \u202eHSAM", "printable"),
    ]
    for file, name, why in cases:
        out = CliRunner().invoke(
            app, ["share", "keys", "trust", str(file), "--name", name, "--fingerprint", fp], env=env
        )
        assert out.exit_code == 2 and why in out.output, out.output
    assert not keyring.trusted(tmp_path / "home")
    marked = CliRunner().invoke(
        app, ["share", "keys", "trust", str(good), "--name", "[bold]Haringey[/bold]", "--fingerprint", fp], env=env
    )
    assert marked.exit_code == 0 and "[bold]Haringey[/bold]" in marked.output  # shown as typed, not as markup
