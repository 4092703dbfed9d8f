// Migration 015: gang_overlap for a restricted reader read in person order from indexes.
// Purpose: a restricted reader's answer is worked out one step count at a time, each over the
//          candidates in person id order, and stops at the catalogue's row cap; these indexes give
//          the candidates in that order (all London: each person's lead fact by `person_id`; a
//          borough: each person's borough-lead fact by (`borough`, `person_id`)), so the read no
//          longer groups and sorts every fact of the borough or of London first. Each fact keeps
//          its borough's name beside its IN_BOROUGH tie (cypher/summary/overlap_build,
//          graph_loader/overlap_build.py and the first load's files write both); a store built
//          before this migration is backfilled in pages of 10,000 facts (each page its own
//          transaction), then the indexes are created and awaited.
// Parameters: none. Returns: nothing. Safe to run twice (the backfill touches only facts whose
//          property is missing or disagrees with the tie; IF NOT EXISTS).
MATCH (f:GangOverlapFact)-[:IN_BOROUGH]->(b:Borough)
WHERE f.borough IS NULL OR f.borough <> b.name
CALL (f, b) {
  SET f.borough = b.name
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX gang_overlap_person IF NOT EXISTS FOR (n:GangOverlapFact) ON (n.person_id);
CREATE INDEX gang_overlap_borough_person IF NOT EXISTS FOR (n:GangOverlapFact) ON (n.borough, n.person_id);
CALL db.awaitIndexes(600);
