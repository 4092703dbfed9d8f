// Name: admin/erase_records
// Purpose: erase whole records: the record, the mentions it holds, identity candidates and
//          decisions about those mentions; a tombstone keeps the key so a reload skips it.
// Parameters: $record_keys (list of string), $user (string), $at (datetime).
// Returns: records (integer), mentions (integer).
UNWIND $record_keys AS key
MATCH (r:Record {record_key: key})
CALL (r) {
  OPTIONAL MATCH (r)-[:MENTIONS]->(m:Mention)
  OPTIONAL MATCH (c:IdentityCandidate)-[:CANDIDATE_MENTION]->(m)
  OPTIONAL MATCH (c)-[:DECIDED]->(d:IdentityDecision)
  DETACH DELETE d, c
  WITH DISTINCT m
  DETACH DELETE m
  RETURN count(m) AS mentions
}
DETACH DELETE r
MERGE (e:Erasure {key: 'record:' + key})
SET e.kind = 'record', e.erased_at = $at, e.erased_by = $user
RETURN count(DISTINCT key) AS records, sum(mentions) AS mentions
