// Name: identity/add_candidates
// Purpose: add candidate pairs to the open review queue; a pair an analyst has already
//          decided is never proposed again.
// Parameters: $candidates (list of map {pair_key, a, b, score, reason, fields: list of string,
//             expected (chance it is the same person), priority (expected times the join's weight),
//             impact (what a confirmation would join), group (the person it is filed under),
//             group_side ('a' or 'b': which mention belongs to that person),
//             duplicates (other pairs between the same two persons)}),
//             $run_id (string), $at (datetime).
// Returns: queued (integer).
UNWIND $candidates AS c
MATCH (a:Mention {mention_key: c.a}), (b:Mention {mention_key: c.b})
WHERE NOT EXISTS { MATCH (decided:IdentityCandidate {pair_key: c.pair_key}) WHERE decided.status <> 'open' }
MERGE (ic:IdentityCandidate {pair_key: c.pair_key})
SET ic.status = 'open', ic.score = c.score, ic.reason = c.reason, ic.fields = c.fields,
    ic.expected = c.expected, ic.priority = c.priority, ic.impact = c.impact, ic.group = c.group, ic.group_side = c.group_side, ic.duplicates = c.duplicates,
    ic.run_id = $run_id, ic.created_at = $at, ic.source_agency = 'jigsaw_identity',
    ic.source_record_id = $run_id, ic.load_id = $run_id, ic.loaded_at = $at
MERGE (ic)-[:CANDIDATE_MENTION]->(a)
MERGE (ic)-[:CANDIDATE_MENTION]->(b)
RETURN count(ic) AS queued
