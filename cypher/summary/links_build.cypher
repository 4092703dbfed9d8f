// Name: summary/links_build
// Purpose: the jigsaw links summary: every link the live jigsaw_links query could show, for
//          any reader, before "not already tied" (which depends on the reader's scope). One
//          JigsawLink per (person_a, bridge, person_b, record_a, record_b), pointing at its two
//          records (PIECE_A, PIECE_B) and keeping the record keys of every record that already
//          ties its two people in `ties` (sorted) and their sources in `tie_sources` (sorted: what a
//          reader of every borough needs, read_jigsaw_links_every_borough, as is `pair`, its two pieces'
//          sources, sorted, joined by '|'), so the read (cypher/summary/read_jigsaw_links.cypher)
//          filters all three with need to know's IN_SCOPE, as the live query does. A link no
//          record ties has no `ties` and is labelled Untied: an unrestricted reader's answer,
//          read without the others (read_jigsaw_links_unrestricted). A node and two relationships
//          a link: tying relationships made links four or five entities each. Every record of a touched
//          person is touched too, so a new or erased tie rebuilds the links it concerns.
//          Built from each record taken as either end of a link: with $all from every record,
//          else from the touched ones (summary/touch_*). A link is written once, by its first
//          record (record_a), or by its second when the first was not touched.
// Parameters: $all (bool).
// Returns: nothing (runs in transactions of 200 records).
// Each way guarded by a one-row WITH ... WHERE: `$all OR r:SummaryTouched` beside the MATCH was
// planned as a scan of every record on every incremental upkeep.
CALL () {
  WITH 1 AS everything WHERE $all
  MATCH (r:Record)
  RETURN r
  UNION
  WITH 1 AS touched WHERE NOT $all
  MATCH (r:Record:SummaryTouched)
  RETURN r
}
CALL (r) {
  CALL (r) {
    MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(x:Person)
          <-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(other:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(q:Person)
    WHERE r.source <> other.source AND p <> x AND q <> x AND p <> q
    WITH DISTINCT p, x, q, other, p.person_id < q.person_id AS in_order
    WHERE in_order OR NOT ($all OR other:SummaryTouched)
    WITH x, other, in_order, CASE WHEN in_order THEN p ELSE q END AS a, CASE WHEN in_order THEN q ELSE p END AS b
    // The records tying a pair, looked up once per pair rather than once per link.
    WITH a, b, collect({bridge: x, other: other, in_order: in_order}) AS found
    WITH a, b, found, COLLECT {
      MATCH (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(tie:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b)
      RETURN DISTINCT tie AS tie ORDER BY tie.record_key
    } AS tying
    WITH a, b, found, [tie IN tying | tie.record_key] AS ties,
         COLLECT { UNWIND tying AS tie WITH DISTINCT tie.source AS source WHERE source IS NOT NULL RETURN source ORDER BY source } AS sources
    UNWIND found AS f
    WITH a, b, ties, sources, f.bridge AS x, f.other AS other, f.in_order AS in_order
    CREATE (l:JigsawLink {kind: 'person', person_a: a.person_id, bridge: x.person_id, person_b: b.person_id,
                          ties: CASE WHEN size(ties) > 0 THEN ties END,
                          tie_sources: CASE WHEN size(sources) > 0 THEN sources END})
    WITH l, ties, CASE WHEN in_order THEN r ELSE other END AS r1, CASE WHEN in_order THEN other ELSE r END AS r2
    CREATE (l)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
    SET l.pair = CASE WHEN r1.source < r2.source THEN r1.source + '|' + r2.source ELSE r2.source + '|' + r1.source END
    // Untied by any record: what an unrestricted reader sees.
    FOREACH (untied IN CASE WHEN size(ties) = 0 THEN [true] ELSE [] END | SET l:Untied)
  }
  CALL (r) {
    MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r)-[:NAMES_PLACE]->(pl:Place)
          <-[:NAMES_PLACE]-(other:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(q:Person)
    WHERE r.source <> other.source AND p <> q
    WITH DISTINCT p, pl.name AS place, q, other, p.person_id < q.person_id AS in_order
    WHERE in_order OR NOT ($all OR other:SummaryTouched)
    WITH place, other, in_order, CASE WHEN in_order THEN p ELSE q END AS a, CASE WHEN in_order THEN q ELSE p END AS b
    // The records tying a pair, looked up once per pair rather than once per link.
    WITH a, b, collect({bridge: place, other: other, in_order: in_order}) AS found
    WITH a, b, found, COLLECT {
      MATCH (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(tie:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b)
      RETURN DISTINCT tie AS tie ORDER BY tie.record_key
    } AS tying
    WITH a, b, found, [tie IN tying | tie.record_key] AS ties,
         COLLECT { UNWIND tying AS tie WITH DISTINCT tie.source AS source WHERE source IS NOT NULL RETURN source ORDER BY source } AS sources
    UNWIND found AS f
    WITH a, b, ties, sources, f.bridge AS place, f.other AS other, f.in_order AS in_order
    CREATE (l:JigsawLink {kind: 'place', person_a: a.person_id, bridge: place, person_b: b.person_id,
                          ties: CASE WHEN size(ties) > 0 THEN ties END,
                          tie_sources: CASE WHEN size(sources) > 0 THEN sources END})
    WITH l, ties, CASE WHEN in_order THEN r ELSE other END AS r1, CASE WHEN in_order THEN other ELSE r END AS r2
    CREATE (l)-[:PIECE_A]->(r1), (l)-[:PIECE_B]->(r2)
    SET l.pair = CASE WHEN r1.source < r2.source THEN r1.source + '|' + r2.source ELSE r2.source + '|' + r1.source END
    // Untied by any record: what an unrestricted reader sees.
    FOREACH (untied IN CASE WHEN size(ties) = 0 THEN [true] ELSE [] END | SET l:Untied)
  }
} IN TRANSACTIONS OF 200 ROWS
