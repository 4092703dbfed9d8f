// name: mase_new_cross_borough
// question: Which people named in a borough's records were first named in another borough's records between two meetings (new cross-borough ties)?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, roles (here), other_borough, first_named_there
// limit: 500
// scoped: yes  (honours the reader's sources and boroughs: $scope_sources, $scope_boroughs)
MATCH (r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date <= $until AND r.source IN $scope_sources AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs })
MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH p, collect(DISTINCT said.role) AS roles
MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(ob:Borough)
WHERE ob.name <> $borough AND r.record_date <= $until AND r.source IN $scope_sources AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs })
WITH p, roles, ob.name AS other_borough, min(r.record_date) AS first_named_there
WHERE first_named_there > $since
RETURN p.person_id AS person_id, roles, other_borough, first_named_there
ORDER BY first_named_there, person_id
