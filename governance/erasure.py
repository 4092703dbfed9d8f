"""Erasure: remove a record, or a person, with everything derived only from it, for good.

A tombstone (`Erasure`: the key, who, when; nothing personal) keeps each erased record and
mention key, and the loader skips tombstoned keys, so reloading a source file never brings
an erased record back. The audit trail gets the erasure with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import Driver

from graph_loader import summaries
from investigations import store as investigations
from jigsaw.cypher_files import load as cypher
from jigsaw.cypher_files import vocabulary


@dataclass
class Erased:
    records: list[str]
    mentions: int
    derived_removed: int
    investigations: int = 0  # saved investigations that held the erased data (it is gone from them too)


def erase_records(driver: Driver, database: str, record_keys: list[str], user: str) -> Erased:
    at = datetime.now(UTC)
    people = summaries.people_of(driver, database, record_keys=record_keys)  # whose summaries the erasure changes
    op = summaries.begin_change(driver, database, "erasure")
    found = driver.execute_query(
        cypher("admin/erase_records"), record_keys=record_keys, user=user, at=at, database_=database
    ).records
    if not found or not found[0]["records"]:
        summaries.release(driver, database, op)  # nothing erased
        raise KeyError(f"no record {', '.join(record_keys)}; record keys look like mash:REF-1, matrix:GM-1, hsb:CASE-1")
    derived = driver.execute_query(cypher("admin/delete_orphans"), database_=database).records[0]["deleted"]
    touched = investigations.scrub(driver, database, record_keys, [])  # snapshots keep nothing erased
    summaries.after_people(driver, database, people, op)
    return Erased(sorted(record_keys), found[0]["mentions"], derived, touched)


def erase_person(driver: Driver, database: str, person_id: str, user: str) -> Erased:
    """Records about the person go entirely; their mentions in other people's records go, the records stay."""
    text = cypher("admin/person_footprint")  # $subject_roles comes from the vocabulary, as for every query
    footprint = driver.execute_query(text, person_id=person_id, **vocabulary(text), database_=database).records
    if not footprint or not (footprint[0]["subject_records"] or footprint[0]["other_mentions"]):
        raise KeyError(f"no person {person_id}")
    records, mentions = footprint[0]["subject_records"], footprint[0]["other_mentions"]
    # whose summaries change: the person's, and (their mentions erased from others' records) those named beside them
    people = summaries.people_of(driver, database, record_keys=records, mention_keys=mentions, beside=True)
    at = datetime.now(UTC)
    op = summaries.begin_change(driver, database, "erasure")
    erased_mentions = 0
    if records:
        erased_mentions += driver.execute_query(
            cypher("admin/erase_records"), record_keys=records, user=user, at=at, database_=database
        ).records[0]["mentions"]
    if mentions:
        erased = driver.execute_query(
            cypher("admin/erase_mentions"), mention_keys=mentions, user=user, at=at, database_=database
        ).records[0]
        erased_mentions += erased["mentions"]
        # a record that stays may have lost its only doubt with the mention: doubtful_values seeks by the flag
        driver.execute_query(cypher("admin/recheck_doubts"), record_keys=erased["records"], database_=database)
    derived = driver.execute_query(cypher("admin/delete_orphans"), database_=database).records[0]["deleted"]
    touched = investigations.scrub(driver, database, records, [person_id])  # the person leaves every investigation
    summaries.after_people(driver, database, people, op)
    return Erased(sorted(records), erased_mentions, derived, touched)
