// Migration 019: each way to a nominal keeps its steps' sources, for a reader of every borough.
// Purpose: a reader limited by source but not by borough (e.g. MASH and the matrix, all London) may
//          follow a way when they may read a record of each step, which for them is a question of the
//          records' sources only. Each GangReach keeps the sources of its `via` records
//          (`via_sources`) and, for a way of two steps, of its `next` records (`next_sources`), sorted
//          (cypher/summary/overlap_build, graph_loader/overlap_build.py and the first load's files
//          write them), so that reader's read (summary/read_gang_overlap_every_borough) looks no
//          record up. A store built before this migration is backfilled in pages of 10,000 ways
//          (each page its own transaction); a key whose record is gone adds no source, as the read
//          before found no record for it.
// Parameters: none. Returns: nothing. Safe to run twice (the backfill touches only ways without
//          `via_sources`).
MATCH (g:GangReach)
WHERE g.via_sources IS NULL
CALL (g) {
  SET g.via_sources = COLLECT { UNWIND g.via AS key MATCH (r:Record {record_key: key}) RETURN DISTINCT r.source AS s ORDER BY s },
      g.next_sources = CASE WHEN g.next IS NULL THEN null
                            ELSE COLLECT { UNWIND g.next AS key MATCH (r:Record {record_key: key}) RETURN DISTINCT r.source AS s ORDER BY s } END
} IN TRANSACTIONS OF 10000 ROWS;
