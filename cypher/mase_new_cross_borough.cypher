// name: mase_new_cross_borough
// question: Which people named in a borough's records were first named in another borough's records between two meetings (new cross-borough ties)?
// param: borough: string  The borough.
// param: since: date  The last meeting's date.
// param: until: date  This meeting's date.
// returns: person_id, roles (here, alphabetical), other_borough, first_named_there
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
// Why it starts from the period's records in other boroughs: someone first named in another
// borough after $since is named there by a record dated in the period, so only the people
// those records name can answer (the query before issue #22 read the whole history of everyone
// the borough ever named). Same rows (tests/test_live_queries.py).
// The hint: on statistics taken mid-load the planner scanned every REFERS_TO instead.
MATCH (n:Record)-[:IN_BOROUGH]->(nb:Borough)
USING INDEX n:Record(record_date)
WHERE n.record_date > $since AND n.record_date <= $until AND nb.name <> $borough AND IN_SCOPE(n)
MATCH (n)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
WITH DISTINCT p
CALL (p) {
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[said:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
  WHERE r.record_date <= $until AND IN_SCOPE(r)
  WITH DISTINCT CASE WHEN said.role = 'gang_nominal' AND r.status <> 'active' THEN 'removed_from_matrix' ELSE said.role END AS role
  ORDER BY role
  // counted, not only collected: someone named here with a role in doubt has no role yet still answers
  RETURN collect(role) AS roles, count(*) AS named_here
}
WITH p, roles WHERE named_here > 0
MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:IN_BOROUGH]->(ob:Borough)
WHERE ob.name <> $borough AND r.record_date <= $until AND IN_SCOPE(r)
WITH p, roles, ob.name AS other_borough, min(r.record_date) AS first_named_there
WHERE first_named_there > $since
RETURN p.person_id AS person_id, roles, other_borough, first_named_there
ORDER BY first_named_there, person_id
