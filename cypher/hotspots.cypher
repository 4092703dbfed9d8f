// name: hotspots
// question: Which places are hotspots: most children at risk, suspects and records in a period, and how has that changed since the period before?
// param: date_from: date = null  Start of the period (default: a year before date_to).
// param: date_to: date = null  End of the period (default: the latest record).
// param: borough: string = null  Only places located in this borough, with every record that names them whichever borough holds it (optional).
// param: held: bool = false  With borough: read it as the borough holding the records instead, i.e. places named in records held for this borough, wherever the place is, counting only those records.
// returns: place, place_type, postcode, latitude, longitude, borough, place_key, children_at_risk, suspects, records, previous_children, previous_suspects, previous_records, change_in_records
// limit: 200
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The latest record only when no end is given (it read every record in London on every call), and
// then the newest through the record_date index, stopping at the first the reader may read.
CALL () {
  WITH 1 AS one WHERE $date_to IS NULL
  MATCH (r:Record) WHERE r.record_date IS NOT NULL AND IN_SCOPE(r)
  RETURN r.record_date AS latest ORDER BY latest DESC LIMIT 1
  UNION
  WITH 1 AS one WHERE $date_to IS NOT NULL
  RETURN null AS latest
}
WITH coalesce($date_to, latest) AS to
WITH to, coalesce($date_from, to - duration('P1Y')) AS from
WITH from, to, from - duration.inDays(from, to) - duration('P1D') AS before,
     EXISTS { MATCH (out:Borough) WHERE NOT BOROUGH_IN_SCOPE(out) } AS some_boroughs  // the reader is limited to some
// A borough's hotspots start from that borough's places (or, with held, its records), not from
// every place in London (a tenth of a second at pan-London size, against most of a second).
// A place is in a borough when a record located it there; one with no borough recorded is in none.
// Each way behind a one-row guard: a guard written beside the MATCH filtered after the scan it guards.
CALL (from, to, before, some_boroughs) {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(start)-[np:NAMES_PLACE]-(other)
  WHERE CASE WHEN $held THEN start:Record ELSE start:Place END
  WITH np, CASE WHEN $held THEN start ELSE other END AS r, CASE WHEN $held THEN other ELSE start END AS pl
  WHERE IN_SCOPE(r)
  RETURN r, np, pl
  UNION
  // All London for a reader of some boroughs: from their boroughs' records, the only ones they may
  // read (a tenth of a second for one borough at pan-London size, against a second from every place).
  WITH 1 AS one WHERE $borough IS NULL AND some_boroughs
  MATCH (mine:Borough) WHERE BOROUGH_IN_SCOPE(mine)
  CALL (mine) {  // from each of those boroughs: planned as one pattern, it started from every place
    MATCH (mine)<-[:IN_BOROUGH]-(r:Record)-[np:NAMES_PLACE]->(pl:Place)
    WHERE IN_SCOPE(r)
    RETURN r, np, pl
  }
  RETURN r, np, pl
  UNION
  WITH 1 AS one WHERE $borough IS NULL AND NOT some_boroughs
  MATCH (pl:Place)<-[np:NAMES_PLACE]-(r:Record)
  WHERE IN_SCOPE(r)
  RETURN r, np, pl
}
WITH from, to, before, pl, r, coalesce(np.date_seen, r.record_date) AS seen
WHERE seen >= before AND seen <= to
OPTIONAL MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH pl, seen >= from AS current, r, said.role AS role, p
WITH pl,
     count(DISTINCT CASE WHEN current AND role IN $child_roles THEN p END) AS children_at_risk,
     count(DISTINCT CASE WHEN current AND role IN $harming_roles THEN p END) AS suspects,
     count(DISTINCT CASE WHEN current THEN r END) AS records,
     count(DISTINCT CASE WHEN NOT current AND role IN $child_roles THEN p END) AS previous_children,
     count(DISTINCT CASE WHEN NOT current AND role IN $harming_roles THEN p END) AS previous_suspects,
     count(DISTINCT CASE WHEN NOT current THEN r END) AS previous_records
WHERE records > 0
WITH * ORDER BY children_at_risk + suspects DESC, records DESC, pl.name, pl.place_key
// (Sorted first, so the row cap stops the lookups below at the places shown; by key last, as places in
// different boroughs can share a name, so that every run cuts the list at the same place.)
// The borough the place is in, else the one holding most of the reader's records naming it: where
// the map puts the place (approximately) when neither coordinates nor postcode say more.
CALL (pl) {
  OPTIONAL MATCH (pl)-[:IN_BOROUGH]->(own:Borough)
  RETURN own.name AS own_borough LIMIT 1
}
CALL (pl) {
  OPTIONAL MATCH (pl)<-[:NAMES_PLACE]-(held_r:Record)-[:IN_BOROUGH]->(held:Borough)
  WHERE IN_SCOPE(held_r)
  RETURN held.name AS held_borough, count(held_r) AS naming ORDER BY naming DESC, held_borough LIMIT 1
}
RETURN pl.name AS place, pl.place_type AS place_type, pl.postcode AS postcode, pl.latitude AS latitude,
       pl.longitude AS longitude, coalesce(own_borough, held_borough) AS borough, pl.place_key AS place_key, children_at_risk, suspects, records,
       previous_children, previous_suspects, previous_records, records - previous_records AS change_in_records
