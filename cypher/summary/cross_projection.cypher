// Name: summary/cross_projection
// Purpose: what a full build of the cross-borough facts needs, in one pass over every person's
//          records rather than a subquery per person: per (person, borough, source), the roles
//          recorded there (a removed nominal as removed_from_matrix, as the live query says) and
//          how many records. The people held by two boroughs or more are picked, and their facts
//          written, by graph_loader/cross_build.py.
// Parameters: none.
// Returns: one row: people (element ids), boroughs (element ids), sources, roles (per fact, a list), records (per fact).
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(b:Borough)
WITH p, b, r.source AS source,
     collect(DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END) AS roles,
     count(DISTINCT r) AS records
RETURN collect(elementId(p)) AS people, collect(elementId(b)) AS boroughs, collect(source) AS sources,
       collect(roles) AS roles, collect(records) AS records
