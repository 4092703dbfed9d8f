// name: report_suspects
// question: How many people were named as suspected perpetrators in a borough's MASH referrals in a period, by age band, and how many of them were close in age to the child (peer-on-peer)?
// param: borough: string  The borough whose MASH received the referrals.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// param: peer_years: int = 3  Within this many years of the child's age counts as peer-on-peer.
// returns: dimension (age band, peer-on-peer), value, suspects
// limit: 100
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The period's referrals of the borough only, one seek of the (borough, record_date) index (migration 011), not
// the borough's whole history through its ties (issue #22).
MATCH (r:Record)
USING INDEX r:Record(borough, record_date)
WHERE r.borough = $borough AND r.record_date >= $date_from AND r.record_date <= $date_to
  AND r:Referral AND IN_SCOPE(r)
MATCH (r)-[:MENTIONS {role: 'suspected_perpetrator'}]->(sm:Mention)-[:REFERS_TO]->(s:Person)
OPTIONAL MATCH (r)-[:MENTIONS {role: 'child_at_risk'}]->(cm:Mention)
WITH s, r, sm, cm,
     CASE WHEN sm.dob IS NULL THEN null ELSE duration.between(sm.dob, r.record_date).years END AS age,
     CASE WHEN sm.dob IS NULL OR cm.dob IS NULL THEN null
          ELSE abs(duration.between(cm.dob, sm.dob).years) END AS gap
WITH s, max(age) AS age, collect(gap) AS gaps
WITH s, CASE WHEN age IS NULL THEN 'not recorded' WHEN age < 13 THEN 'under 13' WHEN age <= 17 THEN '13 to 17'
             WHEN age <= 24 THEN '18 to 24' WHEN age <= 34 THEN '25 to 34' ELSE '35 or over' END AS age_band,
        CASE WHEN any(g IN gaps WHERE g <= $peer_years) THEN 'yes' WHEN size(gaps) = 0 THEN 'not known' ELSE 'no' END AS peer
UNWIND [['age band', age_band], ['peer-on-peer', peer]] AS d
RETURN d[0] AS dimension, d[1] AS value, count(DISTINCT s) AS suspects
ORDER BY dimension, value
