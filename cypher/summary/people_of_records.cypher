// Name: summary/people_of_records
// Purpose: the people records name, read before an erasure removes the records, so their
//          summaries can be brought up to date after it.
//          With $beside, also the people named beside the mentions in their records: an erasure of
//          a person's mentions in other people's records leaves those records naming the others
//          only, and a way to a nominal the others had through the person rested on them.
// Parameters: $record_keys (list of string), $mention_keys (list of string), $beside (bool).
// Returns: person_ids (list of string).
OPTIONAL MATCH (r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WHERE r.record_key IN $record_keys
WITH collect(DISTINCT p.person_id) AS by_record
OPTIONAL MATCH (m:Mention)-[:REFERS_TO]->(q:Person)
WHERE m.mention_key IN $mention_keys
WITH by_record, collect(DISTINCT q.person_id) AS by_mention
OPTIONAL MATCH (n:Mention)<-[:MENTIONS]-(:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(s:Person)
WHERE $beside AND n.mention_key IN $mention_keys
WITH by_record + [id IN by_mention WHERE NOT id IN by_record] AS named, collect(DISTINCT s.person_id) AS beside
RETURN named + [id IN beside WHERE NOT id IN named] AS person_ids
