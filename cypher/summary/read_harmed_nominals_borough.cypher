// name: read_harmed_nominals_borough
// question: harmed_nominals for a borough, answered from the summary graph_loader/summaries.py keeps (HarmedNominalFact).
// param: borough: string = null  Only nominals held for this borough (this read is for a borough asked).
// returns: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records (as harmed_nominals)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// As all London's read (summary/read_harmed_nominals), for one borough: each fact keeps the borough of its
// entry (migration 021) and each rank's index is led by it, so the borough's facts are read in answer order
// (ordered by the borough too, one value, so that the planner takes the index's order).
// Only for a reader of every borough, as all London's (a reader of some boroughs has a read of their own:
// jigsaw/summary_answers.read_query).
CALL () {
  WITH 1 AS neither WHERE SOURCE_IN_SCOPE(matrix) AND NOT SOURCE_IN_SCOPE(mash) AND NOT SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(borough, rank, nominal_id)
  WHERE f.borough = $borough AND f.rank IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.borough, f.rank, f.nominal_id
  UNION ALL
  WITH 1 AS with_mash WHERE SOURCE_IN_SCOPE(matrix) AND SOURCE_IN_SCOPE(mash) AND NOT SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(borough, rank_mash, nominal_id)
  WHERE f.borough = $borough AND f.rank_mash IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.borough, f.rank_mash, f.nominal_id
  UNION ALL
  WITH 1 AS with_hsb WHERE SOURCE_IN_SCOPE(matrix) AND NOT SOURCE_IN_SCOPE(mash) AND SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(borough, rank_hsb, nominal_id)
  WHERE f.borough = $borough AND f.rank_hsb IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.borough, f.rank_hsb, f.nominal_id
  UNION ALL
  WITH 1 AS with_both WHERE SOURCE_IN_SCOPE(matrix) AND SOURCE_IN_SCOPE(mash) AND SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(borough, rank_all, nominal_id)
  WHERE f.borough = $borough AND f.rank_all IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.borough, f.rank_all, f.nominal_id
}
RETURN f.person_id AS person_id, f.nominal_id AS nominal_id, f.gangs AS gangs, f.harm_band AS harm_band,
       f.status AS status,
       COLLECT {
         UNWIND f.harmed_other + CASE WHEN SOURCE_IN_SCOPE(mash) THEN f.harmed_mash ELSE [] END
                + CASE WHEN SOURCE_IN_SCOPE(hsb) THEN f.harmed_hsb ELSE [] END AS key
         RETURN key ORDER BY key
       } AS harmed_in_other_records
