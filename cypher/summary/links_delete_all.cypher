// Name: summary/links_delete_all
// Purpose: a full build's first step, one batch of it: up to $batch jigsaw links deleted with
//          their pieces' relationships. graph_loader/summaries.py repeats it, each batch its own
//          transaction, until none is left: one statement over London's 3.4 million links
//          (summary/links_delete with $all) passed the transaction timeout at L, although it
//          deleted in inner transactions.
// Parameters: $batch (int).
// Returns: deleted (int: links deleted by this batch; 0 when none was left).
MATCH (l:JigsawLink)
WITH l LIMIT $batch
WITH collect(l) AS batch
FOREACH (l IN batch | DETACH DELETE l)
RETURN size(batch) AS deleted
