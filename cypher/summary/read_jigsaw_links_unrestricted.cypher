// name: read_jigsaw_links_unrestricted
// question: jigsaw_links for a reader of every source and borough, answered from the summary: the links no record ties.
// param: borough: string = null  Only links where a record is held for this borough (optional).
// param: person_id: string = null  Only links with this person at either end or in the middle (optional).
// returns: person_a, bridge, bridge_kind, person_b, agency_a, record_a, agency_b, record_b (as jigsaw_links)
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader who may read every record (jigsaw/summary_answers.py): every tying record
// is then one they may read, so "not already tied" means no tie at all, which the summary
// marked when it was built (Untied). A borough's links are found through their pieces' boroughs,
// as the restricted read does. The pieces are still filtered by IN_SCOPE.
// Each way in is guarded by a one-row WITH ... WHERE, so the ways not taken read nothing.
CALL () {
  // All London's first page in order: the untied links in (kind, person_a) order, read from an index
  // (migration 013) in that order; the (kind, person_a) of the 1,001st bounds the page, so every
  // untied link up to it, ties included, is read and the ORDER BY at the end sorts those, not all
  // London's 2.3 million at L (which passed the per-query memory limit). With fewer than 1,001
  // untied links there is no bound, and every one is read.
  WITH 1 AS everywhere WHERE $borough IS NULL AND $person_id IS NULL
  CALL () {
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(kind, person_a)
    WHERE l.kind IS NOT NULL AND l.person_a IS NOT NULL AND l:Untied
    WITH l ORDER BY l.kind, l.person_a SKIP 1000 LIMIT 1
    RETURN collect([l.kind, l.person_a])[0] AS bound
  }
  CALL (bound) {
    WITH 1 AS every_untied_link WHERE bound IS NULL
    MATCH (l:Untied)
    RETURN l
    UNION ALL
    WITH 1 AS kinds_before_the_bound WHERE bound IS NOT NULL
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(kind, person_a)
    WHERE l.kind < bound[0] AND l.person_a IS NOT NULL AND l:Untied
    RETURN l
    UNION ALL
    WITH 1 AS up_to_the_bound WHERE bound IS NOT NULL
    MATCH (l:JigsawLink)
    USING INDEX l:JigsawLink(kind, person_a)
    WHERE l.kind = bound[0] AND l.person_a <= bound[1] AND l:Untied
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
    WHERE l:Untied AND IN_SCOPE(r1) AND IN_SCOPE(r2)
    WITH l ORDER BY l.rank_a LIMIT 1001
    RETURN l
    UNION
    MATCH (l:JigsawLink)
    USING INDEX SEEK l:JigsawLink(rank_b)
    WHERE l.rank_b STARTS WITH '\u0002' + replace(replace($borough, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001'
    MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
    WHERE l:Untied AND IN_SCOPE(r1) AND IN_SCOPE(r2)
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
  WITH l WHERE l:Untied AND ($borough IS NULL
    OR EXISTS { (l)-[:PIECE_A|PIECE_B]->(held:Record)-[:IN_BOROUGH]->(:Borough {name: $borough}) WHERE IN_SCOPE(held) })
  RETURN l
}
MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
WHERE IN_SCOPE(r1) AND IN_SCOPE(r2)
RETURN DISTINCT l.person_a AS person_a, l.bridge AS bridge, l.kind AS bridge_kind, l.person_b AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY bridge_kind, person_a, person_b, bridge, record_a, record_b
