// name: connection_paths
// question: How are these two people connected, and which record justifies each step?
// param: from_person: string  One person's id.
// param: to_person: string  The other person's id.
// param: max_records: int = 4  At most this many records in a connection (1 to 8).
// returns: path (number), step (1, 2, ... along the chain), from_person, from_place, from_role, via (record key), via_kind, agency, date, to_person, to_place, to_role, claim (recorded_fact, allegation or intelligence) (one row per step: each step is a record, and its two ends are the person or shared place on either side of it in the chain, so a record, place, record chain is two steps that meet at the place)
// limit: 200
// timeout: 20
// scoped: yes  (need to know: IN_SCOPE and the other markers of jigsaw/need_to_know.py)
MATCH (a:Person {person_id: $from_person}), (z:Person {person_id: $to_person})
// The conditions sit on the pattern, so the search finds the shortest chains that meet them. What the
// reader may read is a condition on each step (inside the pattern), so the search never walks through a
// record they may not read: a reader of some boroughs gets the shortest chains held there even when
// shorter ones run through records held elsewhere (which, filtered after the search, once left them
// none), and the search stays in their part of the graph (72 ms to 6 ms at L for a pair with no chain).
// A chain of n records has at most 4n steps (person, mention, record: 2; record to record through a
// person 4, through a place 2; record, mention, person: 2), so the search stops at 4 x $max_records steps
// in bands (a quantifier's bounds cannot be parameters): a chain it leaves out could never have counted,
// and a pair with fewer chains than asked is no longer searched to 32 steps (a pair named in one record
// took the whole time limit at L for any $max_records; up to 4, now milliseconds).
// A nominal whose matrix entry is no longer active is presented as removed_from_matrix, never as a gang nominal.
CALL (a, z) {
  WITH a, z WHERE $max_records <= 1
  MATCH found = SHORTEST 5 (a)((x)-[:REFERS_TO|MENTIONS|NAMES_PLACE]-(y) WHERE NOT y:Record OR IN_SCOPE(y)){2,4}(z)
    WHERE size([n IN nodes(found) WHERE n:Record]) <= $max_records
  RETURN found
  UNION ALL
  WITH a, z WHERE 1 < $max_records <= 2
  MATCH found = SHORTEST 5 (a)((x)-[:REFERS_TO|MENTIONS|NAMES_PLACE]-(y) WHERE NOT y:Record OR IN_SCOPE(y)){2,8}(z)
    WHERE size([n IN nodes(found) WHERE n:Record]) <= $max_records
  RETURN found
  UNION ALL
  WITH a, z WHERE 2 < $max_records <= 4
  MATCH found = SHORTEST 5 (a)((x)-[:REFERS_TO|MENTIONS|NAMES_PLACE]-(y) WHERE NOT y:Record OR IN_SCOPE(y)){2,16}(z)
    WHERE size([n IN nodes(found) WHERE n:Record]) <= $max_records
  RETURN found
  UNION ALL
  WITH a, z WHERE 4 < $max_records
  MATCH found = SHORTEST 5 (a)((x)-[:REFERS_TO|MENTIONS|NAMES_PLACE]-(y) WHERE NOT y:Record OR IN_SCOPE(y)){2,32}(z)
    WHERE size([n IN nodes(found) WHERE n:Record]) <= $max_records
  RETURN found
}
WITH collect(found) AS paths
UNWIND range(0, size(paths) - 1) AS p
WITH p + 1 AS path, nodes(paths[p]) AS ns, relationships(paths[p]) AS rels
UNWIND range(1, size(ns) - 2) AS i
WITH path, ns, rels, i WHERE ns[i]:Record
// A record's two ends: the nearest person or place on each side (a mention sits between a record and its person).
WITH path, ns[i] AS via, rels[i - 1] AS left, rels[i] AS right,
     size([k IN range(1, i) WHERE ns[k]:Record]) AS step,
     [k IN range(i - 1, 0, -1) WHERE ns[k]:Person OR ns[k]:Place | ns[k]][0] AS from_end,
     [k IN range(i + 1, size(ns) - 1) WHERE ns[k]:Person OR ns[k]:Place | ns[k]][0] AS to_end
OPTIONAL MATCH (via)-[:HELD_BY]->(agency:Agency)
RETURN path, step, CASE WHEN from_end:Person THEN from_end.person_id END AS from_person,
       CASE WHEN from_end:Place THEN from_end.name END AS from_place,
       CASE type(left) WHEN 'MENTIONS' THEN CASE WHEN left.role = 'gang_nominal' AND via.status <> 'active' THEN 'removed_from_matrix' ELSE left.role END END AS from_role,
       via.record_key AS via,
       via.source AS via_kind,
       agency.name AS agency, via.record_date AS date,
       CASE WHEN to_end:Person THEN to_end.person_id END AS to_person, CASE WHEN to_end:Place THEN to_end.name END AS to_place,
       CASE type(right) WHEN 'MENTIONS' THEN CASE WHEN right.role = 'gang_nominal' AND via.status <> 'active' THEN 'removed_from_matrix' ELSE right.role END END AS to_role,
       CASE WHEN left.claim = 'recorded_fact' AND right.claim = 'recorded_fact' THEN 'recorded_fact'
            ELSE coalesce(CASE WHEN left.claim <> 'recorded_fact' THEN left.claim END, right.claim) END AS claim
ORDER BY path, step
