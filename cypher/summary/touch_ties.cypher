// Name: summary/touch_ties
// Purpose: a touched record may have tied two people and tie them no longer (its mentions
//          moved to other people, or were replaced): the links it tied are found again, so
//          the records they were built from are touched too.
// Parameters: none.
// Returns: touched (integer).
MATCH (:SummaryTouched)<-[:TIED_BY]-(:JigsawLink)-[:PIECE_A|PIECE_B]->(r:Record)
WHERE NOT r:SummaryTouched
WITH DISTINCT r
SET r:SummaryTouched
RETURN count(r) AS touched
