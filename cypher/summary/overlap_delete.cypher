// Name: summary/overlap_delete
// Purpose: remove gang overlap summary parts (GangOverlapFact, GangReach) before they are
//          built again: those of these people, and any whose person is gone (merged into
//          another, or erased). A full build deletes every part in batches instead
//          (summary/overlap_delete_all).
// Parameters: $people (list of person ids).
// Returns: nothing (runs in transactions of 5,000 nodes).
CALL () {
  UNWIND $people AS id
  MATCH (:Person {person_id: id})-[:SUMMARISED_IN]->(f:GangOverlapFact|GangReach)
  RETURN f
  UNION
  MATCH (f:GangOverlapFact|GangReach)
  WHERE NOT EXISTS { (f)<-[:SUMMARISED_IN]-() }
  RETURN f
}
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
