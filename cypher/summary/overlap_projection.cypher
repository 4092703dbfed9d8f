// Name: summary/overlap_projection
// Purpose: what a full build of the gang overlap summary needs of every record that names a
//          person, one row a record (streamed: at L a single row would be hundreds of MB): the
//          summary itself is worked out in Python (graph_loader/overlap_build.py), as
//          cypher/summary/overlap_build.cypher would write it.
// Parameters: none.
// Returns: key (record key), source, boroughs (names), said (list of [person id, role] per
//          mention of a person), active_entry (an active matrix entry), harmed (its
//          harmed_or_exploited), gangs (names of the gangs it names).
MATCH (r:Record)
WITH r, COLLECT { MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) RETURN [p.person_id, said.role] } AS said
WHERE size(said) > 0
RETURN r.record_key AS key, r.source AS source, COLLECT { MATCH (r)-[:IN_BOROUGH]->(b:Borough) RETURN b.name } AS boroughs,
       said, r:MatrixEntry AND r.status = 'active' AS active_entry, r.harmed_or_exploited AS harmed,
       COLLECT { MATCH (r)-[:NAMES_GANG]->(g:Gang) RETURN DISTINCT g.name } AS gangs
