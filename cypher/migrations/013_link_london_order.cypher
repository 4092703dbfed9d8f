// Migration 013: all London's jigsaw links read in their order from an index.
// Purpose: jigsaw_links is ordered by kind, then person_a (then the rest); for a reader of every
//          source and borough with neither a borough nor a person given, the read takes the untied
//          links in (kind, person_a) order from this index, up to the 1,001st and its ties, instead of
//          sorting all 2.3 million untied links at L (which the server stopped at the per-query
//          memory limit).
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX links_kind_person_a IF NOT EXISTS FOR (l:JigsawLink) ON (l.kind, l.person_a);
CALL db.awaitIndexes(600);
