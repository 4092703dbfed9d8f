// Name: summary/links_write
// Purpose: write a batch of jigsaw links worked out in Python (graph_loader/link_rows.py), the
//          same nodes and relationships cypher/summary/links_build.cypher writes: a JigsawLink
//          with PIECE_A and PIECE_B to its records, TIED_BY to each record tying its people, and
//          when none does, the Untied label and UNTIED_IN to its records' boroughs.
// Parameters: $links (list of maps: kind, person_a, bridge, person_b; r1, r2: element ids of the
//             pieces; ties: element ids of the tying records; boroughs: element ids, untied only).
// Returns: written (integer).
UNWIND $links AS link
MATCH (r1:Record) WHERE elementId(r1) = link.r1
MATCH (r2:Record) WHERE elementId(r2) = link.r2
CREATE (l:JigsawLink {kind: link.kind, person_a: link.person_a, bridge: link.bridge, person_b: link.person_b})
CREATE (l)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
WITH l, link
CALL (l, link) {
  UNWIND link.ties AS id
  MATCH (tie:Record) WHERE elementId(tie) = id
  CREATE (l)-[:TIED_BY]->(tie)
}
CALL (l, link) {
  WITH l, link WHERE size(link.ties) = 0
  SET l:Untied
  WITH l, link
  UNWIND link.boroughs AS id
  MATCH (b:Borough) WHERE elementId(b) = id
  CREATE (l)-[:UNTIED_IN]->(b)
}
RETURN count(*) AS written
