// Name: summary/cross_sets
// Purpose: each cross-borough person's answer for a reader of every borough and some of the
//          sources (a CrossBoroughAnswer per source set in which they are held by two boroughs or
//          more), worked out from their CrossBoroughFacts (summary/cross_build: run it first), so such
//          a reader's first page is read in order from one index (migration 018) instead of every
//          fact summed and sorted. A set is named by its sources, sorted, joined by ',' and ended by
//          ';' (no source name holds either), and `rank` is that name followed by the lead fact's
//          rank text for the set's own counts, so the set's answers are one prefix of the index,
//          in the live query's order. The set of every source is the lead fact's (not repeated).
//          Boroughs and records add up over the set's facts as in read_cross_borough_people (a
//          record has one source and one borough).
//          With $all for every person, else for the people touched records mention.
// Parameters: $all (bool), $sources (list of string: the source registry's keys).
// Returns: nothing (runs in transactions of 1,000 people).
MATCH (p:Person)
WHERE $all OR EXISTS { (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:SummaryTouched) }
CALL (p) {
  MATCH (p)-[:SUMMARISED_IN]->(f:CrossBoroughFact)-[:IN_BOROUGH]->(b:Borough)
  WITH collect({source: f.source, borough: b.name, roles: f.roles, records: f.records}) AS facts
  // Every proper, non-empty subset of the registry's sources, as a bit mask over them.
  UNWIND range(1, toInteger(2 ^ size($sources)) - 2) AS mask
  WITH facts, COLLECT {
    UNWIND range(0, size($sources) - 1) AS i
    WITH i WHERE (mask / toInteger(2 ^ i)) % 2 = 1
    RETURN $sources[i] AS source ORDER BY source
  } AS chosen
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
} IN TRANSACTIONS OF 1000 ROWS
