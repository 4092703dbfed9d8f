// name: read_overview_by_source
// question: overview_by_source, answered from the summary graph_loader/summaries.py keeps (SourceCount, SourceTotal).
// param: borough: string = null  Only records held for this borough (optional).
// returns: agency (name), source (mash, matrix, hsb), records, people (as overview_by_source)
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A borough's counts are one SourceCount per agency and source, kept with the borough's distinct
// people; all London's one SourceTotal each, with London's distinct people. IN_SCOPE keeps the
// reader's sources; a SourceTotal is tied to no borough, so it passes only for a reader of every
// borough, and jigsaw/summary_answers.COVERS answers a reader of some boroughs live when no
// borough is given (their distinct people over several boroughs are kept nowhere).
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(c:SourceCount)
  WHERE IN_SCOPE(c)
  RETURN c
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL
  MATCH (c:SourceTotal)
  WHERE IN_SCOPE(c)
  RETURN c
}
RETURN c.agency AS agency, c.source AS source, c.records AS records, c.people AS people
ORDER BY source
