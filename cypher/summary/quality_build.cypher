// Name: summary/quality_build
// Purpose: the data-quality overview, computed as the live overview_data_quality query
//          computes it (keep the two in step) and kept as QualityMeasure rows in order.
// Parameters: none.
// Returns: measures (integer).
CALL () { MATCH (q:QualityMeasure) DELETE q }
OPTIONAL MATCH (l:Load {status: 'completed'})
WITH l ORDER BY l.started_at DESC
WITH l.checksum AS files, head(collect(l)) AS latest
WITH sum(coalesce(latest.rows_rejected, 0)) AS rejected
WITH [
  {measure: 'rows rejected (latest load of each file set)', value: rejected},
  {measure: 'values kept as recorded but doubtful (listed by the doubtful_values query)',
   value: reduce(n = 0, k IN COLLECT { MATCH (r:Record) WHERE r.doubts IS NOT NULL RETURN size(r.doubts) }
                             + COLLECT { MATCH (m:Mention) WHERE m.doubts IS NOT NULL RETURN size(m.doubts) }
                             + COLLECT { MATCH ()-[np:NAMES_PLACE]->() WHERE np.doubts IS NOT NULL RETURN size(np.doubts) } | n + k)},
  {measure: 'loads interrupted or still running',
   value: COUNT { MATCH (x:Load) WHERE x.status IN ['running', 'interrupted'] }},
  {measure: 'mentions without a date of birth (never matched automatically)',
   value: COUNT { MATCH (m:Mention) WHERE m.dob IS NULL }},
  {measure: 'mentions not yet resolved to a person',
   value: COUNT { MATCH (m:Mention) WHERE NOT (m)-[:REFERS_TO]->(:Person) }}
] AS rows
UNWIND range(0, size(rows) - 1) AS i
CREATE (q:QualityMeasure {position: i, measure: rows[i].measure, value: rows[i].value})
RETURN count(q) AS measures
