// Name: load/persons_by_nominal
// Purpose: the person each gangs-matrix nominal id refers to, for associates named by id.
// Parameters: $nominal_ids (list of string); $key_prefix.matrix (vocabulary: graph_loader/vocabulary.py).
// Returns: nominal_id, person_id.
UNWIND $nominal_ids AS nominal_id
MATCH (:Mention {mention_key: $key_prefix.matrix + nominal_id})-[:REFERS_TO]->(p:Person)
RETURN nominal_id, min(p.person_id) AS person_id
