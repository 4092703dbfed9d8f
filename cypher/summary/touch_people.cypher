// Name: summary/touch_people
// Purpose: mark every record that mentions one of these people (after an identity decision,
//          a split or an erasure changed who they are or what is recorded about them).
// Parameters: $person_ids (list of string).
// Returns: touched (integer).
UNWIND $person_ids AS id
MATCH (:Person {person_id: id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
WITH DISTINCT r
SET r:SummaryTouched
RETURN count(r) AS touched
