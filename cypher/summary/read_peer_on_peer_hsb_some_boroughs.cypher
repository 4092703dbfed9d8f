// name: read_peer_on_peer_hsb_some_boroughs
// question: peer_on_peer_hsb for a reader of some boroughs, answered from the summary graph_loader/summaries.py keeps (PeerHsbFact).
// param: borough: string = null  Only HSB cases held for this borough (optional).
// returns: hsb_case, school, displaying (person ids), harmed (person ids), in_mash, mash_referrals (as peer_on_peer_hsb)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A reader of some boroughs sees the HSB cases held in their boroughs, each with its own children and
// school as built, and of its children those in a MASH referral they may read, wherever it is held. A
// case's fact keeps its case's borough (migration 021), the children in any referral (`in_mash`) and
// those referrals (`mash_referrals`) with the borough holding each (`referral_boroughs`, migration 027):
// their boroughs' facts (the borough asked, if one is, and it is theirs) are sought by it, the referrals
// kept only if the reader may read them, judged from the fact's note of each (HELD_IN_SCOPE: not sought
// one by one), and of the case's children in MASH those these referrals name. Then sorted as live sorts:
// how many children in MASH, then the case.
// The case itself is not looked up: its fact's borough is the case's own (peer_hsb_build), one of the
// reader's by the seek, and a case is an HSB record, a source they may read; so IN_SCOPE of the case
// holds for every fact sought (walking to each case cost a third of this read's db hits at L).
MATCH (start:Borough)
WHERE SOURCE_IN_SCOPE(hsb) AND SOURCE_IN_SCOPE(mash) AND BOROUGH_IN_SCOPE(start)
  AND ($borough IS NULL OR start.name = $borough)
CALL (start) {
  MATCH (f:PeerHsbFact)
  USING INDEX f:PeerHsbFact(borough, rank, hsb_case)
  WHERE f.borough = start.name AND f.rank IS NOT NULL AND f.hsb_case IS NOT NULL
  RETURN f
}
// Every referral held where the case is (most facts): each passes HELD_IN_SCOPE as the fact's own borough
// did (one of the reader's, by the seek; MASH is a source they read, above), so the list is kept whole
// without a note built for each referral (server median 29.8 to 26.5 ms for three boroughs at L). Otherwise
// one list comprehension keeps the fact's key order (the build sorts it), cheaper than a subquery per fact.
WITH f, CASE WHEN all(held IN f.referral_boroughs WHERE held = f.borough) THEN f.mash_referrals
  ELSE [held IN [i IN range(0, size(f.mash_referrals) - 1) |
                  {key: f.mash_referrals[i], source: 'mash', borough: f.referral_boroughs[i]}]
        WHERE HELD_IN_SCOPE(held) | held.key] END AS referrals
// Every referral kept, every child kept (most cases: a child's referrals are often held where the case is);
// else the children the kept referrals name, found by walking them. A CASE, not a subquery of two branches:
// its COLLECT runs only for a fact whose referrals were cut, where a subquery paid a union's cost on every
// fact (14 against 17 ms on the server for three boroughs at L).
WITH f, referrals, CASE
  WHEN size(referrals) = size(f.mash_referrals) THEN f.in_mash
  WHEN size(referrals) = 0 THEN []
  ELSE COLLECT {
    UNWIND referrals AS key
    MATCH (ref:Record {record_key: key})-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(child:Person)
    WHERE IN_SCOPE(ref) AND child.person_id IN f.in_mash
    WITH DISTINCT child.person_id AS id ORDER BY id
    RETURN id
  } END AS in_mash
WITH f, referrals, in_mash
WHERE size(in_mash) > 0
WITH f, referrals, in_mash ORDER BY size(in_mash) DESC, f.hsb_case LIMIT $rows_read
RETURN f.hsb_case AS hsb_case, f.school AS school, f.displaying AS displaying, f.harmed AS harmed, in_mash,
       referrals AS mash_referrals
ORDER BY size(in_mash) DESC, hsb_case
