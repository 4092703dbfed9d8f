// Name: load/delete_record_parts
// Purpose: before a changed record is written again, remove what it asserted: its
//          mentions and its outgoing relationships. Links other records make to it stay.
// Parameters: $keys (list of string): record keys of changed records.
// Returns: nothing.
UNWIND $keys AS key
MATCH (r:Record {record_key: key})
OPTIONAL MATCH (r)-[:MENTIONS]->(m:Mention)
DETACH DELETE m
WITH DISTINCT r
OPTIONAL MATCH (r)-[owned]->()
DELETE owned
