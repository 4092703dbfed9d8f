// Name: load/unresolved_mentions
// Purpose: mentions that do not yet refer to a Person (new ones, or ones left by an
//          interrupted load), for the baseline resolver.
// Parameters: none.
// Returns: mention_key (string), name_key (string or null), dob (date or null),
//          nominal_ref (string or null: an associate named only by matrix nominal id).
MATCH (m:Mention)
WHERE NOT (m)-[:REFERS_TO]->(:Person)
RETURN m.mention_key AS mention_key, m.name_key AS name_key, m.dob AS dob, m.nominal_ref AS nominal_ref
