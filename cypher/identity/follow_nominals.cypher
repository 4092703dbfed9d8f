// Name: identity/follow_nominals
// Purpose: associates the gangs matrix names by nominal id refer to that nominal's person,
//          also after identity resolution moved the nominal to another person. One page of
//          mentions in mention key order per call (identity/graph_run.py), so no write grows with the graph.
// Parameters: $run_id (string), $at (datetime); $key_prefix.matrix (vocabulary: graph_loader/vocabulary.py);
//             $after (string: the last mention key of the previous page; '' for the first),
//             $page_size (integer: mentions examined by this page).
// Returns: one row: examined (integer: fewer than $page_size on the last page), last_key (string or
//          null: where the next page starts), moved (integer).
MATCH (page_m:Mention)
WHERE page_m.mention_key > $after
WITH page_m ORDER BY page_m.mention_key LIMIT $page_size
WITH collect(page_m) AS page
WITH page, size(page) AS examined, page[-1].mention_key AS last_key
CALL (page) {
  UNWIND page AS a
  MATCH (a)-[old:REFERS_TO]->(current:Person)
  WHERE a.nominal_ref IS NOT NULL
  MATCH (:Mention {mention_key: $key_prefix.matrix + a.nominal_ref})-[:REFERS_TO]->(target:Person)
  WHERE target <> current
  DELETE old
  CREATE (a)-[ref:REFERS_TO]->(target)
  SET ref.method = 'nominal_id', ref.source_agency = a.source_agency, ref.source_record_id = a.source_record_id,
      ref.load_id = $run_id, ref.loaded_at = $at
  RETURN count(*) AS moved
}
RETURN examined, last_key, moved
