// name: mase_actions
// question: Which actions are recorded for a borough's MASE: open ones, overdue ones, and those closed since the last meeting?
// param: borough: string  The borough.
// param: since: date = null  The last meeting's date (actions closed before it are left out).
// param: until: date  This meeting's date (an open action due before it is overdue).
// returns: action_id, kind, description, owner, due, status, overdue, subject_kind, subject_key, subject (a place's or context's name; a child is shown by id), subject_place_type, subject_postcode, meeting, history
// limit: 1000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A restricted reader sees an action of a borough they may read, about a child, place or context they may see.
MATCH (a:Action {borough: $borough})-[:CONCERNS]->(s)
WHERE (a.status IN ['open', 'in_progress'] OR $since IS NULL OR a.updated_at IS NULL OR date(a.updated_at) > $since)
  AND WORK_IN_SCOPE(a)
  AND CASE a.subject_kind WHEN 'person' THEN PERSON_IN_SCOPE(s) WHEN 'place' THEN PLACE_IN_SCOPE(s) ELSE WORK_IN_SCOPE(s) END
RETURN a.action_id AS action_id, a.kind AS kind, a.description AS description, a.owner AS owner, a.due AS due,
       a.status AS status, a.status IN ['open', 'in_progress'] AND a.due < $until AS overdue,
       a.subject_kind AS subject_kind, a.subject_key AS subject_key,
       CASE a.subject_kind WHEN 'person' THEN null ELSE coalesce(s.name, s.context_id) END AS subject,
       s.place_type AS subject_place_type, s.postcode AS subject_postcode,
       a.meeting AS meeting, a.history AS history
ORDER BY overdue DESC, a.due, a.action_id
