// name: peer_on_peer_hsb
// question: Which children displaying harmful sexual behaviour and children harmed share a school or an HSB case, and also appear in MASH referrals?
// param: borough: string = null  Only HSB cases held for this borough (optional).
// returns: hsb_case, school, displaying (person ids), harmed (person ids), in_mash (those of them in MASH referrals), mash_referrals
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Two ways in, each guarded by a one-row WITH on the parameter (issue #22): a `$borough IS NULL OR ...`
// beside the MATCH made the planner read every HSB case in London even for one borough.
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(c:HsbCase)
  WHERE IN_SCOPE(c)
  RETURN c
  UNION
  WITH 1 AS one WHERE $borough IS NULL
  MATCH (c:HsbCase)
  WHERE IN_SCOPE(c)
  RETURN c
}
MATCH (c)-[d:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
OPTIONAL MATCH (c)-[:MENTIONS]->(:Mention)-[:ATTENDS]->(s:School)
WITH c, collect(DISTINCT s.name) AS schools,
     collect(DISTINCT CASE d.role WHEN 'child_displaying_hsb' THEN p END) AS displaying,
     collect(DISTINCT CASE d.role WHEN 'child_harmed' THEN p END) AS harmed
WITH c, schools, displaying, harmed, displaying + harmed AS children
CALL (children) {
  UNWIND children AS child
  MATCH (child)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(ref:Referral)
  WHERE IN_SCOPE(ref)
  RETURN collect(DISTINCT child.person_id) AS in_mash, collect(DISTINCT ref.record_key) AS mash_referrals
}
WITH c, schools, displaying, harmed, in_mash, mash_referrals WHERE size(in_mash) > 0
RETURN c.source_id AS hsb_case, head(schools) AS school, [x IN displaying | x.person_id] AS displaying,
       [x IN harmed | x.person_id] AS harmed, in_mash, mash_referrals
ORDER BY size(in_mash) DESC, hsb_case
