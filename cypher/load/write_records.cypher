// Name: load/write_records
// Purpose: write a batch of new or changed source records: the record node, the agency
//          holding it, its borough, the people it mentions (with the role and claim
//          kind on the MENTIONS relationship), schools, places and gangs. Every node and
//          relationship written carries source_agency, source_record_id, load_id, loaded_at.
//          Doubtful values (doubtful_fields, doubts, <field>_as_recorded) come in the
//          props of records and mentions, and in p.doubts for a place as the record names it.
//          Record-owned relationships are CREATEd: a record is only written when it is
//          new, or after load/delete_record_parts removed its old parts. The record keeps its
//          borough's name too (`borough`, set on every write, so a record that moves borough on
//          reload moves in the (borough, record_date) index as well: migration 011), and whether it
//          holds a doubt in any part (`has_doubts`, graph_loader/graph_rows.holds_doubts: migration 014),
//          and the first and last date its places were seen (`seen_from`, `seen_until`,
//          graph_loader/graph_rows.sightings: migration 025).
// Parameters: $rows (list of map, from graph_loader.graph_rows), $load_id (string),
//             $loaded_at (datetime), $shared (map: for records received from another borough,
//             shared_by, sharing_agreement, shared_on, sharing_package; empty otherwise).
// Returns: written (integer).
UNWIND $rows AS row
WITH row, {source_agency: row.agency, source_record_id: row.source_id, load_id: $load_id, loaded_at: $loaded_at} AS prov
// Every borough the row names, in one place and in row order: a borough's provenance is then
// the first record to name it, however the planner orders the MERGEs below across the batch
// (and the offline importer's first load, graph_loader/import_files.py, says the same).
CALL (row, prov) {
  UNWIND [row.borough, row.placing_borough] + [p IN row.places | p.borough] AS name
  WITH name WHERE name IS NOT NULL
  MERGE (b:Borough {name: name})
    ON CREATE SET b += prov
}
MERGE (r:Record {record_key: row.record_key})
SET r:$(row.label)
SET r += row.props, r += prov, r += $shared,
    r.source_id = row.source_id, r.source = row.source,
    r.record_date = row.record_date, r.content_hash = row.content_hash, r.borough = row.borough,
    r.has_doubts = row.has_doubts, r.seen_from = row.seen_from, r.seen_until = row.seen_until
MERGE (a:Agency {key: row.agency})
  ON CREATE SET a += prov, a.name = row.agency_name
CREATE (r)-[held:HELD_BY]->(a) SET held += prov
MERGE (b:Borough {name: row.borough})
  ON CREATE SET b += prov
CREATE (r)-[inb:IN_BOROUGH]->(b) SET inb += prov
WITH r, row, prov
CALL (r, row, prov) {
  WITH r, row, prov WHERE row.placing_borough IS NOT NULL
  MERGE (pb:Borough {name: row.placing_borough})
    ON CREATE SET pb += prov
  CREATE (r)-[placed:PLACED_FROM]->(pb) SET placed += prov
}
CALL (r, row, prov) {
  UNWIND row.mentions AS m
  MERGE (mn:Mention {mention_key: m.mention_key})
  SET mn += m.props, mn += prov, mn.source = row.source
  CREATE (r)-[said:MENTIONS]->(mn)
  SET said += prov, said.role = m.role, said.claim = m.claim, said.grading = m.grading
  WITH mn, m, prov WHERE m.school_key IS NOT NULL
  MERGE (s:School {school_key: m.school_key})
    ON CREATE SET s += prov, s.name = m.school_name
  CREATE (mn)-[att:ATTENDS]->(s) SET att += prov, att.claim = 'recorded_fact'
}
CALL (r, row, prov) {
  UNWIND row.places AS p
  MERGE (pl:Place {place_key: p.place_key})
    ON CREATE SET pl += p.props, pl += prov
  CREATE (r)-[np:NAMES_PLACE]->(pl)
  SET np += prov, np.date_seen = p.date_seen, np.claim = p.claim, np.grading = p.grading,
      np.name_as_recorded = p.name_as_recorded, np += p.doubts
  WITH pl, p, prov WHERE p.borough IS NOT NULL
  MERGE (pb:Borough {name: p.borough})
    ON CREATE SET pb += prov
  MERGE (pl)-[located:IN_BOROUGH]->(pb)
    ON CREATE SET located += prov
}
CALL (r, row, prov) {
  UNWIND row.gangs AS g
  MERGE (gang:Gang {gang_key: g.gang_key})
    ON CREATE SET gang += prov, gang.name = g.name
  CREATE (r)-[ng:NAMES_GANG]->(gang)
  SET ng += prov, ng.claim = row.gang_claim, ng.grading = row.gang_grading
}
RETURN count(r) AS written
