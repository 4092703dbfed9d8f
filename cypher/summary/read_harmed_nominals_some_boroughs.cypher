// name: read_harmed_nominals_some_boroughs
// question: harmed_nominals for a reader of some boroughs, answered from the summary graph_loader/summaries.py keeps (HarmedNominalFact).
// param: borough: string = null  Only nominals held for this borough (optional).
// returns: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records (as harmed_nominals)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A reader of some boroughs sees the entries held in their boroughs, and of the records naming the
// nominal as harmed those they may read, wherever each is held: so no rank kept for a reader of every
// borough gives their order. Each fact keeps its entry's borough (migration 021), so their boroughs'
// facts (the borough asked, if one is, and it is theirs) are sought by it. The entry itself is not looked
// up: its fact's borough is the entry's own (harmed_build), one of the reader's by the seek, and an entry is
// a matrix record, a source they may read; so IN_SCOPE of the entry holds for every fact sought (walking
// to each entry was half this read's db hits at L). Each fact also keeps every record naming
// the nominal as harmed, in key order, with the source and borough holding it (migration 027), so the
// records the reader may read are judged from that note (HELD_IN_SCOPE) and not sought one by one
// (2,521 seeks for a reader of three boroughs at L, most of the read's 110 ms). Then sorted as live
// sorts: their list's size, then the nominal; the entries' details read for the rows shown only.
MATCH (start:Borough)
WHERE SOURCE_IN_SCOPE(matrix) AND BOROUGH_IN_SCOPE(start) AND ($borough IS NULL OR start.name = $borough)
CALL (start) {
  MATCH (f:HarmedNominalFact)
  USING INDEX f:HarmedNominalFact(borough, rank, nominal_id)
  WHERE f.borough = start.name AND f.rank IS NOT NULL AND f.nominal_id IS NOT NULL
  RETURN f
}
// One list comprehension keeps the fact's key order (the build sorts it), cheaper than a subquery per fact.
WITH f, [held IN [i IN range(0, size(f.named_keys) - 1) |
                   {key: f.named_keys[i], source: f.named_sources[i], borough: f.named_boroughs[i]}]
         WHERE HELD_IN_SCOPE(held) | held.key] AS harmed
WITH f, harmed ORDER BY size(harmed) DESC, f.nominal_id LIMIT $rows_read
RETURN f.person_id AS person_id, f.nominal_id AS nominal_id, f.gangs AS gangs, f.harm_band AS harm_band,
       f.status AS status, harmed AS harmed_in_other_records
ORDER BY size(harmed_in_other_records) DESC, nominal_id
