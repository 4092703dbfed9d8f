// Name: summary/people_of_records
// Purpose: the people records name, read before an erasure removes the records, so their
//          summaries can be brought up to date after it.
// Parameters: $record_keys (list of string), $mention_keys (list of string).
// Returns: person_ids (list of string).
OPTIONAL MATCH (r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WHERE r.record_key IN $record_keys
WITH collect(DISTINCT p.person_id) AS by_record
OPTIONAL MATCH (m:Mention)-[:REFERS_TO]->(q:Person)
WHERE m.mention_key IN $mention_keys
WITH by_record, collect(DISTINCT q.person_id) AS by_mention
RETURN by_record + [id IN by_mention WHERE NOT id IN by_record] AS person_ids
