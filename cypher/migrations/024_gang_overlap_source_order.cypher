// Migration 024: gang overlap's candidates for a reader of one peer source, sought by that source.
// Purpose: a reader of every borough, of the matrix and of one of MASH or HSB, lists only people with a
//          fact of that source. Read from the widest reader's facts in (steps, person_id) order, the
//          HSB-and-matrix reader's first page walked every nominal in London (14,461 facts at L) to find
//          1,001 with an HSB fact. These indexes give that source's facts in the same order
//          (cypher/summary/read_gang_overlap_every_borough.cypher). Every fact keeps `source` and `steps`
//          already (graph_loader/overlap_build.py), so there is nothing to backfill.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX gang_overlap_source_steps_person IF NOT EXISTS FOR (f:GangOverlapFact) ON (f.source, f.steps, f.person_id);
CREATE INDEX gang_overlap_source_person IF NOT EXISTS FOR (f:GangOverlapFact) ON (f.source, f.person_id);
CALL db.awaitIndexes(600);
