// Name: bench/load_csv_mash_people
// Purpose: benchmark reference only (see load_csv_mash_referrals).
// Parameters: $key_prefix (vocabulary: graph_loader/vocabulary.py). Returns: nothing. Needs an auto-commit transaction.
LOAD CSV WITH HEADERS FROM 'file:///mash_people.csv' AS row
CALL (row) {
  MATCH (r:Record {record_key: $key_prefix.mash + row.referral_id})
  MERGE (m:Mention {mention_key: $key_prefix.mash + row.referral_id + ':person:' + row.person_ref})
  SET m.name = row.name, m.dob = date(nullIf(row.dob, ''))
  CREATE (r)-[:MENTIONS {role: row.role}]->(m)
} IN TRANSACTIONS OF 1000 ROWS
