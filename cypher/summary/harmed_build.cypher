// Name: summary/harmed_build
// Purpose: the harmed_nominals summary: one HarmedNominalFact per active, harmed-or-exploited matrix
//          entry and the nominal it is about (cypher/harmed_nominals.cypher's rows for all London),
//          with the keys (in order) of the records naming the nominal as a child at risk or harmed,
//          by source: MASH's (`harmed_mash`), HSB's (`harmed_hsb`), any other's (`harmed_other`). A
//          reader of every borough who may read the matrix sees every such entry and the records of
//          their sources, so their answer is one of four (whether they may read MASH, whether HSB);
//          each has its order's rank, the size of that reader's list negated (`rank` neither,
//          `rank_mash`, `rank_hsb`, `rank_all` both), so one ascending index per answer (migration
//          017) gives it in order. One node with four ranks, not four nodes: at L 29,775 entries.
//          Every such record's key again, all sources in key order (`named_keys`), with the source
//          and borough holding it (`named_sources`, `named_boroughs`): a reader of some boroughs'
//          list is judged from them (HELD_IN_SCOPE) without seeking each record (migration 027).
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
  WITH DISTINCT r.source AS source, r.record_key AS key, r.borough AS borough
  ORDER BY key
  RETURN [x IN collect({source: source, key: key, borough: coalesce(borough, '')}) WHERE x.key IS NOT NULL] AS named
}
WITH p, e, named, [x IN named WHERE x.source = 'mash' | x.key] AS by_mash, [x IN named WHERE x.source = 'hsb' | x.key] AS by_hsb,
     [x IN named WHERE NOT x.source IN ['mash', 'hsb'] | x.key] AS by_other
CALL (p, e, named, by_mash, by_hsb, by_other) {
  CREATE (e)-[:SUMMARISED_IN]->(:HarmedNominalFact {
    person_id: p.person_id, nominal_id: e.source_id, gangs: e.gangs, harm_band: e.harm_band, status: e.status,
    borough: e.borough, harmed_mash: by_mash, harmed_hsb: by_hsb, harmed_other: by_other,
    named_keys: [x IN named | x.key], named_sources: [x IN named | x.source], named_boroughs: [x IN named | x.borough],
    rank: -size(by_other), rank_mash: -size(by_other) - size(by_mash), rank_hsb: -size(by_other) - size(by_hsb),
    rank_all: -size(by_other) - size(by_mash) - size(by_hsb)
  })
} IN TRANSACTIONS OF 1000 ROWS
