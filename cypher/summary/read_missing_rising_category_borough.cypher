// name: read_missing_rising_category_borough
// question: missing_rising_category for a borough, answered from the summary graph_loader/summaries.py keeps (MissingRisingFact with a borough).
// param: min_missing: int = 2  At least this many missing episodes in the latest referral.
// param: borough: string = null  Only referrals held for this borough (this read is for a borough asked).
// returns: person_id, referrals, categories (oldest first), missing_episodes (oldest first), missing_rose, first_date, last_date, looked_after (as missing_rising_category)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A child's facts for a borough are worked out from their referrals held there alone, as the live query
// does for a borough (migration 020). Each is a MASH fact held for that borough (`source`, IN_BOROUGH), so
// IN_SCOPE keeps exactly what the live query's IN_SCOPE on the referrals keeps, for any reader: all of the
// borough's rows or none. Read in answer order from the (borough, borough_rank, person_id) index
// (borough_rank is the latest referral's missing episodes negated), so nothing is sorted. The catalogue
// gives it a reader of every borough; a reader of some has read_missing_rising_category_some_boroughs,
// which reads these facts so for each of their boroughs (jigsaw/summary_answers.read_query).
MATCH (f:MissingRisingFact)
USING INDEX f:MissingRisingFact(borough, borough_rank, person_id)
WHERE f.borough = $borough AND f.borough_rank <= -$min_missing AND f.person_id IS NOT NULL AND IN_SCOPE(f)
WITH f ORDER BY f.borough_rank, f.person_id
RETURN f.person_id AS person_id, f.referrals AS referrals,
       [x IN f.categories | CASE x WHEN '' THEN null ELSE x END] AS categories,
       f.missing_episodes AS missing_episodes, f.missing_rose AS missing_rose, f.first_date AS first_date,
       f.last_date AS last_date, f.looked_after AS looked_after
