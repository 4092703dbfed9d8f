// Name: summary/harmed_lists
// Purpose: after a first load imported the harmed-nominals facts (graph_loader/list_files.py), give
//          back the empty lists the importer cannot write (an empty cell writes no property): no
//          records of a source naming the nominal as a child (harmed_mash, harmed_hsb, harmed_other),
//          none at all (named_keys, named_sources, named_boroughs), as summary/harmed_build writes them.
//          A record's borough is '' where it has none, and [''] is an empty cell too: so a missing
//          named_boroughs is one '' for each named key (a record always has a borough today).
// Parameters: none.
// Returns: nothing (runs in transactions of 10,000 facts).
MATCH (f:HarmedNominalFact)
WHERE f.harmed_mash IS NULL OR f.harmed_hsb IS NULL OR f.harmed_other IS NULL OR f.named_boroughs IS NULL
CALL (f) {
  SET f.harmed_mash = coalesce(f.harmed_mash, []), f.harmed_hsb = coalesce(f.harmed_hsb, []),
      f.harmed_other = coalesce(f.harmed_other, []), f.named_keys = coalesce(f.named_keys, []),
      f.named_sources = coalesce(f.named_sources, []), f.named_boroughs = coalesce(f.named_boroughs, [k IN coalesce(f.named_keys, []) | ''])
} IN TRANSACTIONS OF 10000 ROWS
