// name: read_overview_by_source
// question: overview_by_source, answered from the summary graph_loader/summaries.py keeps (SourceCount, SourceTotal).
// param: borough: string = null  Only records held for this borough (optional).
// returns: agency (name), source (mash, matrix, hsb), records, people (as overview_by_source)
// limit: 10
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A borough's counts are one SourceCount per agency and source, kept with the borough's distinct
// people; all London's one SourceTotal each, with London's distinct people. IN_SCOPE keeps the
// reader's sources; a SourceTotal is tied to no borough, so it is read only for a reader of every
// borough. A reader of several boroughs asking for all London (a reader of one is asked as their
// borough: jigsaw/summary_answers.THEIR_BOROUGH_IS_ALL) is answered from their boroughs'
// SourceCounts: records add up (a record has one borough), and people do once each person is taken
// off for every borough after the first among theirs that holds them for that source; a person held
// by two of them is held by two boroughs, so has a CrossBoroughFact per (source, borough) of their
// records (summary/cross_build). Both are sought by their borough's name (migration 026), not found
// among the 20,000 nodes tied to a borough at L; jigsaw/summary_answers.RESTS_ON answers live while
// either summary is out of date.
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(c:SourceCount)
  WHERE IN_SCOPE(c)
  RETURN c.agency AS agency, c.source AS source, c.records AS records, c.people AS people
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND EVERY_BOROUGH_IN_SCOPE()
  MATCH (c:SourceTotal)
  WHERE IN_SCOPE(c)
  RETURN c.agency AS agency, c.source AS source, c.records AS records, c.people AS people
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL AND NOT EVERY_BOROUGH_IN_SCOPE()
  MATCH (b:Borough) WHERE BOROUGH_IN_SCOPE(b)
  WITH collect(b.name) AS theirs
  CALL (theirs) {
    MATCH (f:CrossBoroughFact)
    WHERE f.borough IN theirs AND IN_SCOPE(f)
    WITH f.source AS source, f.person_id AS person_id, count(*) AS held
    WITH source, sum(held - 1) AS again
    RETURN collect({source: source, again: again}) AS counted_again
  }
  MATCH (c:SourceCount)
  WHERE c.borough IN theirs AND IN_SCOPE(c)
  WITH c.agency AS agency, c.source AS source, sum(c.records) AS records, sum(c.people) AS people, counted_again
  RETURN agency, source, records,
         people - coalesce([x IN counted_again WHERE x.source = source | x.again][0], 0) AS people
}
RETURN agency, source, records, people
ORDER BY source
