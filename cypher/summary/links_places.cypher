// Name: summary/links_places
// Purpose: the names of every place a record names, for a full build of the jigsaw links (a
//          place link's bridge is its place's name; graph_loader/link_build.py).
// Parameters: none.
// Returns: one row: place_ids (element ids), place_names (each place's name, in the same order).
MATCH (pl:Place) WHERE EXISTS { (pl)<-[:NAMES_PLACE]-() }
RETURN collect(elementId(pl)) AS place_ids, collect(pl.name) AS place_names
