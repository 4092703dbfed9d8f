// name: overview_by_source
// question: How many records does each agency hold, and about how many distinct people?
// param: borough: string = null  Only records held for this borough (optional).
// returns: agency (name), source (mash, matrix, hsb), records, people
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Two ways in, each guarded by a one-row WITH on the parameter (issue #22): a `$borough IS NULL OR ...`
// beside the MATCH made the planner read every record in London even for one borough.
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(r:Record)
  WHERE IN_SCOPE(r)
  RETURN r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL
  MATCH (r:Record)-[:IN_BOROUGH]->(:Borough)
  WHERE IN_SCOPE(r)
  RETURN r
}
MATCH (a:Agency)<-[:HELD_BY]-(r)
OPTIONAL MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
RETURN a.name AS agency, r.source AS source, count(DISTINCT r) AS records, count(DISTINCT p) AS people
ORDER BY source
