// name: person_casework
// question: What casework touches a young person: actions, assessments and plans about them, about the places their records name and the peer groups they belong to, and their safety mapping (protective adults, safe places)?
// param: person_id: string  The person.
// returns: via (this child | place: name | peer group: name), ref (the action, assessment or safety entry id), item (action, assessment, plan, protective adult, safe place), detail, owner, status, date (due, review or recorded), recorded_by
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Need to know: the child must be in the reader's scope; casework must belong to a borough the
// reader may read; a place or a protective adult must be named by a record the reader may read.
MATCH (p:Person {person_id: $person_id})
WHERE PERSON_IN_SCOPE(p)
CALL (p) {
  MATCH (p)<-[:CONCERNS]-(w)
  WHERE WORK_IN_SCOPE(w)
  RETURN 'this child' AS via, w
  UNION
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:NAMES_PLACE]->(pl:Place)<-[:CONCERNS]-(w)
  WHERE IN_SCOPE(r) AND WORK_IN_SCOPE(w)
  RETURN 'place: ' + pl.name AS via, w
  UNION
  MATCH (p)<-[:INCLUDES]-(cx:Context)<-[:CONCERNS]-(w)
  WHERE WORK_IN_SCOPE(cx) AND WORK_IN_SCOPE(w)
  RETURN 'peer group: ' + cx.name AS via, w
}
WITH p, via, w
RETURN via, coalesce(w.action_id, w.assessment_id) AS ref,
       CASE WHEN w:Action THEN 'action: ' + w.kind ELSE w.kind END AS item,
       coalesce(w.description, w.summary) AS detail, w.owner AS owner, w.status AS status,
       toString(coalesce(w.due, w.review_on, date(w.created_at))) AS date, w.created_by AS recorded_by
UNION
MATCH (p:Person {person_id: $person_id})-[s:PROTECTIVE_ADULT|SAFE_PLACE]->(t)
WHERE PERSON_IN_SCOPE(p)
  AND CASE WHEN t:Place THEN PLACE_IN_SCOPE(t) WHEN t:Person THEN PERSON_IN_SCOPE(t) ELSE true END
RETURN 'this child' AS via, s.entry_id AS ref, CASE type(s) WHEN 'SAFE_PLACE' THEN 'safe place' ELSE 'protective adult' END AS item,
       CASE WHEN t:Place THEN t.name WHEN t:SafetyContact THEN t.description ELSE 'person ' + t.person_id END
         + CASE WHEN s.note IS NULL THEN '' ELSE ': ' + s.note END AS detail,
       null AS owner, null AS status, toString(date(s.recorded_at)) AS date, s.recorded_by AS recorded_by
