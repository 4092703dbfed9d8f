// name: investigation_reach
// question: Who is one step from the people of an investigation (named in a record with one of them) but not among them?
// param: person_ids: list[string]  The people of the investigation.
// returns: person_id (someone within reach), via (a person of the investigation they are tied to), record_key (a record behind the tie), records (how many records tie them in)
// limit: 5000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// One step as on the Person page's network (ego_network): two people named in the same record.
UNWIND $person_ids AS id
MATCH (a:Person {person_id: id})<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE NOT b.person_id IN $person_ids AND IN_SCOPE(r)
WITH b, min(a.person_id) AS via, min(r.record_key) AS record_key, count(DISTINCT r) AS records
RETURN b.person_id AS person_id, via, record_key, records
ORDER BY records DESC, person_id
