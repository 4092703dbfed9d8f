// Name: investigations/people_present
// Purpose: which of these person ids are still in the graph (the others were erased), so an
//          investigation drops them. Says nothing about a person but that the id still exists.
// Parameters: $person_ids (list of strings).
// Returns: present (list of the ids found).
UNWIND $person_ids AS id
OPTIONAL MATCH (p:Person {person_id: id})
RETURN [x IN collect(p.person_id) WHERE x IS NOT NULL] AS present
