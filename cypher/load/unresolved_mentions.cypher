// Name: load/unresolved_mentions
// Purpose: mentions that do not yet refer to a Person (new ones, or ones left by an
//          interrupted load), for the exact-match baseline resolver.
// Parameters: none.
// Returns: mention_key (string), name_key (string), dob (date or null).
MATCH (m:Mention)
WHERE NOT (m)-[:REFERS_TO]->(:Person)
RETURN m.mention_key AS mention_key, m.name_key AS name_key, m.dob AS dob
