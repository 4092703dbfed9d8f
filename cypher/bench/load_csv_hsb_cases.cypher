// Name: bench/load_csv_hsb_cases
// Purpose: benchmark reference only (see load_csv_mash_referrals).
// Parameters: $key_prefix (vocabulary: graph_loader/vocabulary.py). Returns: nothing. Needs an auto-commit transaction.
LOAD CSV WITH HEADERS FROM 'file:///hsb_cases.csv' AS row
CALL (row) {
  MERGE (r:Record {record_key: $key_prefix.hsb + row.case_id})
  SET r:HsbCase, r.source_id = row.case_id, r.borough = row.borough, r.record_date = date(row.date_opened), r.setting = row.setting
  MERGE (b:Borough {name: row.borough})
  CREATE (r)-[:IN_BOROUGH]->(b)
} IN TRANSACTIONS OF 1000 ROWS
