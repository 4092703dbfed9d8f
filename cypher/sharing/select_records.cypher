// Name: sharing/select_records
// Purpose: the records that make up a person's or a place's network, for a sharing package:
//          hop 1 is every record naming the person (or the place); hop 2 adds every record
//          naming anyone those records name. Only records the exporter may read.
// Parameters: $kind ('person' | 'place'), $key (person_id or place_key), $hops (1 or 2),
//             $scope_sources (list of string), $scope_boroughs (list of string or null).
// Returns: record_key, source (one row per record).
CALL () {
  MATCH (:Person {person_id: $key})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record) WHERE $kind = 'person'
  RETURN r
  UNION
  MATCH (:Place {place_key: $key})<-[:NAMES_PLACE]-(r:Record) WHERE $kind = 'place'
  RETURN r
}
WITH r WHERE r.source IN $scope_sources
  AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(b:Borough) WHERE b.name IN $scope_boroughs })
WITH collect(DISTINCT r) AS first
CALL (first) {
  UNWIND first AS r
  RETURN r
  UNION
  UNWIND first AS r0
  WITH r0 WHERE $hops >= 2
  MATCH (r0)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
  WHERE r.source IN $scope_sources
    AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(b:Borough) WHERE b.name IN $scope_boroughs })
  RETURN r
}
RETURN DISTINCT r.record_key AS record_key, r.source AS source
ORDER BY record_key
