// Name: summary/overlap_projection
// Purpose: what a full build of the gang overlap summary needs of each record, one page of records
//          by record key at a time (graph_loader/paged_read.py), each page in one row: one statement
//          over every record could pass the transaction timeout at L. The summary itself is worked
//          out in Python (graph_loader/overlap_build.py), as cypher/summary/overlap_build.cypher would
//          write it. A record naming nobody comes with an empty `said` (the build skips it).
// Parameters: $after (string: the last record key of the page before, '' for the first),
//             $page (integer: records per page).
// Returns: one row of lists, one entry per record in key order: keys (record keys; fewer than $page
//          on the last page), sources, boroughs (names), said (list of [person id, role] per
//          mention of a person), active_entry (an active matrix entry), harmed (its
//          harmed_or_exploited), gangs (names of the gangs it names). Values that may be null are
//          collected in lists of one (collect drops nulls).
MATCH (r:Record)
WHERE r.record_key > $after
WITH r ORDER BY r.record_key LIMIT $page
WITH r, COLLECT { MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) RETURN [p.person_id, said.role] } AS said
RETURN collect(r.record_key) AS keys, [s IN collect([r.source]) | s[0]] AS sources,
       collect(COLLECT { MATCH (r)-[:IN_BOROUGH]->(b:Borough) RETURN b.name }) AS boroughs,
       collect(said) AS said, collect(coalesce(r:MatrixEntry AND r.status = 'active', false)) AS active_entry,
       [h IN collect([r.harmed_or_exploited]) | h[0]] AS harmed,
       collect(COLLECT { MATCH (r)-[:NAMES_GANG]->(g:Gang) RETURN DISTINCT g.name }) AS gangs
