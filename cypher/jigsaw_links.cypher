// name: jigsaw_links
// question: Which connections exist only when records from two or more agencies are put together, and which agency contributed each piece?
// param: borough: string = null  Only links where a record is held for this borough (optional).
// param: person_id: string = null  Only links with this person at either end or in the middle (optional).
// returns: person_a, bridge (person or place in the middle), bridge_kind, person_b, agency_a, record_a, agency_b, record_b
// limit: 1000
// timeout: 20
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r1:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(x:Person)
      <-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r2:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE r1.source <> r2.source AND a <> x AND b <> x AND a.person_id < b.person_id
  AND ($person_id IS NULL OR $person_id IN [a.person_id, x.person_id, b.person_id])
  AND ($borough IS NULL OR EXISTS { (r1)-[:IN_BOROUGH]->(:Borough {name: $borough}) } OR EXISTS { (r2)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
  AND NOT EXISTS { (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b) }
WITH a, x.person_id AS bridge, 'person' AS bridge_kind, b, r1, r2
RETURN DISTINCT a.person_id AS person_a, bridge, bridge_kind, b.person_id AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY person_a, person_b, bridge, record_a, record_b
UNION
MATCH (a:Person)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(r1:Record)-[:NAMES_PLACE]->(pl:Place)
      <-[:NAMES_PLACE]-(r2:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b:Person)
WHERE r1.source <> r2.source AND a.person_id < b.person_id
  AND ($person_id IS NULL OR $person_id IN [a.person_id, b.person_id])
  AND ($borough IS NULL OR EXISTS { (r1)-[:IN_BOROUGH]->(:Borough {name: $borough}) } OR EXISTS { (r2)-[:IN_BOROUGH]->(:Borough {name: $borough}) })
  AND NOT EXISTS { (a)<-[:REFERS_TO]-(:Mention)<-[:MENTIONS]-(:Record)-[:MENTIONS]->(:Mention)-[:REFERS_TO]->(b) }
RETURN DISTINCT a.person_id AS person_a, pl.name AS bridge, 'place' AS bridge_kind, b.person_id AS person_b,
       r1.source AS agency_a, r1.record_key AS record_a, r2.source AS agency_b, r2.record_key AS record_b
  ORDER BY person_a, person_b, bridge, record_a, record_b
