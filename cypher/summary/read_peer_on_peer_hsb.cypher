// name: read_peer_on_peer_hsb
// question: peer_on_peer_hsb for all London, answered from the summary graph_loader/summaries.py keeps (PeerHsbFact).
// param: borough: string = null  Only HSB cases held for this borough (a borough has a read of its own: read_peer_on_peer_hsb_borough).
// returns: hsb_case, school, displaying (person ids), harmed (person ids), in_mash, mash_referrals (as peer_on_peer_hsb)
// batched: hsb_case, school, displaying, harmed, in_mash, mash_referrals
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader of every borough (jigsaw/summary_answers.read_query gives a reader of
// some boroughs read_peer_on_peer_hsb_some_boroughs): a row needs an HSB case and
// a MASH referral, so such a reader who may read both gets every case's row as built, and any
// other gets none (SOURCE_IN_SCOPE). The facts are taken in answer order from the (rank, hsb_case)
// index (migration 017; rank is the number of children in MASH referrals negated), so the catalogue
// stops reading at its 501st row and nothing is sorted.
// The rows come 100 to a record, in order (`batched:`, see jigsaw/bounded_read.py): the client's cost is per record.
MATCH (f:PeerHsbFact)
USING INDEX f:PeerHsbFact(rank, hsb_case)
WHERE f.rank IS NOT NULL AND f.hsb_case IS NOT NULL AND SOURCE_IN_SCOPE(hsb) AND SOURCE_IN_SCOPE(mash)
WITH f ORDER BY f.rank, f.hsb_case
LIMIT $rows_read
WITH collect([f.hsb_case, f.school, f.displaying, f.harmed, f.in_mash, f.mash_referrals]) AS rows
UNWIND range(0, size(rows) - 1, 100) AS first
RETURN rows[first..first + 100] AS batch
