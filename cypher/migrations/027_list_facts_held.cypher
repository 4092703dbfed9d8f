// Migration 027: the lists of a reader of some boroughs judge the records they name from the facts (issue #22).
// Purpose: `harmed_nominals` and `peer_on_peer_hsb` for a reader of some boroughs sought every record
//          key a fact keeps to judge whether the reader may read it: 2,521 seeks, most of a 110 ms read,
//          for a reader of three boroughs at L. Each HarmedNominalFact now keeps every record naming the
//          nominal as harmed in key order with its source and borough (`named_keys`, `named_sources`,
//          `named_boroughs`), and each PeerHsbFact the borough of each of its referrals
//          (`referral_boroughs`), as cypher/summary/harmed_build and peer_hsb_build write them; the reads
//          judge them with HELD_IN_SCOPE (jigsaw/need_to_know.py). Backfills the facts of a store from
//          before, in pages of 1,000 (each page its own transaction); a record no longer there is noted
//          blank (a nominal's record: source and borough; a case's referral: borough), so no reader of some
//          boroughs is given it.
// Parameters: none. Returns: nothing. Safe to run twice (only facts without the notes are backfilled).
MATCH (f:HarmedNominalFact)
WHERE f.named_keys IS NULL
CALL (f) {
  CALL (f) {
    UNWIND f.harmed_other + f.harmed_mash + f.harmed_hsb AS key
    OPTIONAL MATCH (r:Record {record_key: key})
    WITH key, r ORDER BY key
    RETURN collect(key) AS keys, collect(coalesce(r.source, '')) AS sources, collect(coalesce(r.borough, '')) AS boroughs
  }
  SET f.named_keys = keys, f.named_sources = sources, f.named_boroughs = boroughs
} IN TRANSACTIONS OF 1000 ROWS;
MATCH (f:PeerHsbFact)
WHERE f.referral_boroughs IS NULL
CALL (f) {
  CALL (f) {
    UNWIND f.mash_referrals AS key
    OPTIONAL MATCH (r:Record {record_key: key})
    RETURN collect(coalesce(r.borough, '')) AS boroughs
  }
  SET f.referral_boroughs = boroughs
} IN TRANSACTIONS OF 1000 ROWS;
