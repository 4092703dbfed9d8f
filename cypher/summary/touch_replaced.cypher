// Name: summary/touch_replaced
// Purpose: before a load replaces a changed record's mentions (load/delete_record_parts), the
//          links it tied are found through the people it names now (a record tying a link names
//          both its people; the links' ends have indexes), and the records they were built from
//          are touched, so they are found again once the load is done. After the replacement the
//          record may name neither of them, and summary/touch_ties could not find those links.
// Parameters: $keys (list of string): record keys of changed records.
// Returns: touched (integer).
UNWIND $keys AS key
MATCH (:Record {record_key: key})-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH DISTINCT key, p.person_id AS id
MATCH (l:JigsawLink) WHERE l.kind IN ['person', 'place'] AND l.person_a = id AND key IN l.ties
MATCH (l)-[:PIECE_A|PIECE_B]->(r:Record)
WITH DISTINCT r
SET r:SummaryTouched
RETURN count(r) AS touched
