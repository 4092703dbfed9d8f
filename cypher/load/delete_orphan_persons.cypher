// Name: load/delete_orphan_persons
// Purpose: remove persons no mention refers to any more (after a changed record's
//          mentions were replaced).
// Parameters: none.
// Returns: deleted (integer).
MATCH (p:Person)
WHERE NOT (p)<-[:REFERS_TO]-(:Mention)
DETACH DELETE p
RETURN count(*) AS deleted
