// Migration 021: harmed_nominals and peer_on_peer_hsb for a borough, read in their order from the summaries (issue #22).
// Purpose: a borough's lists were answered live from migration 014's seeks: harmed_nominals 60 to 120 ms
//          at L for a busy borough (90,000 db hits: every harmed nominal's records), peer_on_peer_hsb 70 ms.
//          For a reader of every borough, a borough's answer is all London's with the entries (cases)
//          held elsewhere left out, so each HarmedNominalFact keeps its entry's `borough` and each
//          PeerHsbFact its case's (none for a case with no date: the live way seeks a borough's cases by
//          date), and each rank's index gets a twin led by the borough:
//            harmed_nominal_borough_rank[_mash|_hsb|_all]  (:HarmedNominalFact)  borough, rank*, nominal_id
//            peer_hsb_borough_rank                         (:PeerHsbFact)        borough, rank, hsb_case
//          summary/harmed_build and summary/peer_hsb_build write the borough; a store built before this
//          migration is backfilled from the facts' entries and cases, in pages of 10,000 facts.
// Parameters: none. Returns: nothing. Safe to run twice (only facts without the borough are touched;
//          IF NOT EXISTS).
MATCH (e:MatrixEntry)-[:SUMMARISED_IN]->(f:HarmedNominalFact)
WHERE f.borough IS NULL AND e.borough IS NOT NULL
CALL (e, f) { SET f.borough = e.borough } IN TRANSACTIONS OF 10000 ROWS;
MATCH (c:HsbCase)-[:SUMMARISED_IN]->(f:PeerHsbFact)
WHERE f.borough IS NULL AND c.borough IS NOT NULL AND c.record_date IS NOT NULL
CALL (c, f) { SET f.borough = c.borough } IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX harmed_nominal_borough_rank IF NOT EXISTS FOR (f:HarmedNominalFact) ON (f.borough, f.rank, f.nominal_id);
CREATE INDEX harmed_nominal_borough_rank_mash IF NOT EXISTS
FOR (f:HarmedNominalFact) ON (f.borough, f.rank_mash, f.nominal_id);
CREATE INDEX harmed_nominal_borough_rank_hsb IF NOT EXISTS
FOR (f:HarmedNominalFact) ON (f.borough, f.rank_hsb, f.nominal_id);
CREATE INDEX harmed_nominal_borough_rank_all IF NOT EXISTS
FOR (f:HarmedNominalFact) ON (f.borough, f.rank_all, f.nominal_id);
CREATE INDEX peer_hsb_borough_rank IF NOT EXISTS FOR (f:PeerHsbFact) ON (f.borough, f.rank, f.hsb_case);
CALL db.awaitIndexes(600);
