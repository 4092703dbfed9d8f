// Name: bench/load_csv_mash_referrals
// Purpose: benchmark reference only: the server's own LOAD CSV writing the same record,
//          borough and child-mention shape as the loader, with no validation or provenance.
// Parameters: $key_prefix (vocabulary: graph_loader/vocabulary.py); reads file:///mash_referrals.csv from the server's import folder.
// Returns: nothing. Needs an auto-commit transaction.
LOAD CSV WITH HEADERS FROM 'file:///mash_referrals.csv' AS row
CALL (row) {
  MERGE (r:Record {record_key: $key_prefix.mash + row.referral_id})
  SET r:Referral, r.source_id = row.referral_id, r.borough = row.borough, r.record_date = date(row.date_received),
      r.cse_category = row.cse_category, r.missing_episodes = toInteger(row.missing_episodes)
  MERGE (b:Borough {name: row.borough})
  CREATE (r)-[:IN_BOROUGH]->(b)
  MERGE (m:Mention {mention_key: $key_prefix.mash + row.referral_id + ':child'})
  SET m.name = row.child_name, m.dob = date(nullIf(row.child_dob, ''))
  CREATE (r)-[:MENTIONS {role: 'child_at_risk'}]->(m)
} IN TRANSACTIONS OF 1000 ROWS
