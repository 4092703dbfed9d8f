// name: read_gang_overlap
// question: gang_overlap, answered from the summary graph_loader/summaries.py keeps (GangOverlapFact, GangReach).
// param: hops: int = 1  How many steps from a nominal still counts (0 = is a nominal; at most 2).
// param: borough: string = null  Only CSE and HSB records held for this borough (optional).
// returns: person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps (as gang_overlap)
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Same rows, same order as the live query for every reader. A fact is one (person, source,
// borough) of the person's MASH and HSB records, so IN_SCOPE keeps exactly the facts of the
// records the reader may read; a way to a nominal counts when a record of each of its steps
// (a way keeps its records' keys: `via`, `next`) and an active entry of the nominal are ones
// the reader may read, as the live search requires of the records it walks through. Who is a
// nominal, and their gangs, are read from the person's own entries, as live.
// The widest reader's answer (kept on each fact) bounds every other's: fewer records and entries
// never bring a nominal nearer. So a person it does not list within $hops is listed for no one,
// and one who is not a nominal for it is a nominal for no one.
// The answer comes in order of steps, then person id: so it is worked out one step count at a
// time (0, then 1, then 2), each over the candidates in person id order as an index gives them
// (each person's lead fact by person_id for all London; their borough-lead fact by (borough,
// person_id) for a borough: migration 015), and stops once a row more than the catalogue keeps
// (`$rows_read`: 1,001, or 251 for the explorer's first page) has been found. Nothing is grouped or
// sorted before: what the reader may read and follow is checked for the people read up to there only.
// A reader of some boroughs (this read's usual reader: jigsaw/summary_answers.py) has roles only in facts
// held in their boroughs. So all London's candidates are their boroughs' people as near as the step count
// (every fact keeps the widest answer's steps), sorted by person id, not every person in London (926,491 db
// hits, 0.6 to 0.8 s at L for a reader of Hackney) nor all their boroughs' people at every step count
// (19,222 for three boroughs at L, 4,382 of them nominals: 165 ms for a first page); and a borough outside
// theirs has no candidates at all (BOROUGH_IN_SCOPE says where to start, never what is seen: IN_SCOPE
// still filters every fact).
// A nominal is one through an active matrix entry, and the people listed are in MASH and HSB records:
// a reader without the matrix, or with neither of the others, has an empty answer, read at once.
WITH NOT EVERY_BOROUGH_IN_SCOPE() AS some_boroughs
WHERE SOURCE_IN_SCOPE(matrix) AND (SOURCE_IN_SCOPE(mash) OR SOURCE_IN_SCOPE(hsb))
UNWIND range(0, $hops) AS level
CALL (level, some_boroughs) {
  CALL (some_boroughs, level) {
    WITH 1 AS everywhere WHERE $borough IS NULL AND NOT some_boroughs
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(person_id)
    WHERE widest.person_id IS NOT NULL AND widest.lead
    RETURN widest ORDER BY widest.person_id
    UNION ALL
    WITH 1 AS theirs WHERE $borough IS NULL AND some_boroughs
    MATCH (mine:Borough) WHERE BOROUGH_IN_SCOPE(mine)
    CALL (mine, level) {  // each of their boroughs' people as near as this step count, by (borough, steps, person_id)
      MATCH (held:GangOverlapFact)
      USING INDEX held:GangOverlapFact(borough, steps, person_id)
      WHERE held.borough = mine.name AND held.steps <= level AND held.person_id IS NOT NULL AND held.borough_lead
      RETURN held
    }
    WITH held.person_id AS id, collect(held)[0] AS widest  // a person held in two of them: once
    RETURN widest ORDER BY widest.person_id
    UNION ALL
    WITH 1 AS in_borough
    WHERE $borough IS NOT NULL AND EXISTS { MATCH (asked:Borough {name: $borough}) WHERE BOROUGH_IN_SCOPE(asked) }
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(borough, person_id)
    WHERE widest.borough = $borough AND widest.person_id IS NOT NULL AND widest.borough_lead
    RETURN widest ORDER BY widest.borough, widest.person_id
  }
  WITH widest WHERE widest.steps <= level
  MATCH (p:Person)-[:SUMMARISED_IN]->(widest)
  // The person's roles in the facts this reader may read (in the borough, when one is asked):
  // none, and they are not in this reader's answer.
  WITH p, widest, COLLECT {
    MATCH (f:GangOverlapFact)
    WHERE f.person_id = widest.person_id AND ($borough IS NULL OR f.borough = $borough) AND IN_SCOPE(f)
    UNWIND f.roles AS role
    RETURN DISTINCT role
  } AS roles
  WHERE size(roles) > 0
  OPTIONAL CALL (p, widest) {
    WITH p WHERE widest.steps = 0
    OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
    WHERE IN_SCOPE(e)
    WITH collect(DISTINCT g.name) AS gangs, max(coalesce(e.harmed_or_exploited, false)) AS harmed
    RETURN COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS own_gangs, harmed
  }
  WITH p, roles, coalesce(own_gangs, []) AS nominal_of, coalesce(harmed, false) AS harmed_nominal
  WHERE (level = 0) = (size(nominal_of) > 0)
  // The nearest way the reader may follow: ways in order (steps, then the nominal's person id, as
  // live chooses), each checked only until the first that holds.
  OPTIONAL CALL (p, nominal_of, level) {
    MATCH (p)-[:SUMMARISED_IN]->(way:GangReach)
    WHERE way.steps <= level AND size(nominal_of) = 0
    WITH way ORDER BY way.steps, way.nominal
    WITH way
    WHERE EXISTS { UNWIND way.via AS key MATCH (x:Record {record_key: key}) WHERE IN_SCOPE(x) }
      AND (way.steps = 1 OR EXISTS { UNWIND way.next AS key MATCH (y:Record {record_key: key}) WHERE IN_SCOPE(y) })
      AND EXISTS { MATCH (n:Person {person_id: way.nominal})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e1:MatrixEntry {status: 'active'}) WHERE IN_SCOPE(e1) }
    WITH way LIMIT 1
    MATCH (n:Person {person_id: way.nominal})
    OPTIONAL MATCH (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e3:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
    WHERE IN_SCOPE(e3)
    WITH n, way.steps AS steps, collect(DISTINCT g.name) AS gangs
    RETURN n.person_id AS nearest_nominal, COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS nearest_gangs, steps
  }
  WITH p, COLLECT { UNWIND roles AS x RETURN x ORDER BY x } AS roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs,
       CASE WHEN size(nominal_of) > 0 THEN 0 ELSE steps END AS steps
  WHERE steps = level
  RETURN p.person_id AS person_id, roles, nominal_of, harmed_nominal,
         CASE WHEN steps = 0 THEN null ELSE nearest_nominal END AS nearest_nominal,
         CASE WHEN steps = 0 THEN nominal_of ELSE nearest_gangs END AS nearest_gangs, steps
}
WITH person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps
LIMIT $rows_read  // the catalogue's cap and one more (catalogue.run_parameters): a first page stops early
RETURN person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps
ORDER BY steps, person_id
