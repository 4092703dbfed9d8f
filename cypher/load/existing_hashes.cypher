// Name: load/existing_hashes
// Purpose: which of these records are already in the graph, and with what content hash,
//          so unchanged records are skipped (re-loading changes nothing).
// Parameters: $keys (list of string): record keys such as "mash:HAC-MASH-2024-00017".
// Returns: key (string), hash (string) for each record that exists.
UNWIND $keys AS key
MATCH (r:Record {record_key: key})
RETURN key, r.content_hash AS hash
