// name: read_harmed_nominals
// question: harmed_nominals for all London, answered from the summary graph_loader/summaries.py keeps (HarmedNominalFact).
// param: borough: string = null  Only nominals held for this borough (a borough has a read of its own: read_harmed_nominals_borough).
// returns: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records (as harmed_nominals)
// batched: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader of every borough (jigsaw/summary_answers.read_query gives a reader of
// some boroughs read_harmed_nominals_some_boroughs): they see every entry if they
// may read the matrix (none if not), and of the records naming the nominal as harmed those of the
// sources they may read, so their answer is one of four (whether they may read MASH, whether HSB).
// Each fact keeps each answer's rank (the list's size negated); the reader's answer is taken in its
// order from that rank's (rank_*, nominal_id) index (migration 017), so the catalogue stops reading at
// its 501st row and nothing is sorted. The ways are guarded by a one-row WITH ... WHERE each and joined
// by UNION ALL, which keeps each way's order (only one way gives rows). The list is put together from the
// fact's lists by source, in order, for the rows read only.
// The rows come 100 to a record, in order (`batched:`, see jigsaw/bounded_read.py): the client's cost is per record.
CALL () {
  WITH 1 AS neither WHERE SOURCE_IN_SCOPE(matrix) AND NOT SOURCE_IN_SCOPE(mash) AND NOT SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(rank, nominal_id)
  WHERE f.rank IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.rank, f.nominal_id
  UNION ALL
  WITH 1 AS with_mash WHERE SOURCE_IN_SCOPE(matrix) AND SOURCE_IN_SCOPE(mash) AND NOT SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(rank_mash, nominal_id)
  WHERE f.rank_mash IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.rank_mash, f.nominal_id
  UNION ALL
  WITH 1 AS with_hsb WHERE SOURCE_IN_SCOPE(matrix) AND NOT SOURCE_IN_SCOPE(mash) AND SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(rank_hsb, nominal_id)
  WHERE f.rank_hsb IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.rank_hsb, f.nominal_id
  UNION ALL
  WITH 1 AS with_both WHERE SOURCE_IN_SCOPE(matrix) AND SOURCE_IN_SCOPE(mash) AND SOURCE_IN_SCOPE(hsb)
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(rank_all, nominal_id)
  WHERE f.rank_all IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f ORDER BY f.rank_all, f.nominal_id
}
WITH f
LIMIT $rows_read
WITH collect([f.person_id, f.nominal_id, f.gangs, f.harm_band, f.status,
       COLLECT {
         UNWIND f.harmed_other + CASE WHEN SOURCE_IN_SCOPE(mash) THEN f.harmed_mash ELSE [] END
                + CASE WHEN SOURCE_IN_SCOPE(hsb) THEN f.harmed_hsb ELSE [] END AS key
         RETURN key ORDER BY key
       }]) AS rows
UNWIND range(0, size(rows) - 1, 100) AS first
RETURN rows[first..first + 100] AS batch
