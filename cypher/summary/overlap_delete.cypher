// Name: summary/overlap_delete
// Purpose: remove the gang overlap summary (GangOverlapFact, GangReach) before it is built
//          again whole: a change one step from a nominal moves the answer of people two steps
//          further, so it is not worth finding what a change touched.
// Parameters: none.
// Returns: nothing (runs in transactions of 5,000 nodes).
MATCH (f:GangOverlapFact|GangReach)
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
