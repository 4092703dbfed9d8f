// Migration 018: jigsaw_links and cross_borough_people for a reader of every borough limited by source.
// Purpose: such a reader's summary reads (cypher/summary/read_*_every_borough) use what each source
//          adds, kept apart: each tied JigsawLink keeps the sources of its tying records
//          (`tie_sources`, sorted), so "not already tied" is judged without looking a tying record up;
//          each cross-borough person has a CrossBoroughAnswer per proper set of the sources in which
//          they are held by two boroughs or more (summary/cross_sets), read in order from
//          cross_borough_answer_rank. The summaries' builds write both (graph_loader/link_rows.py,
//          summary/links_build, summary/cross_sets, the first load's files); a store built before
//          this migration is backfilled: links in pages of 10,000, people in pages of 1,000 (each
//          page its own transaction), the sets over the source registry as it stands at this
//          migration (mash, matrix, hsb).
// Parameters: none. Returns: nothing. Safe to run twice (the backfills touch only tied links
//          without the property and people with facts and no answers, which a second run finds
//          again only where there is nothing to write; IF NOT EXISTS).
MATCH (l:JigsawLink)
WHERE l.ties IS NOT NULL AND l.tie_sources IS NULL
CALL (l) {
  WITH l, COLLECT {
    UNWIND l.ties AS key
    MATCH (tie:Record {record_key: key})
    WITH DISTINCT tie.source AS source WHERE source IS NOT NULL
    RETURN source ORDER BY source
  } AS sources
  SET l.tie_sources = CASE WHEN size(sources) > 0 THEN sources END
} IN TRANSACTIONS OF 10000 ROWS;
MATCH (p:Person)-[:SUMMARISED_IN]->(lead:CrossBoroughFact)
WHERE lead.lead AND NOT EXISTS { (p)-[:SUMMARISED_IN]->(:CrossBoroughAnswer) }
CALL (p) {
  MATCH (p)-[:SUMMARISED_IN]->(f:CrossBoroughFact)-[:IN_BOROUGH]->(b:Borough)
  WITH collect({source: f.source, borough: b.name, roles: f.roles, records: f.records}) AS facts
  UNWIND [['hsb'], ['mash'], ['matrix'], ['hsb', 'mash'], ['hsb', 'matrix'], ['mash', 'matrix']] AS chosen
  WITH chosen, [f IN facts WHERE f.source IN chosen] AS kept
  WITH chosen, kept, COLLECT { UNWIND kept AS f RETURN DISTINCT f.borough AS x ORDER BY x } AS boroughs
  WHERE size(boroughs) >= 2
  WITH chosen, boroughs,
       COLLECT { UNWIND kept AS f RETURN DISTINCT f.source AS x ORDER BY x } AS agencies,
       COLLECT { UNWIND kept AS f UNWIND f.roles AS x RETURN DISTINCT x ORDER BY x } AS roles,
       reduce(n = 0, f IN kept | n + f.records) AS total
  CREATE (p)-[:SUMMARISED_IN]->(:CrossBoroughAnswer {
    person_id: p.person_id, boroughs: boroughs, agencies: agencies, all_roles: roles, total: total,
    borough_count: size(boroughs),
    rank: reduce(name = '', s IN chosen | name + CASE WHEN name = '' THEN '' ELSE ',' END + s) + ';'
          + right('0000' + toString(9999 - size(boroughs)), 4) + right('000000000000' + toString(999999999999 - total), 12)
          + p.person_id
  })
} IN TRANSACTIONS OF 1000 ROWS;
CREATE INDEX cross_borough_answer_rank IF NOT EXISTS FOR (n:CrossBoroughAnswer) ON (n.rank);
CALL db.awaitIndexes(600);
