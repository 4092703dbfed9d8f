// Name: identity/queue_summary
// Purpose: the size of the open review queue and its expected share of true matches, by the pair of
//          sources each question spans (the page counts only the sources its reader may see).
// Parameters: none.
// Returns: sources (list of source keys), questions (integer), expected (sum of each question's
//          expected chance of being the same young person).
MATCH (c:IdentityCandidate {status: 'open'})-[:CANDIDATE_MENTION]->(:Mention)<-[:MENTIONS]-(r:Record)
WITH c, collect(DISTINCT r.source) AS sources
RETURN sources, count(c) AS questions, sum(coalesce(c.expected, 0.0)) AS expected
