// Name: sharing/record_parts
// Purpose: everything a record holds, as recorded, so it can be written out again as the
//          source's own record (graph_loader.models) for a sharing package.
// Parameters: $keys (list of record_key).
// Returns: the shape of graph_loader/graph_rows' rows, which graph_loader/records_from_rows.py
//          reads back: record_key, source, source_id, props (the record's properties), borough,
//          placing_borough, mentions (list of map: mention_key, role, claim, grading, props,
//          person_id, school_name), places (list of map: props (the place's), and the naming's
//          date_seen, claim, grading, name_as_recorded, borough).
UNWIND $keys AS key
MATCH (r:Record {record_key: key})
OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
OPTIONAL MATCH (r)-[:PLACED_FROM]->(pb:Borough)
CALL (r) {
  OPTIONAL MATCH (r)-[said:MENTIONS]->(m:Mention)
  OPTIONAL MATCH (m)-[:REFERS_TO]->(p:Person)
  OPTIONAL MATCH (m)-[:ATTENDS]->(s:School)
  RETURN collect(CASE WHEN m IS NULL THEN null ELSE {mention_key: m.mention_key, role: said.role, claim: said.claim,
         grading: said.grading, props: properties(m), person_id: p.person_id, school_name: s.name} END) AS mentions
}
CALL (r) {
  OPTIONAL MATCH (r)-[np:NAMES_PLACE]->(pl:Place)
  OPTIONAL MATCH (pl)-[:IN_BOROUGH]->(plb:Borough)
  RETURN collect(CASE WHEN pl IS NULL THEN null ELSE {props: properties(pl), date_seen: np.date_seen, claim: np.claim,
         grading: np.grading, name_as_recorded: np.name_as_recorded, borough: plb.name} END) AS places
}
RETURN r.record_key AS record_key, r.source AS source, r.source_id AS source_id, properties(r) AS props,
       b.name AS borough, pb.name AS placing_borough, mentions, places
