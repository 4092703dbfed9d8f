// Name: identity/record_decision
// Purpose: record an analyst's verdict on a candidate pair (who, when, why). Decisions are
//          appended, never overwritten: the latest one is the candidate's status, and a
//          verdict can be reversed by a later decision.
// Parameters: $pair_key (string), $verdict (same_person | not_same | unsure), $user, $why (string), $at (datetime).
// Returns: pair_key, a (mention key), b (mention key).
MATCH (c:IdentityCandidate {pair_key: $pair_key})
CREATE (c)-[:DECIDED]->(d:IdentityDecision {verdict: $verdict, user: $user, why: $why, at: $at})
SET c.status = $verdict, c.decided_by = $user, c.decided_at = $at
WITH c
RETURN c.pair_key AS pair_key, split(c.pair_key, '|')[0] AS a, split(c.pair_key, '|')[1] AS b
