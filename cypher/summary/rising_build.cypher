// Name: summary/rising_build
// Purpose: the missing_rising_category summary: one MissingRisingFact per child whose CSE risk
//          category rose (the latest referral's above the first's), holding the all-London row of
//          missing_rising_category (cypher/missing_rising_category.cypher, computed the same way from
//          all the child's referrals) and `rank`, the latest referral's missing episodes negated, so
//          one ascending index (migration 017) gives the answer's order (most episodes first, then id)
//          and the $min_missing filter is a range on it. Only referrals count, so a reader of every
//          borough who may read MASH sees exactly this row; one who may not sees no row.
//          A category the referral does not give is kept as '' (a stored list holds no null).
//          Beside it, a fact per borough whose referrals alone rose (migration 020: `borough`,
//          `borough_rank`, held by MASH for that borough), the row of the live query for that borough.
//          With $all for every child, else for every person a touched record names (the same people
//          summary/rising_delete removed the facts of), from all their referrals.
// Parameters: $all (bool).
// Returns: nothing (writes in transactions of 1,000 children).
CALL () {
  WITH 1 AS one WHERE $all
  MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  RETURN p, r
  UNION ALL
  WITH 1 AS one WHERE NOT $all
  MATCH (:SummaryTouched)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
  WITH DISTINCT p
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  RETURN p, r
}
WITH p, r ORDER BY r.record_date, r.record_key
WITH p, collect(r) AS all_refs
WHERE size(all_refs) >= 2
// All London's fact (no borough), then one per borough from the referrals held there alone.
UNWIND [null] + COLLECT { UNWIND all_refs AS x MATCH (:Borough {name: x.borough}) RETURN DISTINCT x.borough AS b } AS borough
WITH p, borough, CASE WHEN borough IS NULL THEN all_refs ELSE [x IN all_refs WHERE x.borough = borough] END AS refs
WHERE size(refs) >= 2
WITH p, borough, refs,
     [x IN refs | CASE x.cse_category WHEN 'none' THEN 0 ELSE toInteger(x.cse_category) END] AS levels,
     [x IN refs | coalesce(x.missing_episodes, 0)] AS missing
WHERE last(levels) > head(levels)
CALL (p, borough, refs, missing) {
  CREATE (p)-[:SUMMARISED_IN]->(f:MissingRisingFact {
    person_id: p.person_id, referrals: size(refs), categories: [x IN refs | coalesce(x.cse_category, '')],
    missing_episodes: missing,
    missing_rose: size([i IN range(1, size(missing) - 1) WHERE missing[i] > missing[i - 1]]) > 0,
    first_date: head(refs).record_date, last_date: last(refs).record_date,
    looked_after: any(x IN refs WHERE x.looked_after)
  })
  // `rank` for all London's index, `borough_rank` for the boroughs' (a fact is in one index only).
  SET f += CASE WHEN borough IS NULL THEN {rank: -last(missing)}
                ELSE {borough: borough, borough_rank: -last(missing), source: head(refs).source} END
  WITH f, borough WHERE borough IS NOT NULL
  MATCH (b:Borough {name: borough})
  CREATE (f)-[:IN_BOROUGH]->(b)
} IN TRANSACTIONS OF 1000 ROWS
