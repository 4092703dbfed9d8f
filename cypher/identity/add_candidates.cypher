// Name: identity/add_candidates
// Purpose: add candidate pairs to the open review queue; a pair an analyst has already
//          decided is never proposed again.
// Parameters: $candidates (list of map {pair_key, a, b, score, reason, fields: list of string}),
//             $run_id (string), $at (datetime).
// Returns: queued (integer).
UNWIND $candidates AS c
MATCH (a:Mention {mention_key: c.a}), (b:Mention {mention_key: c.b})
WHERE NOT EXISTS { MATCH (decided:IdentityCandidate {pair_key: c.pair_key}) WHERE decided.status <> 'open' }
MERGE (ic:IdentityCandidate {pair_key: c.pair_key})
SET ic.status = 'open', ic.score = c.score, ic.reason = c.reason, ic.fields = c.fields,
    ic.run_id = $run_id, ic.created_at = $at, ic.source_agency = 'jigsaw_identity',
    ic.source_record_id = $run_id, ic.load_id = $run_id, ic.loaded_at = $at
MERGE (ic)-[:CANDIDATE_MENTION]->(a)
MERGE (ic)-[:CANDIDATE_MENTION]->(b)
RETURN count(ic) AS queued
