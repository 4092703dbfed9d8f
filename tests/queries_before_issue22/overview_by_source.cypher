// name: overview_by_source
// question: How many records does each agency hold, and about how many distinct people?
// param: borough: string = null  Only records held for this borough (optional).
// returns: agency (name), source (mash, matrix, hsb), records, people
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (a:Agency)<-[:HELD_BY]-(r:Record)-[:IN_BOROUGH]->(b:Borough)
WHERE ($borough IS NULL OR b.name = $borough) AND IN_SCOPE(r)
OPTIONAL MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
RETURN a.name AS agency, r.source AS source, count(DISTINCT r) AS records, count(DISTINCT p) AS people
ORDER BY source
