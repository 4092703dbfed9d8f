// Name: admin/erase_mentions
// Purpose: erase single mentions of a person in other people's records (the records stay),
//          with identity candidates and decisions about them; tombstones keep the keys.
// Parameters: $mention_keys (list of string), $user (string), $at (datetime).
// Returns: mentions (integer), records (the keys of the records that held them: each may have lost
//          its last doubt with them, admin/recheck_doubts).
UNWIND $mention_keys AS key
MATCH (m:Mention {mention_key: key})
OPTIONAL MATCH (held:Record)-[:MENTIONS]->(m)
WITH m, key, collect(held.record_key) AS holders
OPTIONAL MATCH (c:IdentityCandidate)-[:CANDIDATE_MENTION]->(m)
OPTIONAL MATCH (c)-[:DECIDED]->(d:IdentityDecision)
DETACH DELETE d, c
WITH DISTINCT m, key, holders
DETACH DELETE m
MERGE (e:Erasure {key: 'mention:' + key})
SET e.kind = 'mention', e.erased_at = $at, e.erased_by = $user
WITH collect(DISTINCT key) AS keys, collect(holders) AS held
RETURN size(keys) AS mentions, COLLECT { UNWIND held AS holders UNWIND holders AS holder RETURN DISTINCT holder } AS records
