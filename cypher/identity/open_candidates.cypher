// Name: identity/open_candidates
// Purpose: the review queue, strongest evidence first, with both mentions side by side as recorded.
// Parameters: $limit (integer).
// Returns: pair_key, score, reason, fields, a, b (maps: mention_key, name, dob, source, record).
MATCH (c:IdentityCandidate {status: 'open'})-[:CANDIDATE_MENTION]->(m:Mention)<-[:MENTIONS]-(r:Record)
WITH c, m, r ORDER BY m.mention_key
WITH c, collect({mention_key: m.mention_key, name: m.name, dob: m.dob, source: r.source, record: r.source_id}) AS sides
RETURN c.pair_key AS pair_key, c.score AS score, c.reason AS reason, c.fields AS fields, sides[0] AS a, sides[1] AS b
ORDER BY score DESC, pair_key
LIMIT $limit
