// Name: summary/harmed_build
// Purpose: the harmed_nominals summary: for each active, harmed-or-exploited matrix entry and the
//          nominal it is about (cypher/harmed_nominals.cypher's rows for all London), four
//          HarmedNominalFacts, one for each answer a reader of every borough who may read the matrix
//          can have: `sees_mash` and `sees_hsb` say whether that reader may read MASH and HSB, and
//          `harmed` holds the keys (in order) of the records naming the nominal as a child at risk
//          or harmed that such a reader may read (every source's but MASH's or HSB's when they may
//          not). `rank` is the size of that list negated, so one ascending index (migration 017) on
//          (sees_mash, sees_hsb, rank, nominal_id) gives each reader's answer in its order.
//          With $all for every such entry, else for the touched entries (a change to the nominal's
//          records touches all of them, the entry among them).
// Parameters: $all (bool), $child_roles (vocabulary).
// Returns: nothing (writes in transactions of 1,000 facts).
CALL () {
  WITH 1 AS one WHERE $all
  MATCH (e:MatrixEntry)
  USING INDEX e:MatrixEntry(harmed_or_exploited, status, borough)
  WHERE e.harmed_or_exploited = true AND e.status = 'active' AND e.borough IS NOT NULL
  RETURN e
  UNION ALL
  WITH 1 AS one WHERE NOT $all
  MATCH (e:SummaryTouched:MatrixEntry)
  WHERE e.harmed_or_exploited = true AND e.status = 'active' AND e.borough IS NOT NULL
  RETURN e
}
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e)
WITH DISTINCT p, e
CALL (p) {
  OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[s:MENTIONS]-(r:Record)
  WHERE s.role IN $child_roles
  WITH DISTINCT r.source AS source, r.record_key AS key
  ORDER BY key
  RETURN [x IN collect({source: source, key: key}) WHERE x.key IS NOT NULL] AS named
}
UNWIND [[false, false], [true, false], [false, true], [true, true]] AS sees
WITH p, e, sees[0] AS mash, sees[1] AS hsb, named
WITH p, e, mash, hsb,
     [x IN named WHERE (x.source <> 'mash' OR mash) AND (x.source <> 'hsb' OR hsb) | x.key] AS harmed
CALL (p, e, mash, hsb, harmed) {
  CREATE (e)-[:SUMMARISED_IN]->(:HarmedNominalFact {
    person_id: p.person_id, nominal_id: e.source_id, gangs: e.gangs, harm_band: e.harm_band, status: e.status,
    sees_mash: mash, sees_hsb: hsb, harmed: harmed, rank: -size(harmed)
  })
} IN TRANSACTIONS OF 1000 ROWS
