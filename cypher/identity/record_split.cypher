// Name: identity/record_split
// Purpose: an analyst splits a person: every mention moved out is recorded as not the same
//          person as every mention that stays (who, when, why), so no later run re-joins them.
// Parameters: $pairs (list of {key, a, b}), $person_id (the person split), $user, $why, $at (datetime).
// Returns: pairs (integer).
UNWIND $pairs AS pair
MATCH (a:Mention {mention_key: pair.a}), (b:Mention {mention_key: pair.b})
MERGE (c:IdentityCandidate {pair_key: pair.key})
  ON CREATE SET c.score = null, c.reason = 'split by an analyst', c.fields = [], c.run_id = 'analyst',
                c.created_at = $at, c.source_agency = 'jigsaw_identity', c.source_record_id = $person_id,
                c.load_id = 'analyst', c.loaded_at = $at
MERGE (c)-[:CANDIDATE_MENTION]->(a)
MERGE (c)-[:CANDIDATE_MENTION]->(b)
CREATE (c)-[:DECIDED]->(:IdentityDecision {verdict: 'not_same', user: $user, why: $why, at: $at, split_of: $person_id})
SET c.status = 'not_same', c.decided_by = $user, c.decided_at = $at
RETURN count(*) AS pairs
