// Migration 020: missing_rising_category for a borough, read in its order from the summary (issue #22).
// Purpose: a borough's list was answered live from migration 014's (borough, missing_episodes) seek:
//          120 to 150 ms at L for a busy borough (200,000 db hits for 180 rows: every candidate's
//          referrals anywhere, to keep those held in the borough). summary/rising_build now keeps,
//          beside each child's all-London fact, one MissingRisingFact per borough whose referrals
//          alone rose, with `borough`, `borough_rank` (the latest referral's missing episodes there,
//          negated; no `rank`, so it stays out of all London's index), `source` and IN_BOROUGH to its
//          borough, so IN_SCOPE filters it as the referrals are; read from
//            missing_rising_borough_rank  (:MissingRisingFact)  borough, borough_rank, person_id
//          A store whose list was built before this migration is backfilled: every child with two
//          referrals or more held for one borough is worked out as summary/rising_build does, in
//          pages of 1,000 children (each page its own transaction). A list never built is left to its
//          first build, which is whole: a store the offline importer just made (`jigsaw load --initial`)
//          builds the lists after its migrations, so nothing is worked out twice.
// Parameters: none. Returns: nothing. Safe to run twice (a child with a borough fact already is
//          passed over; IF NOT EXISTS).
CREATE INDEX missing_rising_borough_rank IF NOT EXISTS
FOR (f:MissingRisingFact) ON (f.borough, f.borough_rank, f.person_id);
MATCH (built:SummaryState {name: 'missing_rising_category'})
WHERE built.computed_at IS NOT NULL
MATCH (p:Person)
WHERE EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(:Referral) }
CALL (p) {
  WITH p WHERE NOT EXISTS { (p)-[:SUMMARISED_IN]->(x:MissingRisingFact) WHERE x.borough IS NOT NULL }
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  WHERE r.borough IS NOT NULL
  WITH p, r ORDER BY r.record_date, r.record_key
  WITH p, r.borough AS borough, collect(r) AS refs
  WHERE size(refs) >= 2
  WITH p, borough, refs,
       [x IN refs | CASE x.cse_category WHEN 'none' THEN 0 ELSE toInteger(x.cse_category) END] AS levels,
       [x IN refs | coalesce(x.missing_episodes, 0)] AS missing
  WHERE last(levels) > head(levels)
  MATCH (b:Borough {name: borough})
  CREATE (p)-[:SUMMARISED_IN]->(f:MissingRisingFact {
    person_id: p.person_id, referrals: size(refs), categories: [x IN refs | coalesce(x.cse_category, '')],
    missing_episodes: missing,
    missing_rose: size([i IN range(1, size(missing) - 1) WHERE missing[i] > missing[i - 1]]) > 0,
    first_date: head(refs).record_date, last_date: last(refs).record_date,
    looked_after: any(x IN refs WHERE x.looked_after),
    borough: borough, borough_rank: -last(missing), source: head(refs).source
  })-[:IN_BOROUGH]->(b)
} IN TRANSACTIONS OF 1000 ROWS;
CALL db.awaitIndexes(600);
