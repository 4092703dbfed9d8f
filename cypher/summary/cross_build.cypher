// Name: summary/cross_build
// Purpose: the cross-borough people summary: for each person whose records are held by two
//          or more boroughs, one CrossBoroughFact per (source, borough) of their records: the
//          roles recorded there (a removed nominal as removed_from_matrix, as the live query
//          says) and how many records. A fact has a source and an IN_BOROUGH relationship, as a
//          record has, so need to know's IN_SCOPE filters it exactly as it filters the records.
//          With $all for every person, else for the people touched records mention.
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 1,000 people).
MATCH (p:Person)
WHERE $all OR EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:SummaryTouched) }
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(b:Borough)
  WITH b, r.source AS source,
       collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles,
       count(DISTINCT r) AS records
  // Roles in order, so the same records make the same facts however they were read.
  WITH collect({b: b, source: source, roles: COLLECT { UNWIND roles AS x RETURN x ORDER BY x }, records: records}) AS facts,
       collect(DISTINCT b) AS boroughs
  WHERE size(boroughs) >= 2
  UNWIND facts AS fact
  WITH fact, fact.b AS b
  CREATE (p)-[:SUMMARISED_IN]->(f:CrossBoroughFact {source: fact.source, roles: fact.roles, records: fact.records})-[:IN_BOROUGH]->(b)
} IN TRANSACTIONS OF 1000 ROWS
