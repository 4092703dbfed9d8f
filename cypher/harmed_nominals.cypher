// name: harmed_nominals
// question: Which gang nominals are themselves believed to be harmed or exploited, and do CSE or HSB records name them as harmed too?
// param: borough: string = null  Only nominals held for this borough (optional).
// returns: person_id, nominal_id, gangs, harm_band, status, harmed_in_other_records (record keys where they are a child at risk or harmed)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// The nominal the entry is about, not an associate it names.
// The active, harmed-or-exploited entries only, one seek of the (harmed_or_exploited, status, borough)
// index (migration 014): it read every matrix entry of the borough to keep those (issue #22). Two ways in,
// each guarded by a one-row WITH on the parameter: a `$borough IS NULL OR ...` beside the MATCH made the
// planner read every matrix entry in London even for one borough. (Every entry has a borough: the IS NOT NULL
// only lets the hint name the whole index.) All London is read from each borough of a reader of some.
// (EVERY_BOROUGH_IN_SCOPE: which way in, never a filter.)
CALL () {
  // A borough asked, and all London for a reader of some boroughs from each of theirs (the entries
  // they may read are held there): the same seek from each. A borough outside the reader's holds none
  // they may read: nothing is read there.
  WITH 1 AS one WHERE $borough IS NOT NULL OR NOT EVERY_BOROUGH_IN_SCOPE()
  MATCH (start:Borough)
  WHERE BOROUGH_IN_SCOPE(start) AND ($borough IS NULL OR start.name = $borough)
  CALL (start) {
    MATCH (e:MatrixEntry)
    USING INDEX e:MatrixEntry(harmed_or_exploited, status, borough)
    WHERE e.harmed_or_exploited = true AND e.status = 'active' AND e.borough = start.name AND IN_SCOPE(e)
    RETURN e
  }
  RETURN e
  UNION
  WITH 1 AS one WHERE $borough IS NULL AND EVERY_BOROUGH_IN_SCOPE()
  MATCH (e:MatrixEntry)
  USING INDEX e:MatrixEntry(harmed_or_exploited, status, borough)
  WHERE e.harmed_or_exploited = true AND e.status = 'active' AND e.borough IS NOT NULL AND IN_SCOPE(e)
  RETURN e
}
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS {role: 'gang_nominal'}]-(e)
OPTIONAL MATCH (p)<-[:REFERS_TO]-(:Mention)<-[s:MENTIONS]-(r:Record)
WHERE s.role IN $child_roles AND IN_SCOPE(r)
WITH p, e, collect(DISTINCT r.record_key) AS harmed
// The keys in order, so the list is the same however the records were read (the summary keeps it so).
RETURN p.person_id AS person_id, e.source_id AS nominal_id, e.gangs AS gangs, e.harm_band AS harm_band,
       e.status AS status, COLLECT { UNWIND harmed AS k RETURN k ORDER BY k } AS harmed_in_other_records
ORDER BY size(harmed_in_other_records) DESC, nominal_id
