// name: governance_counts
// question: For the board: how many people does each agency record in each role, by borough and by ethnicity where recorded?
// returns: source, role, borough, ethnicity ('not recorded' where the agency did not record it), people
// limit: 5000
// scoped: yes  (honours the reader's sources and boroughs: $scope_sources, $scope_boroughs)
// Aggregates only: no person, record or name leaves this query.
MATCH (r:Record)-[said:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person)
WHERE r.source IN $scope_sources AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs })
MATCH (r)-[:IN_BOROUGH]->(b:Borough)
RETURN r.source AS source, said.role AS role, b.name AS borough, coalesce(m.ethnicity, 'not recorded') AS ethnicity,
       count(DISTINCT p) AS people
ORDER BY source, role, borough, ethnicity
