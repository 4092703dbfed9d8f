// Name: load/link_mentions
// Purpose: make mentions refer to persons (creating a person where needed), recording
//          the method that made each link. The link and a new person carry the
//          provenance of the mention that caused them.
// Parameters: $links (list of map {mention_key, person_id}), $method (string),
//             $load_id (string), $at (datetime).
// Returns: persons_created (integer).
UNWIND $links AS link
MATCH (m:Mention {mention_key: link.mention_key})
MERGE (p:Person {person_id: link.person_id})
  ON CREATE SET p.source_agency = m.source_agency, p.source_record_id = m.source_record_id,
                p.load_id = $load_id, p.loaded_at = $at, p._new = true
MERGE (m)-[ref:REFERS_TO]->(p)
  ON CREATE SET ref.method = $method, ref.source_agency = m.source_agency,
                ref.source_record_id = m.source_record_id, ref.load_id = $load_id, ref.loaded_at = $at
WITH DISTINCT p WHERE p._new
REMOVE p._new
RETURN count(p) AS persons_created
