// Name: summary/peer_hsb_build
// Purpose: the peer_on_peer_hsb summary: one PeerHsbFact per HSB case with a child in a MASH
//          referral, holding the case's all-London row (computed as cypher/peer_on_peer_hsb.cypher
//          does, every list in order) and `rank`, the number of those children negated, so one
//          ascending index (migration 017) gives the answer's order (most first, then the case).
//          The row needs an HSB case and a MASH referral, so a reader of every borough who may
//          read both sees exactly this row, and any other reader of every borough sees none.
//          With $all for every case, else for the touched cases (a change to a child's records
//          touches all of them, the case among them). Each referral's borough beside it
//          (`referral_boroughs`, in the same order): a reader of some boroughs' row is judged from
//          them (HELD_IN_SCOPE) without seeking each referral (migration 027).
// Parameters: $all (bool).
// Returns: nothing (writes in transactions of 1,000 cases).
CALL () {
  WITH 1 AS one WHERE $all
  MATCH (c:HsbCase)
  RETURN c
  UNION ALL
  WITH 1 AS one WHERE NOT $all
  MATCH (c:SummaryTouched:HsbCase)
  RETURN c
}
MATCH (c)-[d:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
OPTIONAL MATCH (c)-[:MENTIONS]->(:Mention)-[:ATTENDS]->(s:School)
WITH c, collect(DISTINCT s.name) AS schools,
     collect(DISTINCT CASE d.role WHEN 'child_displaying_hsb' THEN p END) AS displaying,
     collect(DISTINCT CASE d.role WHEN 'child_harmed' THEN p END) AS harmed
WITH c, COLLECT { UNWIND schools AS x RETURN x ORDER BY x } AS schools,
     COLLECT { UNWIND displaying AS x RETURN x ORDER BY x.person_id } AS displaying,
     COLLECT { UNWIND harmed AS x RETURN x ORDER BY x.person_id } AS harmed
WITH c, schools, displaying, harmed, displaying + harmed AS children
CALL (children) {
  UNWIND children AS child
  MATCH (child)<-[:REFERS_TO]-(:Mention {source: 'mash'})<-[:MENTIONS]-(ref:Referral)
  WITH collect(DISTINCT child.person_id) AS in_mash, collect(DISTINCT ref) AS referrals
  RETURN COLLECT { UNWIND in_mash AS x RETURN x ORDER BY x } AS in_mash,
         COLLECT { UNWIND referrals AS x RETURN x ORDER BY x.record_key } AS referrals
}
WITH c, schools, displaying, harmed, in_mash, [x IN referrals | x.record_key] AS mash_referrals,
     [x IN referrals | coalesce(x.borough, '')] AS referral_boroughs
WHERE size(in_mash) > 0
CALL (c, schools, displaying, harmed, in_mash, mash_referrals, referral_boroughs) {
  CREATE (c)-[:SUMMARISED_IN]->(:PeerHsbFact {
    hsb_case: c.source_id, school: head(schools), displaying: [x IN displaying | x.person_id],
    harmed: [x IN harmed | x.person_id], in_mash: in_mash, mash_referrals: mash_referrals,
    referral_boroughs: referral_boroughs, rank: -size(in_mash),
    // A borough's live way seeks its cases by (borough, record_date): a case with no date is in no borough's list.
    borough: CASE WHEN c.record_date IS NOT NULL THEN c.borough END
  })
} IN TRANSACTIONS OF 1000 ROWS
