// name: report_hsb
// question: What harmful sexual behaviour cases did a borough open in a period: settings, AIM levels, outcomes, and how many children displayed HSB or were harmed?
// param: borough: string  The borough holding the cases.
// param: date_from: date  First day of the period.
// param: date_to: date  Last day of the period.
// returns: dimension (cases, setting, aim level, outcome, children), value, count
// limit: 200
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (r:HsbCase)-[:IN_BOROUGH]->(:Borough {name: $borough})
WHERE r.record_date >= $date_from AND r.record_date <= $date_to AND IN_SCOPE(r)
CALL (r) {
  RETURN 'cases' AS dimension, 'opened' AS value, r AS counted
  UNION ALL
  RETURN 'setting' AS dimension, coalesce(r.setting, 'not recorded') AS value, r AS counted
  UNION ALL
  RETURN 'aim level' AS dimension, coalesce(r.aim_level, 'not recorded') AS value, r AS counted
  UNION ALL
  RETURN 'outcome' AS dimension, coalesce(r.outcome, 'not recorded') AS value, r AS counted
  UNION ALL
  MATCH (r)-[said:MENTIONS]->(:Mention)-[:REFERS_TO]->(p:Person)
  RETURN 'children' AS dimension,
         CASE said.role WHEN 'child_displaying_hsb' THEN 'displaying harmful sexual behaviour' ELSE 'harmed' END AS value,
         p AS counted
}
RETURN dimension, value, count(DISTINCT counted) AS count
ORDER BY dimension, count DESC, value
