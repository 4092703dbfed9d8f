// Name: identity/person_mentions
// Purpose: the mentions a person is built from, as each agency recorded them (for a split).
// Parameters: $person_id (string).
// Returns: mention_key, name, dob, source, record.
MATCH (p:Person {person_id: $person_id})<-[:REFERS_TO]-(m:Mention)<-[:MENTIONS]-(r:Record)
RETURN m.mention_key AS mention_key, coalesce(m.name, 'named by nominal id ' + m.nominal_ref) AS name, m.dob AS dob,
       r.source AS source, r.source_id AS record
ORDER BY mention_key
