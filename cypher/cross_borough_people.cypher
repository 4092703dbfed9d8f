// name: cross_borough_people
// question: Which people appear in records held by more than one borough (networks that cross borough boundaries)?
// param: min_boroughs: int = 2  At least this many boroughs.
// param: role: string = null  Only people with this role in at least one record (optional), e.g. child_at_risk.
// returns: person_id, boroughs, agencies, roles, records
// limit: 1000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(b:Borough)
WHERE IN_SCOPE(r)
WITH p, collect(DISTINCT b.name) AS boroughs, collect(DISTINCT r.source) AS agencies,
     collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles, count(DISTINCT r) AS records
WHERE size(boroughs) >= $min_boroughs AND ($role IS NULL OR $role IN roles)
// Lists in alphabetical order, so the answer is the same however the records were read (and the same as the summary's).
RETURN p.person_id AS person_id, COLLECT { UNWIND boroughs AS x RETURN x ORDER BY x } AS boroughs,
       COLLECT { UNWIND agencies AS x RETURN x ORDER BY x } AS agencies, COLLECT { UNWIND roles AS x RETURN x ORDER BY x } AS roles, records
ORDER BY size(boroughs) DESC, records DESC, person_id
