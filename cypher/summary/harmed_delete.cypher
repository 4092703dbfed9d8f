// Name: summary/harmed_delete
// Purpose: remove the harmed_nominals facts a change may have made wrong: with $all every one, else
//          those of touched matrix entries (summary/harmed_build builds them again) and those whose
//          entry is gone (erased).
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 5,000 facts).
MATCH (f:HarmedNominalFact)
WHERE $all OR NOT EXISTS { (:MatrixEntry)-[:SUMMARISED_IN]->(f) }
   OR EXISTS { (f)<-[:SUMMARISED_IN]-(:SummaryTouched) }
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
