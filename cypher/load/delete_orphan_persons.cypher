// Name: load/delete_orphan_persons
// Purpose: remove persons no mention refers to any more (after a changed record's mentions were
//          replaced, or mentions moved to another person), one page of persons at a time in
//          person id order, so no write transaction grows with the graph (graph_loader/orphans.py).
// Parameters: $after (string: the last person id of the previous page; '' for the first page),
//             $page_size (integer: persons examined by this page).
// Returns: one row: examined (integer: persons read; fewer than $page_size on the last page),
//          last_key (string or null: where the next page starts), deleted (integer).
MATCH (p:Person)
WHERE p.person_id > $after
WITH p ORDER BY p.person_id LIMIT $page_size
WITH collect(p) AS page
WITH page, size(page) AS examined, page[-1].person_id AS last_key
CALL (page) {
  UNWIND page AS p
  WITH p WHERE NOT EXISTS { (p)<-[:REFERS_TO]-(:Mention) }
  DETACH DELETE p
  RETURN count(*) AS deleted
}
RETURN examined, last_key, deleted
