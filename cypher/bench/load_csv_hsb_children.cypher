// Name: bench/load_csv_hsb_children
// Purpose: benchmark reference only (see load_csv_mash_referrals).
// Parameters: $key_prefix (vocabulary: graph_loader/vocabulary.py). Returns: nothing. Needs an auto-commit transaction.
LOAD CSV WITH HEADERS FROM 'file:///hsb_children.csv' AS row
CALL (row) {
  MATCH (r:Record {record_key: $key_prefix.hsb + row.case_id})
  MERGE (m:Mention {mention_key: $key_prefix.hsb + row.case_id + ':child:' + row.child_ref})
  SET m.name = row.name, m.dob = date(nullIf(row.dob, ''))
  CREATE (r)-[:MENTIONS {role: row.role}]->(m)
} IN TRANSACTIONS OF 1000 ROWS
