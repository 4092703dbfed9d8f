// Name: sharing/select_records
// Purpose: the records that make up a person's or a place's network, for a sharing package:
//          hop 1 is every record naming the person (or the place); hop 2 adds every record
//          naming anyone those records name. Only records the exporter may read: IN_SCOPE is
//          need to know's one definition (jigsaw/need_to_know.py), checked and expanded on load.
// Parameters: $kind ('person' | 'place'), $key (person_id or place_key), $hops (1 or 2),
//             and the reader's scope (Scope.params()).
// Returns: record_key, source (one row per record).
CALL () {
  MATCH (:Person {person_id: $key})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record) WHERE $kind = 'person' AND IN_SCOPE(r)
  RETURN r
  UNION
  MATCH (:Place {place_key: $key})<-[:NAMES_PLACE]-(r:Record) WHERE $kind = 'place' AND IN_SCOPE(r)
  RETURN r
}
WITH collect(DISTINCT r) AS first
CALL (first) {
  UNWIND first AS r
  RETURN r
  UNION
  UNWIND first AS r0
  WITH r0 WHERE $hops >= 2
  MATCH (r0)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
  WHERE IN_SCOPE(r)
  RETURN r
}
RETURN DISTINCT r.record_key AS record_key, r.source AS source
ORDER BY record_key
