// name: ties_among
// question: Which records tie these people to each other (subject to named person), and how?
// param: person_ids: list[string]  The people whose ties to draw (a peer group, a gang overlap list).
// returns: a, b (person ids), record_key, agency, date, claim
// limit: 5000
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// Same rule as the analytics projection: a record ties its subject (referred child,
// nominal, HSB case children) to each person it names.
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[sa:MENTIONS]-(r:Record)-[sb:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE a.person_id IN $person_ids AND b.person_id IN $person_ids AND a.person_id < b.person_id
  AND IN_SCOPE(r)
  AND (sa.role IN $subject_roles
       OR sb.role IN $subject_roles)
MATCH (r)-[:HELD_BY]->(agency:Agency)
RETURN DISTINCT a.person_id AS a, b.person_id AS b, r.record_key AS record_key, agency.name AS agency,
       r.record_date AS date, CASE WHEN sa.claim = 'recorded_fact' AND sb.claim = 'recorded_fact' THEN 'recorded_fact'
       ELSE coalesce(CASE WHEN sa.claim <> 'recorded_fact' THEN sa.claim END, sb.claim) END AS claim
ORDER BY a, b, record_key
