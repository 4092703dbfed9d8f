// name: mase_new_cross_borough
// question: Which people named in a borough's records were first named in another borough's records between two meetings (new cross-borough ties)?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, roles (here), other_borough, first_named_there
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
MATCH (r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date <= $until AND IN_SCOPE(r)
MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH p, collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles
MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(ob:Borough)
WHERE ob.name <> $borough AND r.record_date <= $until AND IN_SCOPE(r)
WITH p, roles, ob.name AS other_borough, min(r.record_date) AS first_named_there
WHERE first_named_there > $since
RETURN p.person_id AS person_id, roles, other_borough, first_named_there
ORDER BY first_named_there, person_id
