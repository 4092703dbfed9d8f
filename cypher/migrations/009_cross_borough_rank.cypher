// Migration 009: cross_borough_people read in its order from an index.
// Purpose: each cross-borough person's lead fact keeps a `rank` that sorts as the live query
//          orders (graph_loader/summaries.py); the read of a reader of every source and borough
//          takes the first rows from this index in order, and stops, instead of summing every fact.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX cross_borough_rank IF NOT EXISTS FOR (n:CrossBoroughFact) ON (n.rank);
