// Name: summary/overlap_build
// Purpose: the gang overlap summary, for every person the live gang_overlap query could list
//          for any reader (a peer role in a MASH or HSB record) and who is an active nominal or
//          within two steps of one:
//          * GangOverlapFact per (person, source, borough) of those records, with the roles
//            recorded there in order; it has a source and an IN_BOROUGH relationship, as a record
//            has, so need to know's IN_SCOPE filters it as it filters the records themselves;
//          * GangReach per way to an active nominal: one step (VIA every record naming both),
//            or two (VIA every record naming the person and a middle person, VIA_NEXT every
//            record naming the middle person and the nominal), pointing at the nominal (NOMINAL).
//          The read (cypher/summary/read_gang_overlap.cypher) keeps a way only when a record of
//          each step, and an active matrix entry of the nominal, are ones the reader may read:
//          the live query's rule, with the search already done.
// Parameters: $peer_roles (vocabulary).
// Returns: nothing (runs in transactions of 500 people).
MATCH (p:Person)
WHERE EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r) WHERE r.source IN ['mash', 'hsb'] AND said.role IN $peer_roles }
CALL (p) {
  CALL (p) {
    MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x1)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(n:Person)
    WHERE n <> p AND EXISTS { (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(:MatrixEntry {status: 'active'}) }
    WITH n, collect(DISTINCT x1) AS via
    CREATE (p)-[:SUMMARISED_IN]->(g:GangReach {steps: 1})-[:NOMINAL]->(n)
    FOREACH (x IN via | CREATE (g)-[:VIA]->(x))
    RETURN count(g) AS one
  }
  CALL (p) {
    MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(x2)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(m:Person)
    WHERE m <> p
    WITH m, collect(DISTINCT x2) AS first
    MATCH (m)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(y2)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(n:Person)
    WHERE n <> m AND n <> p
      AND EXISTS { (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(:MatrixEntry {status: 'active'}) }
    WITH m, first, n, collect(DISTINCT y2) AS next
    CREATE (p)-[:SUMMARISED_IN]->(g:GangReach {steps: 2})-[:NOMINAL]->(n)
    FOREACH (x IN first | CREATE (g)-[:VIA]->(x))
    FOREACH (y IN next | CREATE (g)-[:VIA_NEXT]->(y))
    RETURN count(g) AS two
  }
  WITH p, one + two AS ways
  WHERE ways > 0 OR EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(:MatrixEntry {status: 'active'}) }
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r)
  WHERE r.source IN ['mash', 'hsb'] AND said.role IN $peer_roles
  OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
  WITH p, r.source AS source, b, collect(DISTINCT said.role) AS roles
  CREATE (p)-[:SUMMARISED_IN]->(f:GangOverlapFact {source: source, roles: COLLECT { UNWIND roles AS x RETURN x ORDER BY x }})
  FOREACH (held IN CASE WHEN b IS NULL THEN [] ELSE [b] END | CREATE (f)-[:IN_BOROUGH]->(held))
} IN TRANSACTIONS OF 500 ROWS
