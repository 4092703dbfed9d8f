// Name: summary/touch_load
// Purpose: mark what a load changed: its new and changed records, and every record that
//          mentions a person those records mention (a person's links and boroughs change when
//          a record about them arrives). Marked with the SummaryTouched label until untouch.
// Parameters: $load_id (string).
// Returns: nothing (runs in transactions of 1,000 records).
MATCH (r:Record {load_id: $load_id})
CALL (r) {
  SET r:SummaryTouched
  WITH r
  MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(o:Record)
  WITH DISTINCT o
  SET o:SummaryTouched
} IN TRANSACTIONS OF 1000 ROWS
