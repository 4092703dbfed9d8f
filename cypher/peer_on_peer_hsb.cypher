// name: peer_on_peer_hsb
// question: Which children displaying harmful sexual behaviour and children harmed share a school or an HSB case, and also appear in MASH referrals?
// param: borough: string = null  Only HSB cases held for this borough (optional).
// returns: hsb_case, school, displaying (person ids), harmed (person ids), in_mash (those of them in MASH referrals), mash_referrals
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The borough's HSB cases only, one seek of the (borough, record_date) index on :HsbCase (migration 014): from
// the borough it read every record of its history to keep the HSB cases, about 1 in 70 (issue #22). Two ways
// in, each guarded by a one-row WITH on the parameter: a `$borough IS NULL OR ...` beside the MATCH made the
// planner read every HSB case in London even for one borough. (Every case has a date: the IS NOT NULL only
// lets the hint name the whole index.) All London is read from each borough of a reader of some.
// (EVERY_BOROUGH_IN_SCOPE: which way in, never a filter.)
CALL () {
  // A borough asked, and all London for a reader of some boroughs from each of theirs (the cases
  // they may read are held there): the same seek from each. A borough outside the reader's holds none
  // they may read: nothing is read there.
  WITH 1 AS one WHERE $borough IS NOT NULL OR NOT EVERY_BOROUGH_IN_SCOPE()
  MATCH (start:Borough)
  WHERE BOROUGH_IN_SCOPE(start) AND ($borough IS NULL OR start.name = $borough)
  CALL (start) {
    MATCH (c:HsbCase)
    USING INDEX c:HsbCase(borough, record_date)
    WHERE c.borough = start.name AND c.record_date IS NOT NULL AND IN_SCOPE(c)
    RETURN c
  }
  RETURN c
  UNION
  WITH 1 AS one WHERE $borough IS NULL AND EVERY_BOROUGH_IN_SCOPE()
  MATCH (c:HsbCase)
  WHERE IN_SCOPE(c)
  RETURN c
}
MATCH (c)-[d:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
OPTIONAL MATCH (c)-[:MENTIONS]->(:Mention)-[:ATTENDS]->(s:School)
WITH c, collect(DISTINCT s.name) AS schools,
     collect(DISTINCT CASE d.role WHEN 'child_displaying_hsb' THEN p END) AS displaying,
     collect(DISTINCT CASE d.role WHEN 'child_harmed' THEN p END) AS harmed
// Every list in order (the first school by name), so a row is the same however the graph was read
// (the summary keeps it so: graph_loader/summaries.py).
WITH c, COLLECT { UNWIND schools AS x RETURN x ORDER BY x } AS schools,
     COLLECT { UNWIND displaying AS x RETURN x ORDER BY x.person_id } AS displaying,
     COLLECT { UNWIND harmed AS x RETURN x ORDER BY x.person_id } AS harmed
WITH c, schools, displaying, harmed, displaying + harmed AS children
CALL (children) {
  UNWIND children AS child
  // A referral's mentions are the MASH's (a mention keeps its record's source): kept by that before each is
  // walked back to its record, not every HSB and matrix mention of the child (issue #22).
  MATCH (child)<-[:REFERS_TO]-(:Mention {source: 'mash'})<-[:MENTIONS]-(ref:Referral)
  WHERE IN_SCOPE(ref)
  WITH collect(DISTINCT child.person_id) AS in_mash, collect(DISTINCT ref.record_key) AS mash_referrals
  RETURN COLLECT { UNWIND in_mash AS x RETURN x ORDER BY x } AS in_mash,
         COLLECT { UNWIND mash_referrals AS x RETURN x ORDER BY x } AS mash_referrals
}
WITH c, schools, displaying, harmed, in_mash, mash_referrals WHERE size(in_mash) > 0
RETURN c.source_id AS hsb_case, head(schools) AS school, [x IN displaying | x.person_id] AS displaying,
       [x IN harmed | x.person_id] AS harmed, in_mash, mash_referrals
ORDER BY size(in_mash) DESC, hsb_case
