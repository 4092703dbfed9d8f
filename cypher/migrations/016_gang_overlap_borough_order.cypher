// Migration 016: a borough's gang overlap read in its order from an index.
// Purpose: for a reader of every source and borough, a borough's answer is its borough-lead facts in
//          (steps, person_id) order; with the borough's name on each fact (migration 015) this index gives
//          them in that order, so the read stops at the catalogue's 1,001st row instead of sorting the
//          borough's four to five thousand facts at L on every call.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX gang_overlap_borough_steps_person IF NOT EXISTS FOR (f:GangOverlapFact) ON (f.borough, f.steps, f.person_id);
CALL db.awaitIndexes(600);
