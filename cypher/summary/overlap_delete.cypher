// Name: summary/overlap_delete
// Purpose: remove gang overlap summary parts (GangOverlapFact, GangReach) before they are
//          built again: with $people null every one (a full build), else those of these
//          people, and any whose person is gone (merged into another, or erased).
// Parameters: $people (list of person ids, or null for everyone).
// Returns: nothing (runs in transactions of 5,000 nodes).
CALL () {
  WITH 1 AS everything WHERE $people IS NULL
  MATCH (f:GangOverlapFact|GangReach)
  RETURN f
  UNION
  WITH 1 AS some WHERE $people IS NOT NULL
  UNWIND $people AS id
  MATCH (:Person {person_id: id})-[:SUMMARISED_IN]->(f:GangOverlapFact|GangReach)
  RETURN f
  UNION
  WITH 1 AS some WHERE $people IS NOT NULL
  MATCH (f:GangOverlapFact|GangReach)
  WHERE NOT EXISTS { (f)<-[:SUMMARISED_IN]-() }
  RETURN f
}
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
