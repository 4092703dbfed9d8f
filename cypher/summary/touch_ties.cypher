// Name: summary/touch_ties
// Purpose: a touched record may have tied two people and tie them no longer (a mention of it
//          moved to another person): the links it tied are found again, so the records they were
//          built from are touched too. A link keeps its tying records' keys in a list (`ties`),
//          which no index serves, so it is found from the people the touched records name (the
//          links' ends have indexes): a record that tied a link named both its people, and a
//          record that still names one of them is found through that one. One naming neither
//          any more was replaced by a load, which touched those links first (summary/touch_replaced).
// Parameters: none.
// Returns: touched (integer).
MATCH (:SummaryTouched)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH DISTINCT p.person_id AS id
CALL (id) {
  MATCH (l:JigsawLink) WHERE l.kind IN ['person', 'place'] AND l.person_a = id AND l.ties IS NOT NULL RETURN l
  UNION
  MATCH (l:JigsawLink) WHERE l.person_b = id AND l.ties IS NOT NULL RETURN l
}
WITH DISTINCT l
// Each tying record by its key (the unique index), not a scan of the touched records per link.
WHERE EXISTS { UNWIND l.ties AS key MATCH (tie:Record {record_key: key}) WHERE tie:SummaryTouched }
MATCH (l)-[:PIECE_A|PIECE_B]->(r:Record)
WHERE NOT r:SummaryTouched
WITH DISTINCT r
SET r:SummaryTouched
RETURN count(r) AS touched
