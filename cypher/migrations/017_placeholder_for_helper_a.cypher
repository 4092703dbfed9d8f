// Migration 017: a placeholder for helper A's 017_list_summaries (branch pA), so migrations number
// 1..n on this branch alone. DROP THIS FILE (its commit) WHEN MERGING: pA brings the real 017.
// Parameters: none. Returns: nothing.
CALL db.awaitIndexes(600);
