// Name: admin/recheck_doubts
// Purpose: work out again whether each of these records holds a doubt in some part (`has_doubts`, which
//          doubtful_values seeks by: migration 014), after an erasure took mentions out of them (the
//          erased mention may have held its record's only doubt). The same test as the migration's
//          backfill and graph_loader/graph_rows.holds_doubts: its own fields, a mention it names, a place
//          as it names it.
// Parameters: $record_keys (list of string).
// Returns: changed (integer: records whose flag moved).
UNWIND $record_keys AS key
MATCH (r:Record {record_key: key})
WITH r, r.has_doubts AS was,
     r.doubts IS NOT NULL
       OR EXISTS { (r)-[:MENTIONS]->(m:Mention) WHERE m.doubts IS NOT NULL }
       OR EXISTS { (r)-[np:NAMES_PLACE]->(:Place) WHERE np.doubts IS NOT NULL } AS holds
SET r.has_doubts = holds
RETURN count(CASE WHEN was IS NULL OR was <> holds THEN 1 END) AS changed
