// name: read_gang_overlap_every_borough
// question: gang_overlap for a reader of every borough but not every source, answered from the summary with no record or entry looked up to decide a row.
// param: hops: int = 1  How many steps from a nominal still counts (0 = is a nominal; at most 2).
// param: borough: string = null  Only CSE and HSB records held for this borough (optional).
// returns: person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps (as gang_overlap)
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader who may read every borough (jigsaw/summary_answers.py; a reader of every source
// too has read_gang_overlap_unrestricted). For them what they may read is a question of sources only:
// * a nominal is a nominal through an active matrix entry: without the matrix no one is, and no way
//   counts (the live answer is empty); with it every active entry counts, so who is a nominal, their
//   gangs and whether they were harmed are the widest reader's, kept on each fact;
// * a way counts when they may read a record of each step: a source of each step's records, which
//   each way keeps (`via_sources`, `next_sources`: migration 019), so no record is looked up;
// * their roles are those of their facts (one per source and borough) of a source they may read.
// The widest reader's answer bounds theirs (fewer records never bring a nominal nearer), and with
// the matrix a nominal is one for them as for the widest reader: so at 0 steps the candidates are the
// widest answer's nominals, and at 1 or 2 steps its others within that many steps. As in
// read_gang_overlap, the answer is worked out one step count at a time over the candidates in person
// id order from an index (migration 015) and stops once a row more than the catalogue keeps is found.
// The nearest nominal's gangs are looked up only when the way found is not the widest reader's
// nearest (a row, not a candidate).
WITH CASE WHEN SOURCE_IN_SCOPE(mash) THEN ['mash'] ELSE [] END
     + CASE WHEN SOURCE_IN_SCOPE(hsb) THEN ['hsb'] ELSE [] END
     + CASE WHEN SOURCE_IN_SCOPE(matrix) THEN ['matrix'] ELSE [] END AS readable
// Facts are kept for MASH and HSB records only: without either, no one has a role to list.
WHERE 'matrix' IN readable AND ('mash' IN readable OR 'hsb' IN readable)
WITH readable, [s IN readable WHERE s <> 'matrix'] AS peers  // the sources whose facts list people
UNWIND range(0, $hops) AS level
CALL (level, readable, peers) {
  // A candidate at 0 steps is the widest answer's nominal (steps 0), at 1 step one of its people 1
  // step away: each read in person id order under its step count from the (steps, person_id) and
  // (borough, steps, person_id) indexes (migrations 010 and 016), not found among every fact. At 2
  // steps it may be 1 or 2 steps from the widest reader's nearest, so those are read in person id
  // order and filtered. For all London and one peer source (MASH or HSB), only the people with a fact
  // of that source can have roles for this reader, so the candidates are that source's facts, in the
  // same order, from the (source, steps, person_id) and (source, person_id) indexes (migration 024):
  // every nominal read to find the HSB reader's was 14,461 facts at L for 1,001 rows. A person with
  // that source's facts in two boroughs is a candidate twice, and gives the same row twice (a row is
  // the person's, not the fact's): the rows are made distinct below.
  CALL (level, peers) {
    WITH 1 AS everywhere WHERE $borough IS NULL AND level < 2 AND size(peers) = 1
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(source, steps, person_id)
    WHERE widest.source = peers[0] AND widest.steps = level AND widest.person_id IS NOT NULL
    RETURN widest ORDER BY widest.source, widest.steps, widest.person_id
    UNION ALL
    WITH 1 AS everywhere WHERE $borough IS NULL AND level = 2 AND size(peers) = 1
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(source, person_id)
    WHERE widest.source = peers[0] AND widest.person_id IS NOT NULL AND widest.steps IN [1, 2]
    RETURN widest ORDER BY widest.source, widest.person_id
    UNION ALL
    WITH 1 AS everywhere WHERE $borough IS NULL AND level < 2 AND size(peers) > 1
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(steps, person_id)
    WHERE widest.steps = level AND widest.person_id IS NOT NULL AND widest.lead
    RETURN widest ORDER BY widest.steps, widest.person_id
    UNION ALL
    WITH 1 AS everywhere WHERE $borough IS NULL AND level = 2 AND size(peers) > 1
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(person_id)
    WHERE widest.person_id IS NOT NULL AND widest.lead AND widest.steps IN [1, 2]
    RETURN widest ORDER BY widest.person_id
    UNION ALL
    WITH 1 AS in_borough WHERE $borough IS NOT NULL AND level < 2
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(borough, steps, person_id)
    WHERE widest.borough = $borough AND widest.steps = level AND widest.person_id IS NOT NULL AND widest.borough_lead
    RETURN widest ORDER BY widest.borough, widest.steps, widest.person_id
    UNION ALL
    WITH 1 AS in_borough WHERE $borough IS NOT NULL AND level = 2
    MATCH (widest:GangOverlapFact)
    USING INDEX widest:GangOverlapFact(borough, person_id)
    WHERE widest.borough = $borough AND widest.person_id IS NOT NULL AND widest.borough_lead AND widest.steps IN [1, 2]
    RETURN widest ORDER BY widest.borough, widest.person_id
  }
  // The nearest way this reader may follow, in the order live chooses (steps, then the nominal's
  // person id); it must be `level` steps for the person to be in this step count's rows.
  OPTIONAL CALL (widest, level, readable) {
    WITH widest WHERE level > 0
    MATCH (p:Person)-[:SUMMARISED_IN]->(widest)
    MATCH (p)-[:SUMMARISED_IN]->(way:GangReach)
    WHERE way.steps <= level
      AND any(s IN way.via_sources WHERE s IN readable)
      AND (way.steps = 1 OR any(s IN way.next_sources WHERE s IN readable))
    RETURN way ORDER BY way.steps, way.nominal LIMIT 1
  }
  WITH widest, way WHERE level = 0 OR way.steps = level
  // The person's roles in the facts this reader may read (in the borough, when one is asked):
  // none, and they are not in this reader's answer.
  WITH widest, way, COLLECT {
    MATCH (f:GangOverlapFact)
    WHERE f.person_id = widest.person_id AND ($borough IS NULL OR f.borough = $borough) AND IN_SCOPE(f)
    UNWIND f.roles AS role
    RETURN DISTINCT role ORDER BY role
  } AS roles
  WHERE size(roles) > 0
  OPTIONAL CALL (widest, way) {
    WITH way WHERE way IS NOT NULL AND way.nominal <> widest.nearest_nominal
    MATCH (n:Person {person_id: way.nominal})
    OPTIONAL MATCH (n)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e:MatrixEntry {status: 'active'})-[:NAMES_GANG]->(g:Gang)
    WHERE IN_SCOPE(e)
    WITH n, collect(DISTINCT g.name) AS gangs
    RETURN COLLECT { UNWIND gangs AS x RETURN x ORDER BY x } AS other_gangs
  }
  RETURN widest.person_id AS person_id, roles,
         CASE WHEN level = 0 THEN widest.nominal_of ELSE [] END AS nominal_of,
         CASE WHEN level = 0 THEN widest.harmed_nominal ELSE false END AS harmed_nominal,
         way.nominal AS nearest_nominal,
         CASE WHEN level = 0 THEN widest.nominal_of ELSE coalesce(other_gangs, widest.nearest_gangs) END AS nearest_gangs,
         level AS steps
}
WITH DISTINCT person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps
LIMIT $rows_read  // the catalogue's cap and one more (catalogue.run_parameters): a first page stops early
RETURN person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps
ORDER BY steps, person_id
