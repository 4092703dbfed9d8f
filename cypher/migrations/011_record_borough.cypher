// Migration 011: a borough's records in a period as one index seek (issue #22).
// Purpose: every record keeps the name of the borough holding it (`borough`, beside its IN_BOROUGH
//          tie: cypher/load/write_records.cypher and graph_loader/import_files.py write both), and a
//          composite index on (borough, record_date) lets the borough reports read the period's
//          records only, instead of the borough's whole history filtered on the date.
//          Backfills a store loaded before this migration, in pages of 10,000 records (each page
//          its own transaction: jigsaw/schema.py runs migrations as auto-commit statements), then
//          creates the index and waits until it is online.
// Parameters: none. Returns: nothing. Safe to run twice (the backfill only touches records whose
//          property is missing or disagrees with the tie; IF NOT EXISTS).
MATCH (r:Record)-[:IN_BOROUGH]->(b:Borough)
WHERE r.borough IS NULL OR r.borough <> b.name
CALL (r, b) {
  SET r.borough = b.name
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX record_borough_date IF NOT EXISTS FOR (n:Record) ON (n.borough, n.record_date);
CALL db.awaitIndexes(600);
