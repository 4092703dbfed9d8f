// Name: summary/overlap_lists
// Purpose: after a first load imported gang overlap's facts (graph_loader/summary_files.py),
//          give back the empty lists the importer cannot write (an empty cell writes no
//          property): not a nominal (nominal_of), no borough (borough_roles), a nearest nominal
//          in no gang (nearest_gangs), as cypher/summary/overlap_build.cypher writes them.
// Parameters: none.
// Returns: nothing (runs in transactions of 10,000 facts).
MATCH (f:GangOverlapFact)
WHERE f.nominal_of IS NULL OR f.borough_roles IS NULL OR (f.nearest_nominal IS NOT NULL AND f.nearest_gangs IS NULL)
CALL (f) {
  SET f.nominal_of = coalesce(f.nominal_of, []), f.borough_roles = coalesce(f.borough_roles, []),
      f.nearest_gangs = CASE WHEN f.nearest_nominal IS NOT NULL THEN coalesce(f.nearest_gangs, []) ELSE f.nearest_gangs END
} IN TRANSACTIONS OF 10000 ROWS
