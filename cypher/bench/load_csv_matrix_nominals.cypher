// Name: bench/load_csv_matrix_nominals
// Purpose: benchmark reference only (see load_csv_mash_referrals).
// Parameters: $key_prefix.matrix (vocabulary: graph_loader/vocabulary.py). Returns: nothing. Needs an auto-commit transaction.
LOAD CSV WITH HEADERS FROM 'file:///matrix_nominals.csv' AS row
CALL (row) {
  MERGE (r:Record {record_key: $key_prefix.matrix + row.nominal_id})
  SET r:MatrixEntry, r.source_id = row.nominal_id, r.borough = row.borough, r.record_date = date(row.date_added), r.status = row.status
  MERGE (b:Borough {name: row.borough})
  CREATE (r)-[:IN_BOROUGH]->(b)
  MERGE (m:Mention {mention_key: $key_prefix.matrix + row.nominal_id})
  SET m.name = row.name, m.dob = date(nullIf(row.dob, ''))
  CREATE (r)-[:MENTIONS {role: 'gang_nominal'}]->(m)
  WITH r, row
  UNWIND split(row.gangs, ';') AS gang
  MERGE (g:Gang {gang_key: toLower(trim(gang))})
  CREATE (r)-[:NAMES_GANG]->(g)
} IN TRANSACTIONS OF 1000 ROWS
