// name: overview_cse_categories
// question: How are referrals spread across CSE categories (none, 1, 2, 3)?
// param: borough: string = null  Only this borough (optional).
// param: date_from: date = null  Referrals received on or after this date (optional).
// param: date_to: date = null  Referrals received on or before this date (optional).
// returns: cse_category, referrals, share (of all referrals in the selection)
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Two ways in, each behind a one-row guard: `$borough IS NULL OR b.name = $borough` beside the MATCH read
// every referral in London for one borough (a second at L, issue #22).
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(r:Referral)
  WHERE IN_SCOPE(r)
  RETURN r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL
  MATCH (r:Referral)-[:IN_BOROUGH]->(:Borough)
  WHERE IN_SCOPE(r)
  RETURN r
}
WITH r
WHERE ($date_from IS NULL OR r.record_date >= $date_from) AND ($date_to IS NULL OR r.record_date <= $date_to)
WITH r.cse_category AS cse_category, count(r) AS referrals
WITH collect({c: cse_category, n: referrals}) AS rows, sum(referrals) AS total
UNWIND rows AS row
RETURN row.c AS cse_category, row.n AS referrals, round(1.0 * row.n / total, 3) AS share
ORDER BY cse_category
