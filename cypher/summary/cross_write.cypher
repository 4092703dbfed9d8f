// Name: summary/cross_write
// Purpose: write a batch of cross-borough facts worked out by graph_loader/cross_build.py, the
//          same nodes and relationships cypher/summary/cross_build.cypher writes.
// Parameters: $facts (list of maps: person, borough (element ids), source, roles (in order), records).
// Returns: written (integer).
UNWIND $facts AS fact
MATCH (p:Person) WHERE elementId(p) = fact.person
MATCH (b:Borough) WHERE elementId(b) = fact.borough
CREATE (p)-[:SUMMARISED_IN]->(:CrossBoroughFact {source: fact.source, roles: fact.roles, records: fact.records})-[:IN_BOROUGH]->(b)
RETURN count(*) AS written
