// Name: summary/rising_delete
// Purpose: remove the missing_rising_category facts a change may have made wrong: with $all every
//          one, else those of every person a touched record names (summary/rising_build builds them
//          again), and those whose person is gone (merged into another, erased).
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 5,000 facts).
MATCH (f:MissingRisingFact)
WHERE $all OR NOT EXISTS { (:Person)-[:SUMMARISED_IN]->(f) }
   OR EXISTS { (f)<-[:SUMMARISED_IN]-(:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:SummaryTouched) }
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS
