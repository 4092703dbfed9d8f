// name: report_cross_borough
// question: Which other boroughs is a borough tied to through the people in its records in a period, and which looked-after children were placed in or out?
// param: borough: string  The borough.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// returns: other_borough, tie (named in records there too | placed here by them | placed there by us), people
// limit: 500
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// From the borough's records, not the record_date index: date() on the record's date keeps the planner off
// that index, which read all London's period and kept the borough's records after (8 hits a record; issue #22).
CALL () {
  MATCH (r:Record)-[:IN_BOROUGH]->(:Borough {name: $borough})
  WHERE date(r.record_date) >= $date_from AND date(r.record_date) <= $date_to AND IN_SCOPE(r)
  MATCH (r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
  WITH DISTINCT p
  MATCH (p)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(o:Record)-[:IN_BOROUGH]->(ob:Borough)
  WHERE ob.name <> $borough AND o.record_date <= $date_to
    AND IN_SCOPE(o)
  RETURN ob.name AS other_borough, 'named in records there too' AS tie, count(DISTINCT p) AS people
  UNION ALL
  MATCH (r:Referral)-[:IN_BOROUGH]->(:Borough {name: $borough}), (r)-[:PLACED_FROM]->(f:Borough)
  WHERE date(r.record_date) >= $date_from AND date(r.record_date) <= $date_to AND IN_SCOPE(r)
  MATCH (r)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(c:Person)
  RETURN f.name AS other_borough, 'placed here by them' AS tie, count(DISTINCT c) AS people
  UNION ALL
  MATCH (r:Referral)-[:PLACED_FROM]->(:Borough {name: $borough}), (r)-[:IN_BOROUGH]->(o:Borough)
  WHERE date(r.record_date) >= $date_from AND date(r.record_date) <= $date_to AND IN_SCOPE(r)
  MATCH (r)-[:MENTIONS {role: 'child_at_risk'}]->(:Mention)-[:REFERS_TO]->(c:Person)
  RETURN o.name AS other_borough, 'placed there by us' AS tie, count(DISTINCT c) AS people
}
RETURN other_borough, tie, people
ORDER BY people DESC, other_borough, tie
