// Migration 025: hotspots seek the records seen in their period (issue #22).
// Purpose: hotspots counts a place's sightings in a period and the one before, a sighting being the
//          day a record saw the place (or the record's date when it gives none). It read every
//          record of a borough (about 11,000 at L), or every place in London, to keep those of the
//          last two years. Each record now keeps the first and last day its places were seen
//          (`seen_from`, `seen_until`; cypher/load/write_records.cypher and graph_loader/import_files.py
//          write them from graph_loader/graph_rows.sightings), and two indexes give the records
//          whose sightings can fall in a period:
//            record_seen_until          (:Record) seen_until            (all London)
//            record_borough_seen_until  (:Record) borough, seen_until   (a borough's records)
//          Backfills a store loaded before this migration, in pages of 10,000 records (each page
//          its own transaction: jigsaw/schema.py runs migrations as auto-commit statements), then
//          creates the indexes and waits until they are online.
// Parameters: none. Returns: nothing. Safe to run twice (the backfill only touches records that
//          name a place and have no `seen_until`; IF NOT EXISTS).
MATCH (r:Record)
WHERE r.seen_until IS NULL AND EXISTS { (r)-[:NAMES_PLACE]->(:Place) }
CALL (r) {
  MATCH (r)-[np:NAMES_PLACE]->(:Place)
  WITH r, min(coalesce(np.date_seen, r.record_date)) AS first, max(coalesce(np.date_seen, r.record_date)) AS last
  SET r.seen_from = first, r.seen_until = last
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX record_seen_until IF NOT EXISTS FOR (n:Record) ON (n.seen_until);
CREATE INDEX record_borough_seen_until IF NOT EXISTS FOR (n:Record) ON (n.borough, n.seen_until);
CALL db.awaitIndexes(600);
