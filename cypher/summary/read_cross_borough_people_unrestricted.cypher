// name: read_cross_borough_people_unrestricted
// question: cross_borough_people for a reader of every source and borough, answered from the summary: each person's answer as built.
// param: min_boroughs: int = 2  At least this many boroughs (the summary holds people with two or more; fewer is answered live).
// param: role: string = null  Only people with this role in at least one record (optional), e.g. child_at_risk.
// returns: person_id, boroughs, agencies, roles, records (as cross_borough_people)
// batched: person_id, boroughs, agencies, roles, records
// limit: 1000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader who may read every record (jigsaw/summary_answers.py): each person's answer
// was worked out when the summary was built and is kept on their lead fact, with a `rank` that
// sorts as the live query orders. The lead facts are read in rank order from its index
// (migration 009), so the catalogue stops reading at its 1,001st row: nothing is summed or sorted.
// The facts are still filtered by IN_SCOPE. The rows come 100 to a record (`batched:`, see
// jigsaw/bounded_read.py): the client's cost is per record, and 1,000 records of lists were most of
// this answer's time at L. collect keeps the rows' order; LIMIT $rows_read still stops the index read.
MATCH (f:CrossBoroughFact)
USING INDEX f:CrossBoroughFact(rank)
WHERE f.rank IS NOT NULL AND IN_SCOPE(f) AND f.borough_count >= $min_boroughs AND ($role IS NULL OR $role IN f.all_roles)
WITH f ORDER BY f.rank
LIMIT $rows_read
WITH collect([f.person_id, f.boroughs, f.agencies, f.all_roles, f.total]) AS rows
UNWIND range(0, size(rows) - 1, 100) AS first
RETURN rows[first..first + 100] AS batch
