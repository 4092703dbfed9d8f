// name: overview_cse_categories
// question: How are referrals spread across CSE categories (none, 1, 2, 3)?
// param: borough: string = null  Only this borough (optional).
// param: date_from: date = null  Referrals received on or after this date (optional).
// param: date_to: date = null  Referrals received on or before this date (optional).
// returns: cse_category, referrals, share (of all referrals in the selection)
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Each way behind a one-row guard: `$borough IS NULL OR b.name = $borough` beside the MATCH read every
// referral in London for one borough (a second at L, issue #22). With a period, the borough's referrals
// in it are one seek of the (borough, record_date) index (migration 011), and all London's in a period with
// both ends one of the record_date index, instead of every referral of the borough (or London) filtered on
// the date; otherwise (all time, or London from or to a date: a seek of most of the index cost more than
// reading every referral) every referral is read and the period kept after.
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL AND $date_from IS NULL AND $date_to IS NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(r:Referral)
  WHERE IN_SCOPE(r)
  RETURN r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NOT NULL AND ($date_from IS NOT NULL OR $date_to IS NOT NULL)
  MATCH (r:Record)
  USING INDEX r:Record(borough, record_date)
  WHERE r.borough = $borough AND r.record_date >= coalesce($date_from, date('0001-01-01'))
    AND r.record_date <= coalesce($date_to, date('9999-12-31')) AND r:Referral AND IN_SCOPE(r)
  RETURN r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND ($date_from IS NULL OR $date_to IS NULL)
  MATCH (r:Referral)-[:IN_BOROUGH]->(:Borough)
  WHERE IN_SCOPE(r)
  RETURN r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND $date_from IS NOT NULL AND $date_to IS NOT NULL
  MATCH (r:Record)
  USING INDEX r:Record(record_date)
  WHERE r.record_date >= $date_from AND r.record_date <= $date_to AND r:Referral AND IN_SCOPE(r)
    AND EXISTS { (r)-[:IN_BOROUGH]->(:Borough) }
  RETURN r
}
WITH r
WHERE ($date_from IS NULL OR r.record_date >= $date_from) AND ($date_to IS NULL OR r.record_date <= $date_to)
WITH r.cse_category AS cse_category, count(r) AS referrals
WITH collect({c: cse_category, n: referrals}) AS rows, sum(referrals) AS total
UNWIND rows AS row
RETURN row.c AS cse_category, row.n AS referrals, round(1.0 * row.n / total, 3) AS share
ORDER BY cse_category
