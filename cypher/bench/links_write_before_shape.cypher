// Name: bench/links_write_before_shape
// Purpose: benchmark reference only (bench/summary_build.py): the same batch of jigsaw links written
//          in the shape they had before issue #22's fourth round, a JigsawLink with PIECE_A and
//          PIECE_B, TIED_BY to each tying record and, when none ties, the Untied label and
//          UNTIED_IN to its records' boroughs, to time against summary/links_write on the same graph.
// Parameters: $links (as summary/links_write: ties are record keys, or null).
// Returns: written (integer).
UNWIND $links AS link
MATCH (r1:Record) WHERE elementId(r1) = link.r1
MATCH (r2:Record) WHERE elementId(r2) = link.r2
CREATE (l:JigsawLink {kind: link.kind, person_a: link.person_a, bridge: link.bridge, person_b: link.person_b})
CREATE (l)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
WITH l, link, r1, r2
CALL (l, link) {
  UNWIND coalesce(link.ties, []) AS key
  MATCH (tie:Record {record_key: key})
  CREATE (l)-[:TIED_BY]->(tie)
}
CALL (l, link, r1, r2) {
  WITH l, r1, r2 WHERE link.ties IS NULL
  SET l:Untied
  WITH l, r1, r2
  UNWIND COLLECT { MATCH (r1)-[:IN_BOROUGH]->(b:Borough) RETURN b UNION MATCH (r2)-[:IN_BOROUGH]->(b:Borough) RETURN b } AS b
  CREATE (l)-[:UNTIED_IN]->(b)
}
RETURN count(*) AS written
