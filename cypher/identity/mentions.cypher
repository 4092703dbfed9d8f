// Name: identity/mentions
// Purpose: every named mention with what linkage compares, and the person it refers to now: one page
//          of them in mention key order (identity/graph_run.py reads page after page, so no read
//          grows with the graph against the server's transaction timeout).
// Parameters: $after (string: the last mention key of the previous page; '' for the first),
//             $page_size (integer: at most this many mentions; fewer on the last page).
// Returns: mention_key, name, given_name, family_name (where recorded apart), dob, gender, postcode, school,
//          aliases (list), person_id, loaded_at (when its record was last written); and, for the
//          contradiction veto and the queue's ranking, role (on its record), record_date and borough
//          (of its record), co_named (folded names of the other people its record names). A doubtful
//          value (e.g. an impossible date of birth) is not among them: its field is empty, kept only as recorded.
MATCH (m:Mention)
WHERE m.mention_key > $after
  AND (m.name IS NOT NULL OR m.street_names IS NOT NULL)  // an associate may be known only by a street name
WITH m ORDER BY m.mention_key LIMIT $page_size
OPTIONAL MATCH (m)-[:ATTENDS]->(s:School)
OPTIONAL MATCH (m)-[:REFERS_TO]->(p:Person)
OPTIONAL MATCH (r:Record)-[said:MENTIONS]->(m)
RETURN m.mention_key AS mention_key, m.name AS name, m.given_name AS given_name, m.family_name AS family_name, m.dob AS dob, m.gender AS gender, m.postcode AS postcode,
       s.name AS school, coalesce(m.aliases, []) + coalesce(m.street_names, []) + CASE WHEN m.alias IS NULL THEN [] ELSE [m.alias] END AS aliases,
       p.person_id AS person_id, m.loaded_at AS loaded_at,
       said.role AS role, r.record_date AS record_date, r.borough AS borough,
       CASE WHEN r IS NULL THEN [] ELSE COLLECT { MATCH (r)-[:MENTIONS]->(o:Mention) WHERE o <> m AND o.name_key CONTAINS ' ' RETURN DISTINCT o.name_key } END AS co_named
