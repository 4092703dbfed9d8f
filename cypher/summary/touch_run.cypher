// Name: summary/touch_run
// Purpose: mark what an identity run moved: every record of every person a mention was
//          linked to in run $run_id (the link says which run made it).
// Parameters: $run_id (string).
// Returns: nothing (runs in transactions of 1,000 people).
MATCH (p:Person)
WHERE EXISTS { (p)<-[:REFERS_TO {load_id: $run_id}]-(:Mention) }
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
  WITH DISTINCT r
  SET r:SummaryTouched
} IN TRANSACTIONS OF 1000 ROWS
