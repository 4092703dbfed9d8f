// Migration 023: all London's jigsaw_links for a reader of every borough and some sources, read from their own links (issue #22).
// Purpose: such a reader's first page (cypher/summary/read_jigsaw_links_every_borough) was read from
//          every link in (kind, person_a) order, keeping those whose pieces they may read; a reader of
//          MASH and HSB walked 44,000 links at L for their 1,001 (217 to 281 ms warm, 2.1 s cold), of
//          HSB and the matrix 63,000. Each JigsawLink now keeps its pieces' sources, sorted, joined by
//          '|' (`pair`: 'hsb|mash'), written by every build (graph_loader/link_rows.py,
//          summary/links_build, the first load's files), and the read seeks each pair of the reader's
//          sources in order from
//            links_pair_kind_person_a  (:JigsawLink)  pair, kind, person_a
//          A store summarised before this migration is backfilled from the links' pieces, in pages of
//          10,000 links (each page its own transaction), before the index is built.
// Parameters: none. Returns: nothing. Safe to run twice (only links without the property are touched;
//          IF NOT EXISTS).
MATCH (l:JigsawLink)
WHERE l.pair IS NULL
CALL (l) {
  MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
  SET l.pair = CASE WHEN r1.source < r2.source THEN r1.source + '|' + r2.source ELSE r2.source + '|' + r1.source END
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX links_pair_kind_person_a IF NOT EXISTS FOR (l:JigsawLink) ON (l.pair, l.kind, l.person_a);
CALL db.awaitIndexes(600);
