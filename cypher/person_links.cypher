// name: person_links
// question: Who is tied directly to this person through a record that names them together (one step out: expanding a network)?
// param: person_id: string  The person whose links to show.
// param: roles: list[string] = null  Only links where both people have one of these roles (optional), as ego_network's filter.
// param: date_from: date = null  Only records on or after this date (optional).
// param: date_to: date = null  Only records on or before this date (optional).
// param: borough: string = null  Only records held for this borough (optional).
// returns: source_person, source_role, target_person, target_role, record_key, agency, date, claim, hop (one row per link, as ego_network's; hop is always 1)
// limit: 2000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// ego_network searches three steps before it keeps the ones asked for (a quantified path's bounds are
// fixed in the text), so a click on a busy person is answered by this one-step match instead.
// The filters are ego_network's, word for word: an expansion keeps to what the page drew.
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
MATCH (a:Person {person_id: $person_id})<-[:REFERS_TO]-(:Mention)<-[s1:MENTIONS]-(r:Record)-[s2:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE a <> b
  AND ($date_from IS NULL OR r.record_date >= $date_from)
  AND ($date_to IS NULL OR r.record_date <= $date_to)
  AND ($roles IS NULL OR (s1.role IN $roles AND s2.role IN $roles))
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
  AND IN_SCOPE(r)
MATCH (r)-[:HELD_BY]->(agency:Agency)
RETURN DISTINCT a.person_id AS source_person,
       CASE WHEN s1.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE s1.role END AS source_role,
       b.person_id AS target_person,
       CASE WHEN s2.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE s2.role END AS target_role,
       r.record_key AS record_key, agency.name AS agency, r.record_date AS date, s2.claim AS claim, 1 AS hop
ORDER BY record_key, target_person
