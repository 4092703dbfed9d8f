// Name: analytics/person_attributes
// Purpose: what the analytics output needs to know about each person in a projection:
//          boroughs and gangs (active nominals) from their records.
// Parameters: $person_ids (list of string).
// Returns: person_id, boroughs (list), gangs (list).
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
OPTIONAL MATCH (r:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
WHERE EXISTS { (r)-[:MENTIONS {role: 'gang_nominal'}]->(:Mention)-[:REFERS_TO]->(p) }
RETURN person_id, collect(DISTINCT b.name) AS boroughs, collect(DISTINCT g.name) AS gangs
