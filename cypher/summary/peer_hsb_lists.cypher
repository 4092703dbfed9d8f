// Name: summary/peer_hsb_lists
// Purpose: after a first load imported the peer-on-peer HSB facts (graph_loader/list_files.py), give
//          back the empty lists the importer cannot write (an empty cell writes no property): a case
//          with no child displaying HSB, or none harmed, as summary/peer_hsb_build writes it. A
//          referral's borough is '' where it has none, and [''] is an empty cell too: so a missing
//          referral_boroughs is one '' for each referral (a record always has a borough today).
// Parameters: none.
// Returns: nothing (runs in transactions of 10,000 facts).
MATCH (f:PeerHsbFact)
WHERE f.displaying IS NULL OR f.harmed IS NULL OR f.referral_boroughs IS NULL
CALL (f) {
  SET f.displaying = coalesce(f.displaying, []), f.harmed = coalesce(f.harmed, []),
      f.referral_boroughs = coalesce(f.referral_boroughs, [k IN f.mash_referrals | ''])
} IN TRANSACTIONS OF 10000 ROWS
