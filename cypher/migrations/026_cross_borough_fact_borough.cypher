// Migration 026: a reader of some boroughs reads their boroughs' cross-borough facts by index (issue #22).
// Purpose: `cross_borough_people` and `overview_by_source` (all London for a reader of several
//          boroughs: distinct people over their boroughs are the boroughs' counts less each person
//          counted again in another of them) read the CrossBoroughFacts under the reader's boroughs.
//          Walking IN_BOROUGH from a borough visits every node tied to it (about 20,000 at L, most of
//          them records and other summaries' facts) to find its 500 facts. Each fact now keeps its
//          borough's name beside its tie, as a record does (cypher/summary/cross_build and
//          graph_loader/summary_files.py write both), so IN_SCOPE judges it by the name, and
//          `cross_borough_borough` gives a borough's facts outright. The overview's SourceCount keeps
//          its borough's name too (summary/counts_build); it is rebuilt whole after each change, so
//          only a store from before this migration needs the backfill. Backfills in pages of 10,000
//          (each page its own transaction), then creates the index and waits for it.
// Parameters: none. Returns: nothing. Safe to run twice (the backfill touches only nodes whose name is
//          missing or disagrees with the tie; IF NOT EXISTS).
MATCH (f:CrossBoroughFact|SourceCount)-[:IN_BOROUGH]->(b:Borough)
WHERE f.borough IS NULL OR f.borough <> b.name
CALL (f, b) {
  SET f.borough = b.name
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX cross_borough_borough IF NOT EXISTS FOR (n:CrossBoroughFact) ON (n.borough);
CALL db.awaitIndexes(600);
