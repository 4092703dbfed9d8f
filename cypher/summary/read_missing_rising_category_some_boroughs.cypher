// name: read_missing_rising_category_some_boroughs
// question: missing_rising_category for a reader of some boroughs, answered from the summaries graph_loader/summaries.py keeps (MissingRisingFact with a borough, CrossBoroughFact).
// param: min_missing: int = 2  At least this many missing episodes in the latest referral.
// param: borough: string = null  Only referrals held for this borough (optional).
// returns: person_id, referrals, categories (oldest first), missing_episodes (oldest first), missing_rose, first_date, last_date, looked_after (as missing_rising_category)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A reader of some boroughs counts a child's referrals held in their boroughs (the borough asked, if one is,
// and it is theirs). A child referred in one of them only has that borough's row, which the borough's
// MissingRisingFact keeps (migration 020; IN_SCOPE filters it as it filters the referrals): read in answer
// order from the (borough, borough_rank, person_id) index, up to the rows the catalogue reads, for each of
// their boroughs. A child referred in two or more of them is a cross-borough person with a MASH fact naming
// them a child at risk in each (summary/cross_build: a handful at L for three boroughs): their referrals in
// those boroughs are read and their row worked out as live works it out. The two are then sorted as live
// sorts. jigsaw/summary_answers.RESTS_ON answers live while either summary is out of date. Live read every
// child of their boroughs' referrals with enough missing episodes and all their referrals: 390 to 410 ms at
// L for three boroughs.
MATCH (mine:Borough)
WHERE SOURCE_IN_SCOPE(mash) AND BOROUGH_IN_SCOPE(mine) AND ($borough IS NULL OR mine.name = $borough)
WITH collect(mine.name) AS theirs
CALL (theirs) {
  MATCH (held:CrossBoroughFact)
  WHERE held.borough IN theirs AND held.source = 'mash' AND 'child_at_risk' IN held.roles AND IN_SCOPE(held)
  WITH held.person_id AS id, count(*) AS boroughs
  WHERE boroughs >= 2
  RETURN collect(id) AS spread
}
CALL (theirs, spread) {
  UNWIND theirs AS here
  CALL (here, spread) {
    MATCH (f:MissingRisingFact)
    USING INDEX f:MissingRisingFact(borough, borough_rank, person_id)
    WHERE f.borough = here AND f.borough_rank <= -$min_missing AND f.person_id IS NOT NULL AND IN_SCOPE(f)
      AND NOT f.person_id IN spread
    WITH f ORDER BY f.borough_rank, f.person_id
    LIMIT $rows_read
    RETURN f
  }
  RETURN f.person_id AS person_id, f.referrals AS referrals,
         [x IN f.categories | CASE x WHEN '' THEN null ELSE x END] AS categories,
         f.missing_episodes AS missing_episodes, f.missing_rose AS missing_rose, f.first_date AS first_date,
         f.last_date AS last_date, f.looked_after AS looked_after
  UNION ALL
  UNWIND spread AS id
  MATCH (p:Person {person_id: id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'child_at_risk'}]-(r:Referral)
  WHERE r.borough IN theirs AND IN_SCOPE(r)
  WITH p, r ORDER BY r.record_date, r.record_key
  WITH p, collect(r) AS refs
  WHERE size(refs) >= 2
  WITH p, refs,
       [x IN refs | CASE x.cse_category WHEN 'none' THEN 0 ELSE toInteger(x.cse_category) END] AS levels,
       [x IN refs | coalesce(x.missing_episodes, 0)] AS missing
  WHERE last(levels) > head(levels) AND last(missing) >= $min_missing
  RETURN p.person_id AS person_id, size(refs) AS referrals, [x IN refs | x.cse_category] AS categories,
         missing AS missing_episodes,
         size([i IN range(1, size(missing) - 1) WHERE missing[i] > missing[i - 1]]) > 0 AS missing_rose,
         head(refs).record_date AS first_date, last(refs).record_date AS last_date,
         any(x IN refs WHERE x.looked_after) AS looked_after
}
RETURN person_id, referrals, categories, missing_episodes, missing_rose, first_date, last_date, looked_after
ORDER BY last(missing_episodes) DESC, person_id
