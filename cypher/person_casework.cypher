// name: person_casework
// question: What casework touches a young person: actions, assessments and plans about them, about the places their records name and the peer groups they belong to, and their safety mapping (protective adults, safe places)?
// param: person_id: string  The person.
// returns: via (this child | place: name | peer group: name), item (action, assessment, plan, protective adult, safe place), detail, owner, status, date (due, review or recorded), recorded_by
// limit: 500
// scoped: yes  (honours the reader's sources and boroughs: $scope_sources, $scope_boroughs)
MATCH (p:Person {person_id: $person_id})
CALL (p) {
  MATCH (p)<-[:CONCERNS]-(w)
  RETURN 'this child' AS via, w
  UNION
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:NAMES_PLACE]->(pl:Place)<-[:CONCERNS]-(w)
  WHERE r.source IN $scope_sources AND ($scope_boroughs IS NULL OR EXISTS { (r)-[:IN_BOROUGH]->(scope_b:Borough) WHERE scope_b.name IN $scope_boroughs })
  RETURN 'place: ' + pl.name AS via, w
  UNION
  MATCH (p)<-[:INCLUDES]-(cx:Context)<-[:CONCERNS]-(w)
  RETURN 'peer group: ' + cx.name AS via, w
}
WITH p, via, w
RETURN via,
       CASE WHEN w:Action THEN 'action: ' + w.kind ELSE w.kind END AS item,
       coalesce(w.description, w.summary) AS detail, w.owner AS owner, w.status AS status,
       toString(coalesce(w.due, w.review_on, date(w.created_at))) AS date, w.created_by AS recorded_by
UNION
MATCH (p:Person {person_id: $person_id})-[s:PROTECTIVE_ADULT|SAFE_PLACE]->(t)
RETURN 'this child' AS via, CASE type(s) WHEN 'SAFE_PLACE' THEN 'safe place' ELSE 'protective adult' END AS item,
       CASE WHEN t:Place THEN t.name WHEN t:SafetyContact THEN t.description ELSE 'person ' + t.person_id END
         + CASE WHEN s.note IS NULL THEN '' ELSE ': ' + s.note END AS detail,
       null AS owner, null AS status, toString(date(s.recorded_at)) AS date, s.recorded_by AS recorded_by
