// name: read_harmed_nominals
// question: harmed_nominals for all London, answered from the summary graph_loader/summaries.py keeps (HarmedNominalFact).
// param: borough: string = null  Only nominals held for this borough (a borough is answered live).
// returns: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records (as harmed_nominals)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only for a reader of every borough (jigsaw/summary_answers.COVERS): they see every entry if they
// may read the matrix (none if not), and of the records naming the nominal as harmed those of the
// sources they may read. Each row is kept four times, once for each answer such a reader can have
// (whether they may read MASH, whether HSB); the reader's own are taken in answer order from the
// (sees_mash, sees_hsb, rank, nominal_id) index (migration 017; rank is the list's size negated),
// so the catalogue stops reading at its 501st row and nothing is sorted.
MATCH (f:HarmedNominalFact)
USING INDEX f:HarmedNominalFact(sees_mash, sees_hsb, rank, nominal_id)
WHERE f.sees_mash = SOURCE_IN_SCOPE(mash) AND f.sees_hsb = SOURCE_IN_SCOPE(hsb) AND f.rank IS NOT NULL
  AND f.nominal_id IS NOT NULL AND SOURCE_IN_SCOPE(matrix)
WITH f ORDER BY f.sees_mash, f.sees_hsb, f.rank, f.nominal_id
RETURN f.person_id AS person_id, f.nominal_id AS nominal_id, f.gangs AS gangs, f.harm_band AS harm_band,
       f.status AS status, f.harmed AS harmed_in_other_records
