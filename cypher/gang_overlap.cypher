// name: gang_overlap
// question: Which children at risk and suspects in CSE and HSB records are gang nominals themselves, or within k steps of one?
// param: hops: int = 1  How many steps from a nominal still counts (0 = is a nominal; at most 2).
// param: borough: string = null  Only CSE and HSB records held for this borough (optional).
// returns: person_id, roles (in MASH and HSB records), nominal_of (gangs, if a nominal), harmed_nominal (flagged harmed or exploited on the matrix), nearest_nominal, nearest_gangs, steps
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal is the subject of an active matrix entry: an associate an entry names is not one,
// and neither is anyone whose own entry was removed.
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)
WHERE r.source IN ['mash', 'hsb'] AND IN_SCOPE(r)
  AND said.role IN $peer_roles
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
WITH p, collect(DISTINCT said.role) AS roles
CALL (p) {
  OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
  WHERE IN_SCOPE(e)
  WITH collect(DISTINCT g.name) AS gangs, max(coalesce(e.harmed_or_exploited, false)) AS harmed
  // Lists in order, so an answer reads the same however the graph was walked (and as its summary's).
  RETURN COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS nominal_of, harmed AS harmed_nominal
}
// Nearest active nominal within $hops steps; the two-step search runs only when asked for,
// since it is where the time goes in a busy borough.
OPTIONAL CALL (p) {
  CALL (p) {
    OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x1:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(n:Person)
    WHERE $hops >= 1 AND n <> p AND IN_SCOPE(x1)
      AND EXISTS { (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e1:MatrixEntry {status: 'active'}) WHERE IN_SCOPE(e1) }
    RETURN n, 1 AS steps
    UNION
    OPTIONAL MATCH (p) ((a:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x2:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person) WHERE a <> b AND IN_SCOPE(x2)){2,2} (n:Person)
    WHERE $hops >= 2 AND n <> p
      AND EXISTS { (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e2:MatrixEntry {status: 'active'}) WHERE IN_SCOPE(e2) }
    RETURN n, 2 AS steps
  }
  WITH n, steps WHERE n IS NOT NULL
  WITH n, min(steps) AS steps ORDER BY steps, n.person_id LIMIT 1
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
