// Name: admin/retention_records
// Purpose: every record with the fields the retention policy reads, oldest first.
// Parameters: $fields (list of string: record properties the policy's rules use).
// Returns: record_key, source, record_date, borough, values (map of the requested fields).
MATCH (r:Record)
OPTIONAL MATCH (r)-[:IN_BOROUGH]->(b:Borough)
RETURN r.record_key AS record_key, r.source AS source, r.record_date AS record_date, b.name AS borough,
       [f IN $fields | [f, r[f]]] AS values
ORDER BY record_date, record_key
