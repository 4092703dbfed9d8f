// Migration 009: indexes for the live catalogue queries that read all London (issue #22).
// Purpose: doubtful_values without a borough finds the few records, people named and places
//          named that hold a doubtful value through these indexes (IS NOT NULL), instead of
//          reading every record in London and every mention and place it names.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX record_doubts IF NOT EXISTS FOR (n:Record) ON (n.doubts);
CREATE INDEX mention_doubts IF NOT EXISTS FOR (n:Mention) ON (n.doubts);
CREATE INDEX names_place_doubts IF NOT EXISTS FOR ()-[r:NAMES_PLACE]-() ON (r.doubts);
