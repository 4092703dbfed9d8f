// Name: summary/links_projection
// Purpose: what a full build of the jigsaw links needs of every record that mentions a person,
//          in one row (fewer, larger messages are quicker to read, as analytics found): the
//          links themselves are worked out in Python (graph_loader/link_rows.py).
// Parameters: none.
// Returns: one row: ids (each record's element id), sources (each record's source, or null),
//          boroughs (per record, the element ids of its boroughs), people (per record, the
//          distinct person_id it mentions), places (per record, the element ids of the places
//          it names), place_ids and place_names (every place named by a record, with its name).
MATCH (r:Record)
WITH r, COLLECT { MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person) RETURN DISTINCT p.person_id } AS people
WHERE size(people) > 0
WITH collect(elementId(r)) AS ids, collect(r.source) AS sources,
     collect(COLLECT { MATCH (r)-[:IN_BOROUGH]->(b:Borough) RETURN elementId(b) }) AS boroughs, collect(people) AS people,
     collect(COLLECT { MATCH (r)-[:NAMES_PLACE]->(pl:Place) RETURN DISTINCT elementId(pl) }) AS places
CALL () {
  MATCH (pl:Place) WHERE EXISTS { (pl)<-[:NAMES_PLACE]-() }
  RETURN collect(elementId(pl)) AS place_ids, collect(pl.name) AS place_names
}
RETURN ids, sources, boroughs, people, places, place_ids, place_names
