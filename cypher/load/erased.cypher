// Name: load/erased
// Purpose: which of these record and mention keys were erased (and must not be loaded again).
// Parameters: $keys (list of string: 'record:<record_key>' and 'mention:<mention_key>').
// Returns: key.
UNWIND $keys AS key
MATCH (e:Erasure {key: key})
RETURN key
