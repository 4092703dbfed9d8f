// Name: summary/links_projection
// Purpose: what a full build of the jigsaw links needs of each record, one page of records by
//          record key at a time, each page in one row (fewer, larger messages are quicker to read,
//          as analytics found; one row of every record could pass the transaction timeout or
//          memory limit at L): the links themselves are worked out in Python
//          (graph_loader/link_rows.py). A record that mentions nobody comes with no people.
// Parameters: $after (string: the last record key of the page before, '' for the first),
//             $page (integer: records per page).
// Returns: one row: keys (each record's record_key, in order; fewer than $page on the last page),
//          ids (element ids), sources (each record's source, or null: collected in a list of
//          one, since collect drops nulls), people (per record, the
//          distinct person_id it mentions), places (per record, the element ids of the places it names),
//          boroughs (per record, the name of the borough it is held for, or null; a record has one,
//          the first by name were there more, as summary/links_rank takes).
MATCH (r:Record)
WHERE r.record_key > $after
WITH r ORDER BY r.record_key LIMIT $page
RETURN collect(r.record_key) AS keys, collect(elementId(r)) AS ids, [s IN collect([r.source]) | s[0]] AS sources,
       collect(COLLECT { MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT p.person_id }) AS people,
       collect(COLLECT { MATCH (r)-[:NAMES_PLACE]->(pl:Place) RETURN DISTINCT elementId(pl) }) AS places,
       [b IN collect([COLLECT { MATCH (r)-[:IN_BOROUGH]->(b:Borough) RETURN b.name AS name ORDER BY name LIMIT 1 }[0]]) | b[0]]
         AS boroughs
