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
WITH EXISTS { MATCH (out:Borough) WHERE NOT BOROUGH_IN_SCOPE(out) } AS some_boroughs  // the reader is limited to some
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
    WITH l ORDER BY l.kind, l.person_a LIMIT 1001
    RETURN collect(l) AS first
  }
  CALL (first) {
    UNWIND first AS l
    RETURN l
    UNION
    WITH last(first) AS at WHERE size(first) > 1000
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(kind, person_a)
    WHERE l.kind = at.kind AND l.person_a = at.person_a
    RETURN l
  }
  RETURN l
  UNION
  // All London for a reader of some boroughs: both pieces must be held in their boroughs, so every link
  // they may see is under its first piece's borough, one of theirs: each of their boroughs' links read
  // in that borough's order (rank_a, as a borough's way below) to the 1,001st they may see. In London's
  // order they walked every link to find theirs: 0.8 to 1.3 s at L for a reader of Hackney.
  WITH 1 AS theirs WHERE $borough IS NULL AND $person_id IS NULL AND some_boroughs
  MATCH (mine:Borough) WHERE BOROUGH_IN_SCOPE(mine)
  CALL (mine) {
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_a)
    WHERE l.rank_a STARTS WITH '\u0002' + replace(replace(mine.name, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001'
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
    WITH l ORDER BY l.rank_a LIMIT 1001
    RETURN l
  }
  RETURN l
  UNION
  // A borough's links in the answer's order: a link keeps its rank under the borough of each piece
  // (rank_a, rank_b: graph_loader/link_rows.rank, indexed by migration 012), so each index is read
  // under the borough's prefix in order and stops at the 1,001st link this reader may see (the
  // catalogue keeps 1,000 and reads one more to say so); the first 1,001 of the two ways together
  // are among those, and the ORDER BY at the end sorts at most 2,002 links, not the borough's.
  // (A borough outside the reader's holds no piece they may read: nothing to read there.)
  WITH 1 AS in_borough
  WHERE $borough IS NOT NULL AND $person_id IS NULL
    AND EXISTS { MATCH (asked:Borough {name: $borough}) WHERE BOROUGH_IN_SCOPE(asked) }
  CALL () {
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_a)
    WHERE l.rank_a STARTS WITH '\u0002' + replace(replace($borough, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001'
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
    WITH l ORDER BY l.rank_a LIMIT 1001
    RETURN l
    UNION
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_b)
    WHERE l.rank_b STARTS WITH '\u0002' + replace(replace($borough, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001'
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND NOT EXISTS { MATCH (tie:Record) WHERE tie.record_key IN l.ties AND IN_SCOPE(tie) }
    WITH l ORDER BY l.rank_b LIMIT 1001
    RETURN l
  }
  RETURN l
  UNION
  // One person's links by index, all London or in a borough (one of its records held there).
  WITH 1 AS one_person WHERE $person_id IS NOT NULL
  CALL () {
    MATCH (l:JigsawLink) WHERE l.person_a = $person_id RETURN l
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
