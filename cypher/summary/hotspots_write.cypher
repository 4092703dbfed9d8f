// Name: summary/hotspots_write
// Purpose: all London's hotspots over the default period, kept whole: the rows the live catalogue
//          query `hotspots` gave a reader of the given sources and every borough (one more than it
//          shows), in its order, replacing the ones kept for those sources (graph_loader/summaries.py).
// Parameters: $sources (sorted list of the sources the rows counted), $rows (list of maps: the live
//             columns, the place's borough as `place_borough`, and `rank`).
// Returns: kept (integer: rows written).
CALL () {
  MATCH (old:HotspotFact)
  WHERE old.sources = $sources
  DETACH DELETE old
}
UNWIND $rows AS row
CREATE (h:HotspotFact)
SET h = row, h.sources = $sources
RETURN count(h) AS kept
