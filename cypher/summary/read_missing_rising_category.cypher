// name: read_missing_rising_category
// question: missing_rising_category for all London, answered from the summary graph_loader/summaries.py keeps (MissingRisingFact).
// param: min_missing: int = 2  At least this many missing episodes in the latest referral.
// param: borough: string = null  Only referrals held for this borough (a borough has a read of its own: read_missing_rising_category_borough).
// returns: person_id, referrals, categories (oldest first), missing_episodes (oldest first), missing_rose, first_date, last_date, looked_after (as missing_rising_category)
// batched: person_id, referrals, categories, missing_episodes, missing_rose, first_date, last_date, looked_after
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader of every borough (jigsaw/summary_answers.read_query gives a reader of some boroughs
// read_missing_rising_category_some_boroughs): the list counts referrals
// only, so such a reader who may read MASH gets every child's row as built, and one who may not
// gets none (SOURCE_IN_SCOPE). The facts are taken in answer order from the (rank, person_id)
// index (migration 017; rank is the latest missing episodes negated), so the catalogue stops
// reading at its 501st row and nothing is sorted.
// The rows come 100 to a record, in order (`batched:`, see jigsaw/bounded_read.py): the client's cost is per record.
MATCH (f:MissingRisingFact)
USING INDEX f:MissingRisingFact(rank, person_id)
WHERE f.rank <= -$min_missing AND f.person_id IS NOT NULL AND SOURCE_IN_SCOPE(mash)
WITH f ORDER BY f.rank, f.person_id
LIMIT $rows_read
WITH collect([f.person_id, f.referrals, [x IN f.categories | CASE x WHEN '' THEN null ELSE x END],
              f.missing_episodes, f.missing_rose, f.first_date, f.last_date, f.looked_after]) AS rows
UNWIND range(0, size(rows) - 1, 100) AS first
RETURN rows[first..first + 100] AS batch
