// name: read_jigsaw_links_every_borough
// question: jigsaw_links for a reader of every borough but not every source, answered from the summary without looking up a tying record.
// param: borough: string = null  Only links where a record is held for this borough (optional).
// param: person_id: string = null  Only links with this person at either end or in the middle (optional).
// returns: person_a, bridge, bridge_kind, person_b, agency_a, record_a, agency_b, record_b (as jigsaw_links)
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader limited by source and not by borough (jigsaw/summary_answers.py): such a reader
// may read a tying record exactly when they may read its source, so "not already tied" is judged on
// the sources of the tying records the link keeps (`tie_sources`), each tested with SOURCE_IN_SCOPE,
// instead of seeking each tying record by its key (read_jigsaw_links, for any scope). The test
// names every source of the registry (tests/test_every_borough_reads.py checks it does). Otherwise
// the same three ways in as read_jigsaw_links, and the pieces still filtered by IN_SCOPE.
// A link's two pieces are always from two sources (graph_loader/link_rows.py), so a reader of one
// source has none: nothing is read for them (all London's way would otherwise walk every link).
WITH 1 AS two_sources_or_more
WHERE CASE WHEN SOURCE_IN_SCOPE(hsb) THEN 1 ELSE 0 END + CASE WHEN SOURCE_IN_SCOPE(mash) THEN 1 ELSE 0 END
      + CASE WHEN SOURCE_IN_SCOPE(matrix) THEN 1 ELSE 0 END >= 2
CALL () {
  // All London's first page in order: the links of each pair of the reader's sources (a link keeps
  // its pieces' sources as `pair`) in (kind, person_a) order from an index (migration 023),
  // filtered while read as at the end (both pieces in scope, no tying record the reader may read),
  // each stopping at the 1,001st the reader may see, then the first 1,001 of those; the links
  // sharing that one's (kind, person_a) are then sought by both, so the ORDER BY at the end sorts
  // those, not every link of London (3.4 million at L). Read from every link in that order instead
  // (migration 013), a reader of MASH and HSB walked 44,000 links at L for their 1,001.
  WITH 1 AS everywhere WHERE $borough IS NULL AND $person_id IS NULL
  WITH [s IN [CASE WHEN SOURCE_IN_SCOPE(hsb) THEN 'hsb' END, CASE WHEN SOURCE_IN_SCOPE(mash) THEN 'mash' END,
              CASE WHEN SOURCE_IN_SCOPE(matrix) THEN 'matrix' END] WHERE s IS NOT NULL] AS readable
  UNWIND readable AS one_source
  UNWIND readable AS other_source
  WITH one_source + '|' + other_source AS readable_pair WHERE one_source < other_source
  CALL (readable_pair) {
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(pair, kind, person_a)
    WHERE l.pair = readable_pair AND l.kind IS NOT NULL AND l.person_a IS NOT NULL
      AND EXISTS { (l)-[:PIECE_A]->(r1:Record) WHERE IN_SCOPE(r1) }
      AND EXISTS { (l)-[:PIECE_B]->(r2:Record) WHERE IN_SCOPE(r2) }
      AND none(s IN coalesce(l.tie_sources, []) WHERE (s = 'mash' AND SOURCE_IN_SCOPE(mash))
                     OR (s = 'matrix' AND SOURCE_IN_SCOPE(matrix)) OR (s = 'hsb' AND SOURCE_IN_SCOPE(hsb)))
    WITH l ORDER BY l.pair, l.kind, l.person_a LIMIT 1001
    RETURN l
  }
  WITH l ORDER BY l.kind, l.person_a LIMIT 1001
  WITH collect(l) AS first
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
  // A borough's links in the answer's order: a link keeps its rank under the borough of each piece
  // (rank_a, rank_b: graph_loader/link_rows.rank, indexed by migration 012), so each index is read
  // under the borough's prefix in order and stops at the 1,001st link this reader may see (the
  // catalogue keeps 1,000 and reads one more to say so); the first 1,001 of the two ways together
  // are among those, and the ORDER BY at the end sorts at most 2,002 links, not the borough's.
  WITH 1 AS in_borough WHERE $borough IS NOT NULL AND $person_id IS NULL
  CALL () {
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_a)
    WHERE l.rank_a STARTS WITH '\u0002' + replace(replace($borough, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001'
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND none(s IN coalesce(l.tie_sources, []) WHERE (s = 'mash' AND SOURCE_IN_SCOPE(mash))
                     OR (s = 'matrix' AND SOURCE_IN_SCOPE(matrix)) OR (s = 'hsb' AND SOURCE_IN_SCOPE(hsb)))
    WITH l ORDER BY l.rank_a LIMIT 1001
    RETURN l
    UNION
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_b)
    WHERE l.rank_b STARTS WITH '\u0002' + replace(replace($borough, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001'
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
      AND none(s IN coalesce(l.tie_sources, []) WHERE (s = 'mash' AND SOURCE_IN_SCOPE(mash))
                     OR (s = 'matrix' AND SOURCE_IN_SCOPE(matrix)) OR (s = 'hsb' AND SOURCE_IN_SCOPE(hsb)))
    WITH l ORDER BY l.rank_b LIMIT 1001
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
WITH DISTINCT l, r1, r2
WHERE none(s IN coalesce(l.tie_sources, []) WHERE (s = 'mash' AND SOURCE_IN_SCOPE(mash))
                     OR (s = 'matrix' AND SOURCE_IN_SCOPE(matrix)) OR (s = 'hsb' AND SOURCE_IN_SCOPE(hsb)))
RETURN DISTINCT l.person_a AS person_a, l.bridge AS bridge, l.kind AS bridge_kind, l.person_b AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY bridge_kind, person_a, person_b, bridge, record_a, record_b
