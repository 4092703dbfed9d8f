// name: hotspots
// question: Which places are hotspots: most children at risk, suspects and records in a period, and how has that changed since the period before?
// param: date_from: date = null  Start of the period (default: a year before date_to).
// param: date_to: date = null  End of the period (default: the latest record).
// param: borough: string = null  Only places located in this borough, with every record that names them whichever borough holds it (optional).
// param: held: bool = false  With borough: read it as the borough holding the records instead, i.e. places named in records held for this borough, wherever the place is, counting only those records.
// returns: place, place_type, postcode, latitude, longitude, borough, place_key, children_at_risk, suspects, records, previous_children, previous_suspects, previous_records, change_in_records
// limit: 200
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Also given $rows_read, as every read is (jigsaw/catalogue.run_parameters): the rows it stops at.
// The latest record only when no end is given (it read every record in London on every call), and
// then the newest through the record_date index, stopping at the first the reader may read. (Named: for
// a reader of one source the planner sought that source's records instead and sorted them all, 265,436
// MASH referrals at L, 0.3 s on every call.)
CALL () {
  WITH 1 AS one WHERE $date_to IS NULL
  MATCH (r:Record)
  USING INDEX r:Record(record_date)
  WHERE r.record_date IS NOT NULL AND IN_SCOPE(r)
  RETURN r.record_date AS latest ORDER BY latest DESC LIMIT 1
  UNION ALL
  WITH 1 AS one WHERE $date_to IS NOT NULL
  RETURN null AS latest
}
WITH coalesce($date_to, latest) AS to
WITH to, coalesce($date_from, to - duration('P1Y')) AS from
WITH from, to, from - duration.inDays(from, to) - duration('P1D') AS before,
     NOT EVERY_BOROUGH_IN_SCOPE() AS some_boroughs  // the reader is limited to some
// A borough's hotspots start from that borough's places, not from every place in London (a tenth of
// a second at pan-London size, against most of a second). A place is in a borough when a record
// located it there; one with no borough recorded is in none. Every other way starts from the records
// seen in the period and the one before: a record keeps the first and last day its places were seen
// (`seen_from`, `seen_until`: graph_loader/graph_rows.sightings, migration 025), so the (borough,
// seen_until) and (seen_until) indexes give those records, not a borough's (or London's) whole history.
// Each way behind a one-row guard: a guard written beside the MATCH filtered after the scan it guards.
// (UNION ALL: the guards let one way run, so there is nothing to make distinct, and the counts below are
// of distinct people and records anyway.)
CALL (from, to, before, some_boroughs) {
  WITH 1 AS one WHERE $borough IS NOT NULL AND NOT $held
  // (Only records name places; the period before the scope, so only the sightings in it are judged.)
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(pl:Place)<-[np:NAMES_PLACE]-(r)
  WITH r, np, pl, coalesce(np.date_seen, r.record_date) AS seen WHERE seen >= before AND seen <= to
  WITH r, np, pl WHERE IN_SCOPE(r)
  RETURN r, np, pl
  UNION ALL
  // With held, the borough's records seen in the period; all London for a reader of some boroughs,
  // their boroughs' (the only records they may read). A borough outside the reader's holds none they
  // may read: nothing is read there.
  WITH 1 AS one WHERE ($borough IS NOT NULL AND $held) OR ($borough IS NULL AND some_boroughs)
  MATCH (start:Borough)
  WHERE BOROUGH_IN_SCOPE(start) AND ($borough IS NULL OR start.name = $borough)
  CALL (start, before, to) {  // from each borough: planned as one pattern, it started from every place
    MATCH (r:Record)
    USING INDEX r:Record(borough, seen_until)
    WHERE r.borough = start.name AND r.seen_until >= before AND r.seen_from <= to AND IN_SCOPE(r)
    MATCH (r)-[np:NAMES_PLACE]->(pl:Place)
    RETURN r, np, pl
  }
  RETURN r, np, pl
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND NOT some_boroughs
  MATCH (r:Record)
  USING INDEX r:Record(seen_until)
  WHERE r.seen_until >= before AND r.seen_from <= to AND IN_SCOPE(r)
  MATCH (r)-[np:NAMES_PLACE]->(pl:Place)
  RETURN r, np, pl
}
WITH from, to, before, pl, r, coalesce(np.date_seen, r.record_date) AS seen
WHERE seen >= before AND seen <= to
// Only the people counted (a record with none of them still counts as a record); a record's MENTIONS
// always end at a Mention, and REFERS_TO at a Person.
OPTIONAL MATCH (r)-[said:MENTIONS]->(m)-[:REFERS_TO]->(p)
  WHERE said.role IN $child_roles OR said.role IN $harming_roles
// (Each row's kind worked out once, not once a count.)
WITH pl, seen >= from AS current, r, said.role IN $child_roles AS child, said.role IN $harming_roles AS harming, p
WITH pl,
     count(DISTINCT CASE WHEN current AND child THEN p END) AS children_at_risk,
     count(DISTINCT CASE WHEN current AND harming THEN p END) AS suspects,
     count(DISTINCT CASE WHEN current THEN r END) AS records,
     count(DISTINCT CASE WHEN NOT current AND child THEN p END) AS previous_children,
     count(DISTINCT CASE WHEN NOT current AND harming THEN p END) AS previous_suspects,
     count(DISTINCT CASE WHEN NOT current THEN r END) AS previous_records
WHERE records > 0
WITH * ORDER BY children_at_risk + suspects DESC, records DESC, pl.name, pl.place_key LIMIT $rows_read
// (Sorted first, and cut at the rows the catalogue reads (`$rows_read`, the cap and one to tell it was cut),
// so the lookups below are made for the places shown only; by key last, as places in different boroughs
// can share a name, so that every run cuts the list at the same place.)
// The borough the place is in, else the one holding most of the reader's records naming it: where
// the map puts the place (approximately) when neither coordinates nor postcode say more.
CALL (pl) {
  OPTIONAL MATCH (pl)-[:IN_BOROUGH]->(own:Borough)
  RETURN own.name AS own_borough LIMIT 1
}
// (A record's borough by the name it keeps, the same as its IN_BOROUGH tie's: tests/test_borough_names.py;
// the tie is found past every relationship of the record. The records naming a place are walked only
// for a place in no borough: most places are in one, and a busy place is named by hundreds of records.)
CALL (pl, own_borough) {
  WITH 1 AS one WHERE own_borough IS NULL
  OPTIONAL MATCH (pl)<-[:NAMES_PLACE]-(held_r:Record)
  WHERE held_r.borough IS NOT NULL AND IN_SCOPE(held_r)
  RETURN held_r.borough AS held_borough, count(held_r) AS naming ORDER BY naming DESC, held_borough LIMIT 1
  UNION ALL
  WITH 1 AS one WHERE own_borough IS NOT NULL
  RETURN null AS held_borough, 0 AS naming
}
RETURN pl.name AS place, pl.place_type AS place_type, pl.postcode AS postcode, pl.latitude AS latitude,
       pl.longitude AS longitude, coalesce(own_borough, held_borough) AS borough, pl.place_key AS place_key, children_at_risk, suspects, records,
       previous_children, previous_suspects, previous_records, records - previous_records AS change_in_records
