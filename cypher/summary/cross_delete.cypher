// Name: summary/cross_delete
// Purpose: remove the cross-borough facts and answers (summary/cross_sets) a change may have made
//          wrong: with $all every one, else those of people a touched record mentions, and those
//          whose person is gone.
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 5,000 facts).
MATCH (f:CrossBoroughFact|CrossBoroughAnswer)
WHERE $all OR NOT EXISTS { (:Person)-[:SUMMARISED_IN]->(f) }
   OR EXISTS { (f)<-[:SUMMARISED_IN]-(:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:SummaryTouched) }
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
