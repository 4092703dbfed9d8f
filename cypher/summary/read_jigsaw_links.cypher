// name: read_jigsaw_links
// question: jigsaw_links, answered from the summary graph_loader/summaries.py keeps (JigsawLink nodes).
// param: borough: string = null  Only links where a record is held for this borough (optional).
// param: person_id: string = null  Only links with this person at either end or in the middle (optional).
// returns: person_a, bridge, bridge_kind, person_b, agency_a, record_a, agency_b, record_b (as jigsaw_links)
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Same rows, same order as the live query for every reader: both pieces must be records the
// reader may read, and "not already tied" is judged on the tying records the reader may read
// (IN_SCOPE on the records themselves, as the live query does; the link keeps their keys in
// `ties`, each found by the record_key index). Three ways in: one person's
// links by index (then their borough); a borough's links in order; or all London's in order.
// Each way is guarded by a one-row WITH ... WHERE on the parameters, so the ways not taken read
// nothing: a WHERE on the parameters beside the MATCH still let the planner scan every link first.
// A link's two pieces are from two sources (graph_loader/link_rows.py): a reader of one source sees none.
WITH NOT EVERY_BOROUGH_IN_SCOPE() AS some_boroughs  // the reader is limited to some
WHERE CASE WHEN SOURCE_IN_SCOPE(hsb) THEN 1 ELSE 0 END + CASE WHEN SOURCE_IN_SCOPE(mash) THEN 1 ELSE 0 END
      + CASE WHEN SOURCE_IN_SCOPE(matrix) THEN 1 ELSE 0 END >= 2
CALL (some_boroughs) {
  // All London's first page in order: every link in (kind, person_a) order from an index (migration
  // 013), filtered while read as at the end (both pieces in scope, no tying record the reader may
  // read), stopping at the 1,001st the reader may see; the links sharing that one's (kind, person_a)
  // are then sought by both, so the ORDER BY at the end sorts those, not every link of London (3.4
  // million at L).
  WITH 1 AS everywhere WHERE $borough IS NULL AND $person_id IS NULL AND NOT some_boroughs
  CALL () {
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(kind, person_a)
    WHERE l.kind IS NOT NULL AND l.person_a IS NOT NULL
      AND EXISTS { (l)-[:PIECE_A]->(r1:Record) WHERE IN_SCOPE(r1) }
      AND EXISTS { (l)-[:PIECE_B]->(r2:Record) WHERE IN_SCOPE(r2) }
      AND NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
    WITH l ORDER BY l.kind, l.person_a LIMIT $rows_read
    RETURN collect(l) AS first
  }
  CALL (first) {
    UNWIND first AS l
    RETURN l
    UNION
    WITH last(first) AS at WHERE size(first) >= $rows_read
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(kind, person_a)
    WHERE l.kind = at.kind AND l.person_a = at.person_a
    RETURN l
  }
  RETURN l
  UNION
  // A borough's links, and all London's for a reader of some boroughs, in the answer's order. A link
  // keeps its rank under the borough of each piece (rank_a, rank_b: graph_loader/link_rows.rank, indexed
  // by migration 012), so each index is read under a borough's prefix in order and stops at the 1,001st
  // link this reader may see (the catalogue keeps 1,000 and reads one more to say so); the ORDER BY at
  // the end sorts those, not the borough's. A borough asked is read under both ranks. All London for a
  // reader of some boroughs is read from each of theirs under rank_a alone: both pieces must be held in
  // their boroughs, so every link they may see is under its first piece's borough (in London's order
  // they walked every link to find theirs: 0.8 to 1.3 s at L for a reader of Hackney). A borough
  // outside the reader's holds no piece they may read: nothing is read there.
  WITH 1 AS by_borough WHERE $person_id IS NULL AND ($borough IS NOT NULL OR some_boroughs)
  MATCH (start:Borough)
  WHERE BOROUGH_IN_SCOPE(start) AND ($borough IS NULL OR start.name = $borough)
  WITH '\u0002' + replace(replace(start.name, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001' AS prefix
  CALL (prefix) {
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_a)
    WHERE l.rank_a STARTS WITH prefix
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
    WITH l ORDER BY l.rank_a LIMIT $rows_read
    RETURN l
    UNION
    WITH 1 AS asked WHERE $borough IS NOT NULL
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_b)
    WHERE l.rank_b STARTS WITH prefix
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
    WITH l ORDER BY l.rank_b LIMIT $rows_read
    RETURN l
  }
  RETURN l
  UNION
  // One person's links by index, all London or in a borough (one of its records held there); end A
  // by (kind, person_a), the index of the all-London order (migration 028: a link's kind is one of two).
  WITH 1 AS one_person WHERE $person_id IS NOT NULL
  CALL () {
    MATCH (l:JigsawLink) WHERE l.kind IN ['person', 'place'] AND l.person_a = $person_id RETURN l
    UNION
    MATCH (l:JigsawLink) WHERE l.person_b = $person_id RETURN l
    UNION
    MATCH (l:JigsawLink) WHERE l.bridge = $person_id AND l.kind = 'person' RETURN l
  }
  WITH l WHERE $borough IS NULL
    OR EXISTS { (l)-[:PIECE_A|PIECE_B]->(held:Record)-[:IN_BOROUGH]->(:Borough {name: $borough}) WHERE IN_SCOPE(held) }
  RETURN l
}
MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
// The ties after the pieces: most candidate links of a restricted reader fail on a piece, and the
// planner otherwise sought every tying record of every candidate first (twice the time at M).
WITH DISTINCT l, r1, r2
WHERE NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
RETURN DISTINCT l.person_a AS person_a, l.bridge AS bridge, l.kind AS bridge_kind, l.person_b AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY bridge_kind, person_a, person_b, bridge, record_a, record_b
