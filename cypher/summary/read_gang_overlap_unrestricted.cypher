// name: read_gang_overlap_unrestricted
// question: gang_overlap for a reader of every source and borough, answered from the summary: each person's answer as built.
// param: hops: int = 1  How many steps from a nominal still counts (0 = is a nominal; at most 2).
// param: borough: string = null  Only CSE and HSB records held for this borough (optional).
// returns: person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps (as gang_overlap)
// batched: person_id, roles, nominal_of, harmed_nominal, nearest_nominal, nearest_gangs, steps
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader who may read every record (jigsaw/summary_answers.py): every way to a
// nominal and every entry then counts, so the person's answer (steps, nearest nominal, gangs)
// was worked out when the summary was built and is kept on each of their facts. The nearest
// nominal is the nearest of all, which is the live answer for any $hops that lists the person.
// One fact per person answers (`lead`, all their roles in `all_roles`), or per person in the
// borough (`borough_lead`, `borough_roles`). All London's are taken in answer order from the
// (steps, person_id) index (migration 010), a borough's from the (borough, steps, person_id) index
// (migration 016; ordered by borough too, which is one value, so that the planner takes the index's
// order), so the catalogue stops reading at its 1,001st row and nothing is sorted. The two ways are guarded by a
// one-row WITH ... WHERE each and joined by UNION ALL, which keeps each way's order (only one
// way gives rows), so there is no ORDER BY after it to undo the index's order.
// The facts are still filtered by IN_SCOPE. The rows come 100 to a record (`batched:`, see
// jigsaw/bounded_read.py), in order (collect keeps it), and LIMIT $rows_read still stops the index read.
CALL () {
  WITH 1 AS everywhere WHERE $borough IS NULL
  MATCH (f:GangOverlapFact)
  USING INDEX f:GangOverlapFact(steps, person_id)
  WHERE f.steps <= $hops AND f.person_id IS NOT NULL AND f.lead AND IN_SCOPE(f)
  RETURN f, f.all_roles AS roles ORDER BY f.steps, f.person_id
  UNION ALL
  WITH 1 AS in_borough WHERE $borough IS NOT NULL
  MATCH (f:GangOverlapFact)
  USING INDEX f:GangOverlapFact(borough, steps, person_id)
  WHERE f.borough = $borough AND f.steps <= $hops AND f.person_id IS NOT NULL AND f.borough_lead AND IN_SCOPE(f)
  RETURN f, f.borough_roles AS roles ORDER BY f.borough, f.steps, f.person_id
}
WITH f, roles
LIMIT $rows_read
WITH collect([f.person_id, roles, f.nominal_of, f.harmed_nominal, f.nearest_nominal, f.nearest_gangs, f.steps]) AS rows
UNWIND range(0, size(rows) - 1, 100) AS first
RETURN rows[first..first + 100] AS batch
