// Name: summary/touch_relinked
// Purpose: before an identity run over new mentions moves these mentions to other people
//          (identity/relink), the links their records tie are found through the people the records
//          name now (a record tying a link names both its people; the links' ends are indexed), and
//          the records they were built from are touched, so they are found again after the run.
//          After it a record may name neither of a link's people (both moved in one run), and
//          summary/touch_ties could not find those links. As summary/touch_replaced does for a load.
// Parameters: $mention_keys (list of string): the mentions the run is about to move.
// Returns: touched (integer).
UNWIND $mention_keys AS mention_key
MATCH (:Mention {mention_key: mention_key})<-[:MENTIONS]-(tying:Record)
WITH DISTINCT tying
MATCH (tying)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH DISTINCT tying.record_key AS key, p.person_id AS id
MATCH (l:JigsawLink) WHERE l.kind IN ['person', 'place'] AND l.person_a = id AND key IN l.ties
MATCH (l)-[:PIECE_A|PIECE_B]->(r:Record)
WITH DISTINCT r
SET r:SummaryTouched
RETURN count(r) AS touched
