// Name: summary/overlap_write
// Purpose: write a batch of people's gang overlap parts worked out in Python
//          (graph_loader/overlap_build.py): the same nodes, properties and relationships as
//          cypher/summary/overlap_build.cypher writes (a null property is not written).
// Parameters: $people (list of {person_id, ways: [{steps, nominal, via, next, via_sources, next_sources}],
//             facts: [{borough, props}]}).
// Returns: nothing.
UNWIND $people AS row
MATCH (p:Person {person_id: row.person_id})
CALL (p, row) {
  UNWIND row.ways AS way
  CREATE (p)-[:SUMMARISED_IN]->(g:GangReach)
  SET g = way
}
CALL (p, row) {
  UNWIND row.facts AS fact
  CREATE (p)-[:SUMMARISED_IN]->(f:GangOverlapFact)
  SET f = fact.props
  WITH f, fact
  MATCH (b:Borough {name: fact.borough})
  CREATE (f)-[:IN_BOROUGH]->(b)
}
