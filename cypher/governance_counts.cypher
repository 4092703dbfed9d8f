// name: governance_counts
// question: For the board: how many people does each agency record in each role, by borough and by ethnicity where recorded?
// returns: source, role, borough, ethnicity ('not recorded' where the agency did not record it), people
// limit: 5000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Aggregates only: no person, record or name leaves this query.
MATCH (r:Record)-[said:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person)
WHERE IN_SCOPE(r)
MATCH (r)-[:IN_BOROUGH]->(b:Borough)
RETURN r.source AS source, said.role AS role, b.name AS borough, coalesce(m.ethnicity, 'not recorded') AS ethnicity,
       count(DISTINCT p) AS people
ORDER BY source, role, borough, ethnicity
