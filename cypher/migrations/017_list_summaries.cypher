// Migration 017: the London-wide lists read in their order from their summaries (issue #22).
// Purpose: missing_rising_category, harmed_nominals and peer_on_peer_hsb for all London read every
//          referral, matrix entry or HSB case in London (2.5 s, 0.9 s and 0.7 s at p95 at L).
//          graph_loader/summaries.py keeps one fact per list item with `rank`, the count the list
//          orders by (descending) negated, and each read takes its first rows from one of these
//          indexes in order and stops at the catalogue's cap:
//            missing_rising_rank  (:MissingRisingFact)  rank, person_id
//            harmed_nominal_rank  (:HarmedNominalFact)  rank, nominal_id       (and rank_mash, rank_hsb, rank_all:
//                                 a reader of the matrix alone, with MASH, with HSB, with both)
//            peer_hsb_rank        (:PeerHsbFact)        rank, hsb_case
//          No backfill: a summary never computed is built whole by the next change or
//          `jigsaw summaries rebuild`, and answers live until then.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX missing_rising_rank IF NOT EXISTS FOR (f:MissingRisingFact) ON (f.rank, f.person_id);
CREATE INDEX harmed_nominal_rank IF NOT EXISTS FOR (f:HarmedNominalFact) ON (f.rank, f.nominal_id);
CREATE INDEX harmed_nominal_rank_mash IF NOT EXISTS FOR (f:HarmedNominalFact) ON (f.rank_mash, f.nominal_id);
CREATE INDEX harmed_nominal_rank_hsb IF NOT EXISTS FOR (f:HarmedNominalFact) ON (f.rank_hsb, f.nominal_id);
CREATE INDEX harmed_nominal_rank_all IF NOT EXISTS FOR (f:HarmedNominalFact) ON (f.rank_all, f.nominal_id);
CREATE INDEX peer_hsb_rank IF NOT EXISTS FOR (f:PeerHsbFact) ON (f.rank, f.hsb_case);
CALL db.awaitIndexes(600);
