// Name: scope/visible
// Purpose: the result guard for restricted readers: of the ids a query's rows show, which the
//          reader's scope can see. Uses the need-to-know markers of jigsaw/need_to_know.py, so it
//          applies the same one definition as the catalogue queries.
// Parameters: $asked, a map of lists of strings: person_ids, record_keys, place_keys, work_ids
//             (action, assessment and context ids), entry_ids (safety-mapping entry ids; also a safety
//             contact's id); $scope_sources, $scope_boroughs. The lists come in one map because Neo4j
//             keys a cached plan by the size bucket (0, 1, 10, 100...) of each list parameter: five
//             lists made a new plan (0.6 s at L) for nearly every new mix of sizes; a map makes one.
// Returns: one row: people, records, places, work, entries (the given ids the scope can see).
CALL () {
  UNWIND $asked.person_ids AS id
  MATCH (p:Person {person_id: id})
  WHERE PERSON_IN_SCOPE(p)
  RETURN collect(DISTINCT id) AS people
}
CALL () {
  UNWIND $asked.record_keys AS key
  MATCH (r:Record {record_key: key})
  WHERE IN_SCOPE(r)
  RETURN collect(DISTINCT key) AS records
}
CALL () {
  UNWIND $asked.place_keys AS key
  MATCH (pl:Place {place_key: key})
  WHERE PLACE_IN_SCOPE(pl)
  RETURN collect(DISTINCT key) AS places
}
CALL () {
  UNWIND $asked.work_ids AS id
  OPTIONAL MATCH (a:Action {action_id: id})
  OPTIONAL MATCH (s:Assessment {assessment_id: id})
  OPTIONAL MATCH (c:Context {context_id: id})
  WITH id, coalesce(a, s, c) AS w
  WHERE w IS NOT NULL AND WORK_IN_SCOPE(w)
  OPTIONAL MATCH (w)-[:CONCERNS]->(subject)
  WITH id, w, subject
  WHERE w:Context OR CASE WHEN subject:Person THEN PERSON_IN_SCOPE(subject)
                          WHEN subject:Place THEN PLACE_IN_SCOPE(subject)
                          WHEN subject:Context THEN WORK_IN_SCOPE(subject) ELSE false END
  RETURN collect(DISTINCT id) AS work
}
CALL () {
  UNWIND $asked.entry_ids AS id
  MATCH (child:Person)-[e:PROTECTIVE_ADULT|SAFE_PLACE]->(t)
  WHERE e.entry_id = id AND PERSON_IN_SCOPE(child)
    AND CASE WHEN t:Place THEN PLACE_IN_SCOPE(t) WHEN t:Person THEN PERSON_IN_SCOPE(t) ELSE true END
  RETURN collect(DISTINCT id) AS entries
}
RETURN people, records, places, work, entries
