// Name: summary/peer_hsb_delete
// Purpose: remove the peer_on_peer_hsb facts a change may have made wrong: with $all every one, else
//          those of touched HSB cases (summary/peer_hsb_build builds them again) and those whose case
//          is gone (erased).
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 5,000 facts).
MATCH (f:PeerHsbFact)
WHERE $all OR NOT EXISTS { (:HsbCase)-[:SUMMARISED_IN]->(f) }
   OR EXISTS { (f)<-[:SUMMARISED_IN]-(:SummaryTouched) }
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
