// name: doubtful_values
// question: Which recorded values are kept but doubtful (an impossible date of birth, an unknown code, a blank expected field), where, as recorded, and why?
// param: borough: string = null  Only records held by this borough (optional).
// param: field: string = null  Only this field, e.g. dob (optional).
// returns: source, record_id, record_date, part, field, as_recorded, reason (one row per doubtful value; the value itself is left out of identity matching, ages and age bands)
// limit: 1000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Only the records holding a doubt in some part (`has_doubts`, kept by the loader), one seek of the
// (has_doubts, borough, record_date) index (migration 014): it read the borough's whole history, about
// 11,000 records at L, to list a few hundred (issue #22). Two ways in, each guarded by a one-row WITH on
// the parameter: a `$borough IS NULL OR ...` beside the MATCH made the planner read every record in London.
// (Every record has a borough and a date: the IS NOT NULLs only let the hint name the whole index.)
CALL () {
  WITH 1 AS one WHERE $borough IS NOT NULL
  MATCH (r:Record)
  USING INDEX r:Record(has_doubts, borough, record_date)
  WHERE r.has_doubts = true AND r.borough = $borough AND r.record_date IS NOT NULL AND IN_SCOPE(r)
  RETURN r
  UNION ALL
  WITH 1 AS one WHERE $borough IS NULL
  MATCH (r:Record)-[:IN_BOROUGH]->(:Borough)
  USING INDEX r:Record(has_doubts, borough, record_date)
  WHERE r.has_doubts = true AND r.borough IS NOT NULL AND r.record_date IS NOT NULL AND IN_SCOPE(r)
  RETURN r
}
CALL (r) {
  // The record's own fields, each person it names, and each place as it names it.
  WITH r WHERE r.doubts IS NOT NULL
  RETURN 'record' AS part, r AS holder
  UNION
  MATCH (r)-[said:MENTIONS]->(m:Mention) WHERE m.doubts IS NOT NULL
  RETURN 'person named (' + coalesce(said.role, 'role in doubt') + ')' AS part, m AS holder
  UNION
  MATCH (r)-[np:NAMES_PLACE]->(:Place) WHERE np.doubts IS NOT NULL
  RETURN 'place named (' + np.name_as_recorded + ')' AS part, np AS holder
}
UNWIND holder.doubts AS doubt
WITH r, part, holder, split(doubt, ': ')[0] AS field, doubt
WHERE $field IS NULL OR field = $field
RETURN r.source AS source, r.source_id AS record_id, r.record_date AS record_date, part, field,
       holder[field + '_as_recorded'] AS as_recorded, substring(doubt, size(field) + 2) AS reason
ORDER BY record_date DESC, record_id, part, field
