// name: mase_rising
// question: Which children in a borough's MASH referrals had their CSE category rise, or more missing episodes, between two meetings?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, category_before, category_now, missing_before, missing_now, latest_referral
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (r:Referral)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date > $since AND r.record_date <= $until AND IN_SCOPE(r)
MATCH (r)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(c:Person)
WITH c, r ORDER BY r.record_date DESC
WITH c, collect(r)[0] AS now
// The child's latest referral before the last meeting, held by any borough the reader may see.
MATCH (c)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
WHERE r.record_date <= $since AND IN_SCOPE(r)
WITH c, now, r ORDER BY r.record_date DESC
WITH c, now, collect(r)[0] AS before
WITH c, now, before,
     CASE before.cse_category WHEN 'none' THEN 0 ELSE toInteger(before.cse_category) END AS level_before,
     CASE now.cse_category WHEN 'none' THEN 0 ELSE toInteger(now.cse_category) END AS level_now
WHERE level_now > level_before OR coalesce(now.missing_episodes, 0) > coalesce(before.missing_episodes, 0)
RETURN c.person_id AS person_id, before.cse_category AS category_before, now.cse_category AS category_now,
       coalesce(before.missing_episodes, 0) AS missing_before, coalesce(now.missing_episodes, 0) AS missing_now,
       now.record_date AS latest_referral
ORDER BY level_now - level_before DESC, missing_now - missing_before DESC, person_id
