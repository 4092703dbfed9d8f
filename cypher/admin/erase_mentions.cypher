// Name: admin/erase_mentions
// Purpose: erase single mentions of a person in other people's records (the records stay),
//          with identity candidates and decisions about them; tombstones keep the keys.
// Parameters: $mention_keys (list of string), $user (string), $at (datetime).
// Returns: mentions (integer).
UNWIND $mention_keys AS key
MATCH (m:Mention {mention_key: key})
OPTIONAL MATCH (c:IdentityCandidate)-[:CANDIDATE_MENTION]->(m)
OPTIONAL MATCH (c)-[:DECIDED]->(d:IdentityDecision)
DETACH DELETE d, c
WITH DISTINCT m, key
DETACH DELETE m
MERGE (e:Erasure {key: 'mention:' + key})
SET e.kind = 'mention', e.erased_at = $at, e.erased_by = $user
RETURN count(DISTINCT key) AS mentions
