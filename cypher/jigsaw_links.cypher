// name: jigsaw_links
// question: Which connections exist only when records from two or more agencies are put together, and which agency contributed each piece?
// param: borough: string = null  Only links where a record is held for this borough (optional).
// param: person_id: string = null  Only links with this person at either end or in the middle (optional).
// returns: person_a, bridge (person or place in the middle), bridge_kind, person_b, agency_a, record_a, agency_b, record_b
// limit: 1000
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
// For a restricted reader both pieces come from records they may read, and "not already tied"
// is judged on those records too: a tie they cannot see is not one they already know.
// Four branches, two kinds of bridge (a person, a place) read two ways: for all London, every
// record is read once; for one borough, the search starts from that borough's records, taking
// each as either end of the link (then the two ends are put in person-id order), so it reads a
// thirty-second of London rather than all of it and filters.
// The tying record in NOT EXISTS has no label on purpose: with `:Record` the planner could seek
// every record through the source index once per candidate link (520 MB at 500 rows).
WITH 1 AS everywhere WHERE $borough IS NULL
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r1:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(x:Person)
      <-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r2:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE r1.source <> r2.source AND a <> x AND b <> x AND a.person_id < b.person_id AND IN_SCOPE(r1) AND IN_SCOPE(r2)
  AND ($person_id IS NULL OR $person_id IN [a.person_id, x.person_id, b.person_id])
  AND NOT EXISTS { (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(tie)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b) WHERE IN_SCOPE(tie) }
RETURN DISTINCT a.person_id AS person_a, x.person_id AS bridge, 'person' AS bridge_kind, b.person_id AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY person_a, person_b, bridge, record_a, record_b
UNION
WITH 1 AS everywhere WHERE $borough IS NULL
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r1:Record)-[:NAMES_PLACE]->(pl:Place)
      <-[:NAMES_PLACE]-(r2:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE r1.source <> r2.source AND a.person_id < b.person_id AND IN_SCOPE(r1) AND IN_SCOPE(r2)
  AND ($person_id IS NULL OR $person_id IN [a.person_id, b.person_id])
  AND NOT EXISTS { (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(tie)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b) WHERE IN_SCOPE(tie) }
RETURN DISTINCT a.person_id AS person_a, pl.name AS bridge, 'place' AS bridge_kind, b.person_id AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY person_a, person_b, bridge, record_a, record_b
UNION
WITH 1 AS in_borough WHERE $borough IS NOT NULL
MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(r:Record)
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(x:Person)
      <-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(other:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(q:Person)
WHERE r.source <> other.source AND p <> x AND q <> x AND p <> q AND IN_SCOPE(r) AND IN_SCOPE(other)
  AND ($person_id IS NULL OR $person_id IN [p.person_id, x.person_id, q.person_id])
WITH x, p.person_id < q.person_id AS in_order, p, q, r, other
WITH x, CASE WHEN in_order THEN p ELSE q END AS a, CASE WHEN in_order THEN q ELSE p END AS b,
     CASE WHEN in_order THEN r ELSE other END AS r1, CASE WHEN in_order THEN other ELSE r END AS r2
WHERE NOT EXISTS { (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(tie)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b) WHERE IN_SCOPE(tie) }
RETURN DISTINCT a.person_id AS person_a, x.person_id AS bridge, 'person' AS bridge_kind, b.person_id AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY person_a, person_b, bridge, record_a, record_b
UNION
WITH 1 AS in_borough WHERE $borough IS NOT NULL
MATCH (:Borough {name: $borough})<-[:IN_BOROUGH]-(r:Record)
MATCH (p:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r)-[:NAMES_PLACE]->(pl:Place)
      <-[:NAMES_PLACE]-(other:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(q:Person)
WHERE r.source <> other.source AND p <> q AND IN_SCOPE(r) AND IN_SCOPE(other)
  AND ($person_id IS NULL OR $person_id IN [p.person_id, q.person_id])
WITH pl, p.person_id < q.person_id AS in_order, p, q, r, other
WITH pl, CASE WHEN in_order THEN p ELSE q END AS a, CASE WHEN in_order THEN q ELSE p END AS b,
     CASE WHEN in_order THEN r ELSE other END AS r1, CASE WHEN in_order THEN other ELSE r END AS r2
WHERE NOT EXISTS { (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(tie)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b) WHERE IN_SCOPE(tie) }
RETURN DISTINCT a.person_id AS person_a, pl.name AS bridge, 'place' AS bridge_kind, b.person_id AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY person_a, person_b, bridge, record_a, record_b
