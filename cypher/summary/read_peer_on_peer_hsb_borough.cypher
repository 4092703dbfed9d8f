// name: read_peer_on_peer_hsb_borough
// question: peer_on_peer_hsb for a borough, answered from the summary graph_loader/summaries.py keeps (PeerHsbFact).
// param: borough: string = null  Only HSB cases held for this borough (this read is for a borough asked).
// returns: hsb_case, school, displaying (person ids), harmed (person ids), in_mash, mash_referrals (as peer_on_peer_hsb)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// As all London's read (summary/read_peer_on_peer_hsb), for one borough: each fact keeps the borough of its
// case (migration 021; none for a case with no date, which the live way, seeking by date, never lists), and
// the (borough, rank, hsb_case) index gives the borough's facts in answer order (ordered by the borough too,
// one value, so that the planner takes the index's order).
// Only for a reader of every borough, as all London's (a reader of some boroughs has a read of their own:
// jigsaw/summary_answers.read_query).
MATCH (f:PeerHsbFact)
USING INDEX f:PeerHsbFact(borough, rank, hsb_case)
WHERE f.borough = $borough AND f.rank IS NOT NULL AND f.hsb_case IS NOT NULL
  AND SOURCE_IN_SCOPE(hsb) AND SOURCE_IN_SCOPE(mash)
WITH f ORDER BY f.borough, f.rank, f.hsb_case
RETURN f.hsb_case AS hsb_case, f.school AS school, f.displaying AS displaying, f.harmed AS harmed,
       f.in_mash AS in_mash, f.mash_referrals AS mash_referrals
