// name: connection_paths
// question: How are these two people connected, and which record justifies each step?
// param: from_person: string  One person's id.
// param: to_person: string  The other person's id.
// param: max_records: int = 4  At most this many records in a connection (1 to 8).
// returns: path (number), step, from_person, from_role, via (record key or place), via_kind, agency, date, to_person, to_role, claim (recorded_fact, allegation or intelligence; null for a shared place) (one row per step, each step a record or a shared place)
// limit: 200
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (a:Person {person_id: $from_person}), (z:Person {person_id: $to_person})
// The conditions sit on the pattern, so the search finds the shortest chains that meet them.
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
MATCH found = SHORTEST 5 (a)-[:REFERS_TO|MENTIONS|NAMES_PLACE]-{2,32}(z)
  WHERE size([n IN nodes(found) WHERE n:Record]) <= $max_records
  AND all(n IN nodes(found) WHERE NOT n:Record OR (IN_SCOPE(n)))
WITH collect(found) AS paths
UNWIND range(0, size(paths) - 1) AS p
WITH p + 1 AS path, nodes(paths[p]) AS ns, relationships(paths[p]) AS rels
UNWIND range(1, size(ns) - 2) AS i
WITH path, ns, rels, i WHERE ns[i]:Record OR ns[i]:Place
WITH path, ns[i] AS via, rels[i - 1] AS left, rels[i] AS right,
     [k IN range(i - 1, 0, -1) WHERE ns[k]:Person | ns[k].person_id][0] AS from_person,
     [k IN range(i + 1, size(ns) - 1) WHERE ns[k]:Person | ns[k].person_id][0] AS to_person, i
OPTIONAL MATCH (via)-[:HELD_BY]->(agency:Agency)
RETURN path, i AS step, from_person,
       CASE type(left) WHEN 'MENTIONS' THEN CASE WHEN left.role = 'gang_nominal' AND via.status <> 'active' THEN 'removed_from_matrix' ELSE left.role END END AS from_role,
       coalesce(via.record_key, via.name) AS via,
       CASE WHEN via:Record THEN via.source ELSE 'place: ' + via.place_type END AS via_kind,
       agency.name AS agency, via.record_date AS date, to_person,
       CASE type(right) WHEN 'MENTIONS' THEN CASE WHEN right.role = 'gang_nominal' AND via.status <> 'active' THEN 'removed_from_matrix' ELSE right.role END END AS to_role,
       CASE WHEN via:Record THEN
         CASE WHEN left.claim = 'recorded_fact' AND right.claim = 'recorded_fact' THEN 'recorded_fact'
              ELSE coalesce(CASE WHEN left.claim <> 'recorded_fact' THEN left.claim END, right.claim) END
       END AS claim
ORDER BY path, step
