// Name: identity/follow_nominals
// Purpose: associates the gangs matrix names by nominal id refer to that nominal's person,
//          also after identity resolution moved the nominal to another person.
// Parameters: $run_id (string), $at (datetime); $key_prefix.matrix (vocabulary: graph_loader/vocabulary.py).
// Returns: moved (integer).
MATCH (a:Mention)-[old:REFERS_TO]->(current:Person)
WHERE a.nominal_ref IS NOT NULL
MATCH (:Mention {mention_key: $key_prefix.matrix + a.nominal_ref})-[:REFERS_TO]->(target:Person)
WHERE target <> current
DELETE old
CREATE (a)-[ref:REFERS_TO]->(target)
SET ref.method = 'nominal_id', ref.source_agency = a.source_agency, ref.source_record_id = a.source_record_id,
    ref.load_id = $run_id, ref.loaded_at = $at
RETURN count(*) AS moved
