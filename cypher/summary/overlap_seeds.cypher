// Name: summary/overlap_seeds
// Purpose: where a change to the gang overlap summary starts: the records it wrote or moved
//          (a load's new and changed records; every record of the given people; the records
//          whose mentions identity run $run_id linked), their keys, and the people they name
//          now, with the given people (read before an erasure, so also people now gone).
// Parameters: $load_id (string or null), $person_ids (list of string), $run_id (string or null).
// Returns: people (list of person ids), keys (list of record keys).
CALL () {
  WITH 1 AS loaded WHERE $load_id IS NOT NULL
  MATCH (r:Record {load_id: $load_id})
  RETURN r
  UNION
  UNWIND $person_ids AS id
  MATCH (:Person {person_id: id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
  RETURN r
  UNION
  WITH 1 AS linked WHERE $run_id IS NOT NULL
  MATCH (r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO {load_id: $run_id}]->(:Person)
  RETURN r
}
WITH collect(DISTINCT r) AS records
RETURN COLLECT { UNWIND records AS r RETURN r.record_key AS k } AS keys,
       COLLECT { UNWIND records AS r
                 MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
                 RETURN DISTINCT p.person_id AS id } AS people
