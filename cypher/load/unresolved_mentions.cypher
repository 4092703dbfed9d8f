// Name: load/unresolved_mentions
// Purpose: one page of mentions in mention key order, and those of them that do not yet refer to a
//          Person (new ones, or ones left by an interrupted load), for the baseline resolver. Paged so
//          each read examines at most $page_size mentions however large the graph: a single read of
//          every mention passed the server's transaction timeout at L (docs/scaling.md).
// Parameters: $after (string: the last mention key of the previous page; '' for the first page),
//             $page_size (integer: mentions examined by this page).
// Returns: one row: examined (integer: mentions read; fewer than $page_size on the last page),
//          last_key (string or null: where the next page starts), unresolved (list of map
//          {mention_key (string), name_key (string or null), dob (date or null),
//          nominal_ref (string or null: an associate named only by matrix nominal id)}).
MATCH (m:Mention)
WHERE m.mention_key > $after
WITH m ORDER BY m.mention_key LIMIT $page_size
WITH collect(m) AS page
RETURN size(page) AS examined, page[-1].mention_key AS last_key,
       [m IN page WHERE NOT EXISTS { (m)-[:REFERS_TO]->(:Person) }
        | {mention_key: m.mention_key, name_key: m.name_key, dob: m.dob, nominal_ref: m.nominal_ref}] AS unresolved
