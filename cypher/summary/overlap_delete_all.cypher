// Name: summary/overlap_delete_all
// Purpose: a full build of gang overlap, its first step in one batch: up to $batch of its parts
//          (GangOverlapFact, GangReach) deleted. graph_loader/summaries.py repeats it, each batch its
//          own transaction, until none is left, as for the links (summary/links_delete_all), so no
//          one transaction grows with London.
// Parameters: $batch (int).
// Returns: deleted (int: parts deleted by this batch; 0 when none was left).
MATCH (f:GangOverlapFact|GangReach)
WITH f LIMIT $batch
WITH collect(f) AS batch
FOREACH (f IN batch | DETACH DELETE f)
RETURN size(batch) AS deleted
