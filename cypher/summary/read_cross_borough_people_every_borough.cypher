// name: read_cross_borough_people_every_borough
// question: cross_borough_people for a reader of every borough but not every source, answered from the summary: each person's answer for the reader's sources as built.
// param: min_boroughs: int = 2  At least this many boroughs (the summary holds people with two or more; fewer is answered live).
// param: role: string = null  Only people with this role in at least one record (optional), e.g. child_at_risk.
// returns: person_id, boroughs, agencies, roles, records (as cross_borough_people)
// batched: person_id, boroughs, agencies, roles, records
// limit: 1000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader limited by source and not by borough (jigsaw/summary_answers.py): such a
// reader reads exactly the records of their sources, so their answer is the one the summary
// worked out for that set of sources (summary/cross_sets), kept on a CrossBoroughAnswer whose
// `rank` starts with the set's name. The name is made here from SOURCE_IN_SCOPE, one test per
// source of the registry, sorted (tests/test_every_borough_reads.py checks every source is named),
// and the answers under it are read in rank order from its index (migration 018), so the catalogue
// stops reading at its 1,001st row: nothing is summed or sorted. The set of every source is an
// unrestricted reader's, answered by read_cross_borough_people_unrestricted.
// The rows come 100 to a record, in order (`batched:`, as read_cross_borough_people_unrestricted's).
WITH substring(CASE WHEN SOURCE_IN_SCOPE(hsb) THEN ',hsb' ELSE '' END
               + CASE WHEN SOURCE_IN_SCOPE(mash) THEN ',mash' ELSE '' END
               + CASE WHEN SOURCE_IN_SCOPE(matrix) THEN ',matrix' ELSE '' END, 1) + ';' AS sources
MATCH (a:CrossBoroughAnswer)
USING INDEX a:CrossBoroughAnswer(rank)
WHERE a.rank STARTS WITH sources AND a.borough_count >= $min_boroughs AND ($role IS NULL OR $role IN a.all_roles)
WITH a ORDER BY a.rank
LIMIT $rows_read
WITH collect([a.person_id, a.boroughs, a.agencies, a.all_roles, a.total]) AS rows
UNWIND range(0, size(rows) - 1, 100) AS first
RETURN rows[first..first + 100] AS batch
