// Migration 014: the live lists of a borough seek the records that can be in their answer (issue #22).
// Purpose: doubtful_values, harmed_nominals, missing_rising_category and peer_on_peer_hsb read a borough's whole
//          history (about 11,000 records at L) to list a few hundred. Each record keeps whether it
//          holds a doubt in any part (`has_doubts`: its own fields, a mention it names, a place as it
//          names it; cypher/load/write_records.cypher and graph_loader/import_files.py write it from
//          graph_loader/graph_rows.holds_doubts), and four composite indexes let each list seek
//          only the records its answer can hold:
//            record_doubts_borough_date  (:Record)      has_doubts, borough, record_date
//            matrix_harmed_status        (:MatrixEntry) harmed_or_exploited, status, borough
//            referral_borough_missing    (:Referral)    borough, missing_episodes
//            hsb_borough_date            (:HsbCase)     borough, record_date   (peer_on_peer_hsb)
//          Backfills a store loaded before this migration, in pages of 10,000 records (each page its
//          own transaction: jigsaw/schema.py runs migrations as auto-commit statements), then creates
//          the indexes and waits until they are online.
// Parameters: none. Returns: nothing. Safe to run twice (the backfill only touches records without
//          the property; IF NOT EXISTS).
MATCH (r:Record)
WHERE r.has_doubts IS NULL
CALL (r) {
  SET r.has_doubts = r.doubts IS NOT NULL
    OR EXISTS { (r)-[:MENTIONS]->(m:Mention) WHERE m.doubts IS NOT NULL }
    OR EXISTS { (r)-[np:NAMES_PLACE]->(:Place) WHERE np.doubts IS NOT NULL }
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX record_doubts_borough_date IF NOT EXISTS FOR (n:Record) ON (n.has_doubts, n.borough, n.record_date);
CREATE INDEX matrix_harmed_status IF NOT EXISTS FOR (n:MatrixEntry) ON (n.harmed_or_exploited, n.status, n.borough);
CREATE INDEX referral_borough_missing IF NOT EXISTS FOR (n:Referral) ON (n.borough, n.missing_episodes);
CREATE INDEX hsb_borough_date IF NOT EXISTS FOR (n:HsbCase) ON (n.borough, n.record_date);
CALL db.awaitIndexes(600);
