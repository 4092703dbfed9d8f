// name: mase_new_links
// question: Which children and suspects named in a borough's records became known to a second agency between two meetings (new jigsaw links)?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, roles, agencies (each with the date it first named them, oldest first), joined_on (when a second agency first named them)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
MATCH (r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date <= $until AND IN_SCOPE(r)
MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WHERE said.role IN $concern_roles
WITH p, collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles
MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
WHERE r.record_date <= $until AND IN_SCOPE(r)
WITH p, roles, r.source AS agency, min(r.record_date) AS first_seen
ORDER BY first_seen, agency
WITH p, roles, collect(agency + ' ' + toString(first_seen)) AS agencies, collect(first_seen) AS dates
WHERE size(dates) >= 2 AND dates[1] > $since
RETURN p.person_id AS person_id, roles, agencies, dates[1] AS joined_on
ORDER BY joined_on, person_id
