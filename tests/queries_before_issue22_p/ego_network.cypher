// name: ego_network
// question: Who is around this person, up to 1, 2 or 3 steps away, through records that name them together?
// param: person_id: string  The person at the centre.
// param: hops: int = 2  How many steps out (1 to 3).
// param: roles: list[string] = null  Only links where both people have one of these roles (optional), e.g. child_at_risk,suspected_perpetrator.
// param: date_from: date = null  Only records on or after this date (optional).
// param: date_to: date = null  Only records on or before this date (optional).
// param: borough: string = null  Only records held for this borough (optional).
// returns: source_person, source_role, target_person, target_role, record_key, agency, date, claim, hop (one row per link)
// limit: 2000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
MATCH (start:Person {person_id: $person_id})
MATCH (start) (
    (a:Person)<-[:REFERS_TO]-(:Mention)<-[s1:MENTIONS]-(r:Record)-[s2:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
    WHERE a <> b
      AND ($date_from IS NULL OR r.record_date >= $date_from)
      AND ($date_to IS NULL OR r.record_date <= $date_to)
      AND ($roles IS NULL OR (s1.role IN $roles AND s2.role IN $roles))
      AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
      AND IN_SCOPE(r)
  ){1,3} (:Person)
WHERE size(r) <= $hops
UNWIND range(0, size(r) - 1) AS i
WITH a[i] AS a, b[i] AS b, r[i] AS r, s1[i] AS s1, s2[i] AS s2, i + 1 AS hop
WITH a, b, r, s1, s2, min(hop) AS hop
MATCH (r)-[:HELD_BY]->(agency:Agency)
RETURN a.person_id AS source_person, CASE WHEN s1.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE s1.role END AS source_role,
       b.person_id AS target_person, CASE WHEN s2.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE s2.role END AS target_role,
       r.record_key AS record_key, agency.name AS agency, r.record_date AS date, s2.claim AS claim, hop
ORDER BY hop, record_key, source_person, target_person
