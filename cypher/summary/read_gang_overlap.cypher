// name: read_gang_overlap
// question: gang_overlap, answered from the summary graph_loader/summaries.py keeps (GangOverlapFact, GangReach).
// param: hops: int = 1  How many steps from a nominal still counts (0 = is a nominal; at most 2).
// param: borough: string = null  Only CSE and HSB records held for this borough (optional).
// returns: person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps (as gang_overlap)
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Same rows, same order as the live query for every reader. A fact is one (person, source,
// borough) of the person's MASH and HSB records, so IN_SCOPE keeps exactly the facts of the
// records the reader may read; a way to a nominal counts when a record of each of its steps
// (VIA, VIA_NEXT) and an active entry of the nominal are ones the reader may read, as the live
// search requires of the records it walks through. Who is a nominal, and their gangs, are read
// from the person's own entries, as live.
CALL () {
  MATCH (f:GangOverlapFact)
  WHERE $borough IS NULL AND IN_SCOPE(f)
  RETURN f
  UNION
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(f:GangOverlapFact)
  WHERE IN_SCOPE(f)
  RETURN f
}
MATCH (p:Person)-[:SUMMARISED_IN]->(f)
WITH p, reduce(seen = [], rs IN collect(f.roles) | seen + [x IN rs WHERE NOT x IN seen]) AS roles
CALL (p) {
  OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
  WHERE IN_SCOPE(e)
  WITH collect(DISTINCT g.name) AS gangs, max(coalesce(e.harmed_or_exploited, false)) AS harmed
  RETURN COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS nominal_of, harmed AS harmed_nominal
}
OPTIONAL CALL (p) {
  MATCH (p)-[:SUMMARISED_IN]->(way:GangReach)-[:NOMINAL]->(n:Person)
  WHERE way.steps <= $hops
    AND EXISTS { (way)-[:VIA]->(x) WHERE IN_SCOPE(x) }
    AND (way.steps = 1 OR EXISTS { (way)-[:VIA_NEXT]->(y) WHERE IN_SCOPE(y) })
    AND EXISTS { (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e1:MatrixEntry {status: 'active'}) WHERE IN_SCOPE(e1) }
  WITH n, min(way.steps) AS steps ORDER BY steps, n.person_id LIMIT 1
  OPTIONAL MATCH (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e3:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
  WHERE IN_SCOPE(e3)
  WITH n, steps, collect(DISTINCT g.name) AS gangs
  RETURN n.person_id AS nearest_nominal, COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS nearest_gangs, steps
}
WITH p, COLLECT { UNWIND roles AS x RETURN x ORDER BY x } AS roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs,
     CASE WHEN size(nominal_of) > 0 THEN 0 ELSE steps END AS steps
WHERE steps IS NOT NULL AND steps <= $hops
RETURN p.person_id AS person_id, roles, nominal_of, harmed_nominal,
       CASE WHEN steps = 0 THEN null ELSE nearest_nominal END AS nearest_nominal,
       CASE WHEN steps = 0 THEN nominal_of ELSE nearest_gangs END AS nearest_gangs, steps
ORDER BY steps, person_id
