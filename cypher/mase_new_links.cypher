// name: mase_new_links
// question: Which children and suspects named in a borough's records became known to a second agency between two meetings (new jigsaw links)?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, roles, agencies (each with the date it first named them, oldest first), joined_on (when a second agency first named them)
// limit: 500
// scoped: yes  (honours the reader's sources and boroughs: $scope_sources, $scope_boroughs)
MATCH (r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date <= $until AND r.source IN $scope_sources AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs })
MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WHERE said.role IN ['child_at_risk', 'child_harmed', 'suspected_perpetrator', 'child_displaying_hsb', 'gang_nominal']
WITH p, collect(DISTINCT said.role) AS roles
MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
WHERE r.record_date <= $until AND r.source IN $scope_sources AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs })
WITH p, roles, r.source AS agency, min(r.record_date) AS first_seen
ORDER BY first_seen, agency
WITH p, roles, collect(agency + ' ' + toString(first_seen)) AS agencies, collect(first_seen) AS dates
WHERE size(dates) >= 2 AND dates[1] > $since
RETURN p.person_id AS person_id, roles, agencies, dates[1] AS joined_on
ORDER BY joined_on, person_id
