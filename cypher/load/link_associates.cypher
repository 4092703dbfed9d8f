// Name: load/link_associates
// Purpose: link gangs-matrix entries to the entries of the associates they name.
//          MERGE, so running it again after every load changes nothing.
// Parameters: $rows (list of map {source_id, agency, associate_ids}), $load_id (string),
//             $loaded_at (datetime).
// Returns: source_id, associate_id for each named associate not (yet) in the graph.
UNWIND $rows AS row
MATCH (e:MatrixEntry {source_id: row.source_id})
UNWIND row.associate_ids AS associate_id
OPTIONAL MATCH (other:MatrixEntry {source_id: associate_id})
CALL (e, other, row) {
  WITH e, other, row WHERE other IS NOT NULL
  MERGE (e)-[link:NAMES_ASSOCIATE]->(other)
    ON CREATE SET link.source_agency = row.agency, link.source_record_id = row.source_id,
                  link.load_id = $load_id, link.loaded_at = $loaded_at, link.claim = 'intelligence'
}
WITH row, associate_id, other WHERE other IS NULL
RETURN row.source_id AS source_id, associate_id
