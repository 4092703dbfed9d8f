// Name: summary/counts_build
// Purpose: the governance and overview counts, rebuilt whole (they are a few hundred rows
//          and a change anywhere can move them): GovernanceCount per (source, role, borough,
//          ethnicity) with its distinct people, BoroughCount per (borough, source) with its
//          records. Each hangs off its Borough by IN_BOROUGH and carries its source, so need to
//          know's IN_SCOPE filters it as it filters a record of that source and borough.
// Parameters: none.
// Returns: governance, borough_counts (integers: rows written).
CALL () { MATCH (c:GovernanceCount|BoroughCount) DETACH DELETE c }
CALL () {
  MATCH (r:Record)-[said:MENTIONS]->(m:Mention)-[:REFERS_TO]->(p:Person)
  MATCH (r)-[:IN_BOROUGH]->(b:Borough)
  WITH r.source AS source, said.role AS role, b, coalesce(m.ethnicity, 'not recorded') AS ethnicity, count(DISTINCT p) AS people
  CREATE (c:GovernanceCount {source: source, role: role, ethnicity: ethnicity, people: people})-[:IN_BOROUGH]->(b)
  RETURN count(c) AS governance
}
CALL () {
  MATCH (b:Borough)<-[:IN_BOROUGH]-(r:Record)
  WITH b, r.source AS source, count(r) AS records
  CREATE (c:BoroughCount {source: source, records: records})-[:IN_BOROUGH]->(b)
  RETURN count(c) AS borough_counts
}
RETURN governance, borough_counts
