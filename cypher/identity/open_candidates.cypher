// Name: identity/open_candidates
// Purpose: the review queue, the questions whose answer changes most first (docs/identity.md), with
//          both mentions side by side as recorded.
// Parameters: $limit (integer).
// Returns: pair_key, score, reason, fields, expected (chance it is the same person), priority, impact,
//          group (the person the question is filed under), group_side ('a' or 'b'), duplicates, a, b (maps: mention_key, name,
//          dob, source, record, role).
MATCH (c:IdentityCandidate {status: 'open'})-[:CANDIDATE_MENTION]->(m:Mention)<-[said:MENTIONS]-(r:Record)
WITH c, m, said, r ORDER BY m.mention_key
WITH c, collect({mention_key: m.mention_key, name: m.name, dob: m.dob, source: r.source, record: r.source_id, role: said.role}) AS sides
RETURN c.pair_key AS pair_key, c.score AS score, c.reason AS reason, c.fields AS fields,
       coalesce(c.expected, 0.0) AS expected, coalesce(c.priority, 0.0) AS priority, c.impact AS impact,
       coalesce(c.group, sides[0].mention_key) AS group, coalesce(c.group_side, 'a') AS group_side, coalesce(c.duplicates, 0) AS duplicates, sides[0] AS a, sides[1] AS b
ORDER BY priority DESC, score DESC, pair_key
LIMIT $limit
