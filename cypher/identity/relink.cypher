// Name: identity/relink
// Purpose: point mentions at the person their cluster resolved to, replacing the previous
//          link; the mention itself is never changed.
// Parameters: $links (list of map {mention_key, person_id, score, method?}), $method (string,
//             used when a link names no method of its own),
//             $run_id (string), $at (datetime).
// Returns: relinked (integer).
UNWIND $links AS link
MATCH (m:Mention {mention_key: link.mention_key})
OPTIONAL MATCH (m)-[old:REFERS_TO]->(current:Person)
WITH m, link, old, current WHERE current IS NULL OR current.person_id <> link.person_id
DELETE old
MERGE (p:Person {person_id: link.person_id})
  ON CREATE SET p.source_agency = m.source_agency, p.source_record_id = m.source_record_id,
                p.load_id = $run_id, p.loaded_at = $at
CREATE (m)-[ref:REFERS_TO]->(p)
SET ref.method = coalesce(link.method, $method), ref.score = link.score, ref.source_agency = m.source_agency,
    ref.source_record_id = m.source_record_id, ref.load_id = $run_id, ref.loaded_at = $at
RETURN count(*) AS relinked
