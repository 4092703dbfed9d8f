// name: mase_new_links
// question: Which children and suspects named in a borough's records became known to a second agency between two meetings (new jigsaw links)?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, roles (alphabetical), agencies (each with the date it first named them, oldest first), joined_on (when a second agency first named them)
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
// Why it starts from the period's records: a second agency first naming someone after $since
// names them in a record dated in the period, so only the people those records name can
// answer. Starting from every record the borough ever held (the query before issue #22) read
// the whole history of everyone named there on each call. Same rows (tests/test_live_queries.py).
// The hint: on statistics taken mid-load the planner scanned every REFERS_TO instead.
MATCH (n:Record)
USING INDEX n:Record(record_date)
WHERE n.record_date > $since AND n.record_date <= $until AND IN_SCOPE(n)
MATCH (n)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH DISTINCT p
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
  WHERE said.role IN $concern_roles AND r.record_date <= $until AND IN_SCOPE(r)
  WITH DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END AS role
  ORDER BY role
  RETURN collect(role) AS roles
}
WITH p, roles WHERE size(roles) > 0
MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)
WHERE r.record_date <= $until AND IN_SCOPE(r)
WITH p, roles, r.source AS agency, min(r.record_date) AS first_seen
ORDER BY first_seen, agency
WITH p, roles, collect(agency + ' ' + toString(first_seen)) AS agencies, collect(first_seen) AS dates
WHERE size(dates) >= 2 AND dates[1] > $since
RETURN p.person_id AS person_id, roles, agencies, dates[1] AS joined_on
ORDER BY joined_on, person_id
