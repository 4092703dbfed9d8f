// name: read_harmed_nominals_some_boroughs
// question: harmed_nominals for a reader of some boroughs, answered from the summary graph_loader/summaries.py keeps (HarmedNominalFact).
// param: borough: string = null  Only nominals held for this borough (optional).
// returns: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records (as harmed_nominals)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A reader of some boroughs sees the entries held in their boroughs, and of the records naming the
// nominal as harmed those they may read, wherever each is held: so no rank kept for a reader of every
// borough gives their order. Each fact keeps its entry's borough (migration 021), so their boroughs'
// facts (the borough asked, if one is, and it is theirs) are sought by it; each entry is checked as live
// checks it (IN_SCOPE, through the entry the fact summarises), and each kept record key is sought and
// kept only if the reader may read that record. Then sorted as live sorts: their list's size, then the
// nominal. Live walked from each entry to every record naming its nominal: 190 to 230 ms at L for a
// reader of three boroughs (2,875 entries).
MATCH (start:Borough)
WHERE SOURCE_IN_SCOPE(matrix) AND BOROUGH_IN_SCOPE(start) AND ($borough IS NULL OR start.name = $borough)
CALL (start) {
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(borough, rank, nominal_id)
  WHERE f.borough = start.name AND f.rank IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f
}
MATCH (e:MatrixEntry)-[:SUMMARISED_IN]->(f)
WHERE IN_SCOPE(e)
WITH f, COLLECT {
  UNWIND f.harmed_other + f.harmed_mash + f.harmed_hsb AS key
  MATCH (named:Record {record_key: key})
  WHERE IN_SCOPE(named)
  RETURN key ORDER BY key
} AS harmed
RETURN f.person_id AS person_id, f.nominal_id AS nominal_id, f.gangs AS gangs, f.harm_band AS harm_band,
       f.status AS status, harmed AS harmed_in_other_records
ORDER BY size(harmed_in_other_records) DESC, nominal_id
