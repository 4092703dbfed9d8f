// name: report_children_list
// question: Which children were at risk or harmed in a borough's records in a period, with their latest CSE category and missing episodes (names and dates of birth only when asked for)?
// param: borough: string  The borough holding the records.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// param: identified: bool = false  Return names and dates of birth (only for readers allowed to see them).
// returns: person_id, name (null unless identified), dob (null unless identified), age (at the latest record), latest_category, most_missing, looked_after, records
// limit: 2000
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
WITH p, records, mentions, [x IN mentions WHERE x.dob IS NOT NULL | x.dob][0] AS dob,
     [x IN records WHERE x:Referral][0] AS referral
RETURN p.person_id AS person_id,
       CASE WHEN $identified THEN mentions[0].name END AS name,
       CASE WHEN $identified THEN dob END AS dob,
       CASE WHEN dob IS NULL THEN null ELSE duration.between(dob, records[0].record_date).years END AS age,
       referral.cse_category AS latest_category,
       reduce(most = 0, x IN records | CASE WHEN coalesce(x.missing_episodes, 0) > most THEN x.missing_episodes ELSE most END) AS most_missing,
       any(x IN records WHERE x.looked_after) AS looked_after, size(records) AS records
ORDER BY CASE latest_category WHEN '3' THEN 0 WHEN '2' THEN 1 WHEN '1' THEN 2 ELSE 3 END, most_missing DESC, person_id
