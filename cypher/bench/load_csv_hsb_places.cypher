// Name: bench/load_csv_hsb_places
// Purpose: benchmark reference only (see load_csv_mash_referrals).
// Parameters: $key_prefix (vocabulary: graph_loader/vocabulary.py). Returns: nothing. Needs an auto-commit transaction.
LOAD CSV WITH HEADERS FROM 'file:///hsb_places.csv' AS row
CALL (row) {
  MATCH (r:Record {record_key: $key_prefix.hsb + row.case_id})
  MERGE (p:Place {place_key: toLower(row.place_name) + '|' + coalesce(row.postcode, '')})
  ON CREATE SET p.name = row.place_name, p.place_type = row.place_type
  CREATE (r)-[:NAMES_PLACE {date_seen: date(nullIf(row.date_seen, ''))}]->(p)
} IN TRANSACTIONS OF 1000 ROWS
