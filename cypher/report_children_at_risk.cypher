// name: report_children_at_risk
// question: How many children were at risk or harmed in a borough's MASH referrals and HSB cases in a period, by age band, gender, looked-after status and missing episodes?
// param: borough: string  The borough holding the records.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// returns: dimension (age band, gender, looked after, missing episodes), value, children
// limit: 100
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The period's records of the borough only, one seek of the (borough, record_date) index (migration 011): from
// the borough it read its whole history to keep the period, from record_date all London's period (issue #22).
MATCH (r:Record)
USING INDEX r:Record(borough, record_date)
WHERE r.borough = $borough AND r.record_date >= $date_from AND r.record_date <= $date_to
  AND (r:Referral OR r:HsbCase) AND IN_SCOPE(r)
MATCH (r)-[said:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person)
WHERE said.role IN $child_roles
// Of two records the same day, the one with the higher record key counts as the later: the order of the
// records read (which the index changed) decided it before (issue #22).
WITH p, r, m ORDER BY r.record_date DESC, r.record_key DESC
WITH p, collect(r) AS records, collect(m) AS mentions
// Age at the latest record, from the first date of birth any of the child's mentions gives.
WITH p, records[0].record_date AS latest,
     [x IN mentions WHERE x.dob IS NOT NULL | x.dob][0] AS dob,
     coalesce([x IN mentions WHERE x.gender IS NOT NULL AND x.gender <> 'not_known' | x.gender][0], 'not_known') AS gender,
     any(x IN records WHERE x.looked_after) AS looked_after,
     reduce(most = 0, x IN records | CASE WHEN coalesce(x.missing_episodes, 0) > most THEN x.missing_episodes ELSE most END) AS missing
WITH p, gender, looked_after, missing, CASE WHEN dob IS NULL THEN null ELSE duration.between(dob, latest).years END AS age
WITH p, gender, looked_after, missing,
     CASE WHEN age IS NULL THEN 'not recorded' WHEN age < 10 THEN 'under 10' WHEN age <= 12 THEN '10 to 12'
          WHEN age <= 15 THEN '13 to 15' ELSE '16 to 17' END AS age_band,
     CASE WHEN missing = 0 THEN 'none' WHEN missing <= 2 THEN '1 to 2' WHEN missing <= 5 THEN '3 to 5' ELSE '6 or more' END AS missing_band
UNWIND [['age band', age_band], ['gender', gender], ['looked after', CASE WHEN looked_after THEN 'yes' ELSE 'no' END],
        ['missing episodes', missing_band]] AS d
RETURN d[0] AS dimension, d[1] AS value, count(DISTINCT p) AS children
ORDER BY dimension, value
