// Name: summary/links_write
// Purpose: write a batch of jigsaw links worked out in Python (graph_loader/link_rows.py), the
//          same nodes and relationships cypher/summary/links_build.cypher writes: a JigsawLink
//          with PIECE_A and PIECE_B to its records and the record keys of the records tying its
//          people in `ties` and their sources in `tie_sources`, or, when none does, neither and the
//          Untied label.
// Parameters: $links (list of maps: kind, person_a, bridge, person_b; r1, r2: element ids of the
//             pieces; ties: sorted record keys of the tying records, or null; tie_sources: their
//             sources, sorted, or null; rank_a, rank_b: its
//             place in the answer of its pieces' boroughs, graph_loader/link_rows.rank, or null;
//             pair: its pieces' sources, sorted, joined by '|').
// Returns: written (integer).
UNWIND $links AS link
MATCH (r1:Record) WHERE elementId(r1) = link.r1
MATCH (r2:Record) WHERE elementId(r2) = link.r2
CREATE (l:JigsawLink {kind: link.kind, person_a: link.person_a, bridge: link.bridge, person_b: link.person_b,
                      ties: link.ties, tie_sources: link.tie_sources, rank_a: link.rank_a, rank_b: link.rank_b,
                      pair: link.pair})
CREATE (l)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
FOREACH (untied IN CASE WHEN link.ties IS NULL THEN [true] ELSE [] END | SET l:Untied)
RETURN count(*) AS written
