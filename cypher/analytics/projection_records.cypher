// Name: analytics/projection_records
// Purpose: person-to-person ties for network analytics: pairs of people named together in
//          a record, with how many records tie them, filtered by period and borough.
// Parameters: $date_from (date or null), $date_to (date or null), $borough (string or null).
// Returns: a (person_id), b (person_id), records (integer), agencies (list of string).
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE a.person_id < b.person_id
  AND ($date_from IS NULL OR r.record_date >= $date_from)
  AND ($date_to IS NULL OR r.record_date <= $date_to)
  AND ($borough IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
RETURN a.person_id AS a, b.person_id AS b, count(DISTINCT r) AS records, collect(DISTINCT r.source) AS agencies
