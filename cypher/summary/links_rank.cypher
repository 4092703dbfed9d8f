// Name: summary/links_rank
// Purpose: each new jigsaw link's place in the answer of its pieces' boroughs (`rank_a`: record_a's
//          borough; `rank_b`: record_b's, when another), so a borough's first page is read in order
//          from the links_rank_a / links_rank_b indexes (migration 012). The same text as
//          graph_loader/link_rows.rank: each of (borough, kind, person_a, person_b, bridge, record_a,
//          record_b) as \u0002, itself with \u0000 and \u0001 escaped, then \u0001\u0001; a missing
//          one \u0003 (last, as ORDER BY puts it). Run after summary/links_build: with $all every
//          link, else the links of the touched records (every link links_build made has one).
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 5,000 links).
// Each way guarded by a one-row WITH ... WHERE: `$all OR r:SummaryTouched` beside the MATCH was
// planned as a scan of every record on every upkeep.
CALL () {
  WITH 1 AS everything WHERE $all
  MATCH (l:JigsawLink)
  RETURN l
  UNION
  WITH 1 AS touched WHERE NOT $all
  MATCH (:SummaryTouched)<-[:PIECE_A|PIECE_B]-(l:JigsawLink)
  RETURN l
}
CALL (l) {
  MATCH (l)-[:PIECE_A]->(r1:Record), (l)-[:PIECE_B]->(r2:Record)
  WITH l, r1, r2,
       COLLECT { MATCH (r1)-[:IN_BOROUGH]->(b:Borough) RETURN b.name AS name ORDER BY name LIMIT 1 }[0] AS b1,
       COLLECT { MATCH (r2)-[:IN_BOROUGH]->(b:Borough) RETURN b.name AS name ORDER BY name LIMIT 1 }[0] AS b2
  WITH l, b1, b2, reduce(text = '', v IN [l.kind, l.person_a, l.person_b, l.bridge, r1.record_key, r2.record_key] |
         text + CASE WHEN v IS NULL THEN '\u0003'
                     ELSE '\u0002' + replace(replace(v, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001' END)
       AS order_text
  SET l.rank_a = CASE WHEN b1 IS NULL THEN null
                      ELSE '\u0002' + replace(replace(b1, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001' + order_text END,
      l.rank_b = CASE WHEN b2 IS NULL OR b2 = b1 THEN null
                      ELSE '\u0002' + replace(replace(b2, '\u0001', '\u0001\u0003'), '\u0000', '\u0001\u0002') + '\u0001\u0001' + order_text END
} IN TRANSACTIONS OF 5000 ROWS
