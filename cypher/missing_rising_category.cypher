// name: missing_rising_category
// question: Which children's CSE risk category rose (the latest referral's above the first's) while they kept going missing (at least min_missing episodes in the latest referral)? Whether the number of missing episodes also rose is shown (missing_rose), not required.
// param: min_missing: int = 2  At least this many missing episodes in the latest referral.
// param: borough: string = null  Only referrals held for this borough (optional).
// returns: person_id, referrals, categories (oldest first), missing_episodes (oldest first), missing_rose (the missing episodes went up between two referrals), first_date, last_date, looked_after
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A child is listed only if their latest referral here has at least min_missing episodes, so for a borough
// (and min_missing above 0) the referrals with that many are one seek of the (borough, missing_episodes)
// index (migration 014), and only their children's referrals in the borough are read: it read the
// borough's whole history, about 11,000 records at L (issue #22). The rest is computed as before, from all
// of each candidate's referrals there. Three ways in, each guarded by a one-row WITH on the parameters: a
// `$borough IS NULL OR ...` beside the MATCH made the planner read every referral in London for one borough.
// All London for a reader of some boroughs is the same seek from each of their boroughs: the referrals
// they may read are held there (every referral in London read to keep theirs: 0.5 s at L for Hackney).
WITH NOT EVERY_BOROUGH_IN_SCOPE() AS some_boroughs  // the reader is limited to some
CALL (some_boroughs) {
  WITH 1 AS one WHERE $borough IS NOT NULL AND $min_missing > 0
  MATCH (kept:Referral)
  USING INDEX kept:Referral(borough, missing_episodes)
  WHERE kept.borough = $borough AND kept.missing_episodes >= $min_missing AND IN_SCOPE(kept)
  MATCH (kept)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(p:Person)
  WITH DISTINCT p
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  WHERE r.borough = $borough AND IN_SCOPE(r)
  RETURN p, r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NOT NULL AND $min_missing <= 0
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(r:Referral)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(p:Person)
  WHERE IN_SCOPE(r)
  RETURN p, r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND some_boroughs
  MATCH (mine:Borough) WHERE BOROUGH_IN_SCOPE(mine)
  CALL (mine) {  // the children of their boroughs' referrals with enough missing episodes (all, for 0)
    MATCH (kept:Referral)
    USING INDEX kept:Referral(borough, missing_episodes)
    WHERE kept.borough = mine.name AND kept.missing_episodes >= $min_missing AND $min_missing > 0 AND IN_SCOPE(kept)
    MATCH (kept)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(p:Person)
    RETURN p
    UNION
    WITH mine WHERE $min_missing <= 0
    MATCH (mine)<-[:IN_BOROUGH]-(r:Referral)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(p:Person)
    WHERE IN_SCOPE(r)
    RETURN p
  }
  WITH DISTINCT p
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  WHERE IN_SCOPE(r)
  RETURN p, r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND NOT some_boroughs
  MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  WHERE IN_SCOPE(r)
  RETURN p, r
}
WITH p, r ORDER BY r.record_date, r.record_key
WITH p, collect(r) AS refs
WHERE size(refs) >= 2
WITH p, refs,
     [x IN refs | CASE x.cse_category WHEN 'none' THEN 0 ELSE toInteger(x.cse_category) END] AS levels,
     [x IN refs | coalesce(x.missing_episodes, 0)] AS missing
WHERE last(levels) > head(levels) AND last(missing) >= $min_missing
RETURN p.person_id AS person_id, size(refs) AS referrals, [x IN refs | x.cse_category] AS categories,
       missing AS missing_episodes, size([i IN range(1, size(missing) - 1) WHERE missing[i] > missing[i - 1]]) > 0 AS missing_rose,
       head(refs).record_date AS first_date, last(refs).record_date AS last_date,
       any(x IN refs WHERE x.looked_after) AS looked_after
ORDER BY last(missing) DESC, person_id
