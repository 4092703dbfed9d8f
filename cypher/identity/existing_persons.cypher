// Name: identity/existing_persons
// Purpose: which of these person ids are already taken (so a split gets an unused one).
// Parameters: $ids (list of string).
// Returns: id.
MATCH (p:Person) WHERE p.person_id IN $ids
RETURN p.person_id AS id
