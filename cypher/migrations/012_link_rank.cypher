// Migration 012: a borough's jigsaw links read in their order from an index.
// Purpose: each JigsawLink keeps its place in the answer of the borough of each of its pieces
//          (`rank_a`, `rank_b`: graph_loader/link_rows.rank, cypher/summary/links_rank), so a
//          borough's first page is the first entries of these indexes under the borough's prefix,
//          not every link of the borough sorted.
// Parameters: none. Returns: nothing. Safe to run twice (IF NOT EXISTS).
CREATE INDEX links_rank_a IF NOT EXISTS FOR (l:JigsawLink) ON (l.rank_a);
CREATE INDEX links_rank_b IF NOT EXISTS FOR (l:JigsawLink) ON (l.rank_b);
